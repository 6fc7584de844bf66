using System;

namespace SourceAD;

/// <summary>
/// Receives the differentiable members of a model, each beside the same member of its gradient, in declaration order
/// (nested members dotted: <c>Layer.W</c>). Generated code calls it (see <see cref="IDifferentiableModel{TSelf}"/>),
/// so optimisers and <see cref="GradCheck"/> reach every parameter of a model without reflection.
/// </summary>
public interface IMemberVisitor
{
    /// <summary>A <c>double</c> member, writable through <paramref name="value"/>.</summary>
    void Visit(string name, ref double value, double gradient);

    /// <summary>A <c>float</c> member, writable through <paramref name="value"/>.</summary>
    void Visit(string name, ref float value, float gradient);

    /// <summary>A <c>double[]</c> member.</summary>
    void Visit(string name, Span<double> value, ReadOnlySpan<double> gradient);

    /// <summary>A <c>float[]</c> or <see cref="Tensor"/> member (a tensor's elements, row-major).</summary>
    void Visit(string name, Span<float> value, ReadOnlySpan<float> gradient);
}
