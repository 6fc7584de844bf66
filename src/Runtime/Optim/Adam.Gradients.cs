using System;

namespace SourceAD;

/// <summary>Steps on a point through a <see cref="Gradient"/> (a generated <c>FGradient(…)</c>).</summary>
public sealed partial class Adam
{
    private double[] _gradient = Array.Empty<double>();

    /// <summary>
    /// Evaluates <paramref name="function"/> and its gradient at <paramref name="x"/>, then takes one Adam step on
    /// <paramref name="x"/>. The moments are kept as for a model with one member, so one <see cref="Adam"/> serves one point.
    /// </summary>
    /// <param name="function">The function and its gradient, e.g. a generated <c>FGradient(…)</c>.</param>
    /// <param name="x">The point, updated in place.</param>
    /// <returns>The value at <paramref name="x"/> before the step.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/>'s length differs from the point this optimiser stepped before.</exception>
    public double Step(Gradient function, Span<double> x)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (_gradient.Length != x.Length)
        {
            _gradient = new double[x.Length];
        }
        double value = function(x, _gradient);
        NextModelStep().Visit("x", x, _gradient);
        return value;
    }
}
