using System;
using System.Numerics.Tensors;

namespace SourceAD;

// Arithmetic on tangents where null is a zero tangent, for the tangent rules: generated code passes null for an
// operand that does not depend on the direction, and a rule whose operands' tangents are all null returns null.
public sealed partial class Tensor
{
    /// <summary>Checks a tangent's shape against its operand's; returns it (null stays null: a zero tangent).</summary>
    private static Tensor? TangentOf(string name, Tensor x, Tensor? tangent, string parameter)
    {
        ArgumentNullException.ThrowIfNull(x);
        return TensorShape.IsRequested(name, x._shape, tangent, parameter) ? tangent : null;
    }

    /// <summary>p + q as tangents of a value of <paramref name="shape"/>: a lone term repeats over the shape where it is smaller.</summary>
    private static Tensor? Plus(Tensor? p, Tensor? q, int[] shape) => (p, q) switch
    {
        (null, null) => null,
        (null, { } only) => Expand(only, shape),
        ({ } only, null) => Expand(only, shape),
        ({ } both, { } and) => Expand(Add(both, and), shape),
    };

    /// <summary>p + q for a tensor tangent p and a scalar tangent q of a value of <paramref name="shape"/>.</summary>
    private static Tensor? Plus(Tensor? p, float q, int[] shape) => p is null
        ? (q == 0f ? null : Full(q, shape))
        : (q == 0f ? p : Add(p, q));

    /// <summary>The tangent itself when it has <paramref name="shape"/>; otherwise repeated over it (its shape is a suffix).</summary>
    private static Tensor Expand(Tensor tangent, int[] shape) =>
        tangent._shape.AsSpan().SequenceEqual(shape) ? tangent : Binary(BinaryOperation.Add, nameof(Add), Create(shape), tangent);

    /// <summary>−t, or null for a zero tangent.</summary>
    private static Tensor? Minus(Tensor? tangent) => tangent is null ? null : Negate(tangent);

    /// <summary>t · s, or null for a zero tangent.</summary>
    private static Tensor? Scaled(Tensor? tangent, float scale) => tangent is null ? null : Multiply(tangent, scale);

    /// <summary>t ⊙ x for a tangent t and a tensor x (broadcast), or null for a zero tangent.</summary>
    private static Tensor? Times(Tensor? tangent, Tensor x) => tangent is null ? null : Multiply(tangent, x);

    /// <summary>x · s for a scalar tangent s, or null when s is zero.</summary>
    private static Tensor? Times(Tensor x, float scale) => scale == 0f ? null : Multiply(x, scale);

    /// <summary>t ⊙ slope elementwise into a new tensor shaped like <paramref name="x"/>: the tangent of an elementwise map with that slope.</summary>
    private static Tensor Slope(Tensor x, Tensor tangent, ReadOnlySpan<float> slope)
    {
        Tensor result = Create(x._shape);
        TensorPrimitives.Multiply(tangent._data, slope, result._data);
        return result;
    }
}
