using System;

namespace SourceAD;

/// <summary>Steps on a point through a <see cref="Gradient"/> (a generated <c>FGradient(…)</c>).</summary>
public sealed partial class Sgd
{
    private double[] _gradient = Array.Empty<double>();

    /// <summary>Evaluates <paramref name="function"/> and its gradient at <paramref name="x"/>, then steps: <c>x −= learningRate · ∇f(x)</c>.</summary>
    /// <param name="function">The function and its gradient, e.g. a generated <c>FGradient(…)</c>.</param>
    /// <param name="x">The point, updated in place.</param>
    /// <returns>The value at <paramref name="x"/> before the step.</returns>
    public double Step(Gradient function, Span<double> x)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (_gradient.Length != x.Length)
        {
            _gradient = new double[x.Length];
        }
        double value = function(x, _gradient);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] -= LearningRate * _gradient[i];
        }
        return value;
    }
}
