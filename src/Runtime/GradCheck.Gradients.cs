using System;
using System.Collections.Generic;

namespace SourceAD;

/// <summary>Checks of a <see cref="Gradient"/> (a generated <c>FGradient(…)</c>): one delegate gives both the value and the gradient.</summary>
public static partial class GradCheck
{
    /// <summary>Checks <paramref name="gradient"/>'s gradient against central differences of its value, coordinate by coordinate.</summary>
    /// <param name="gradient">The function and its gradient, e.g. <c>Model.FGradient()</c>.</param>
    /// <param name="point">The point at which to check; at least one coordinate, all finite.</param>
    /// <param name="names">A label per coordinate; by default <c>x0</c>, <c>x1</c>, ….</param>
    /// <param name="step">The relative step <c>h</c>; positive and finite.</param>
    public static GradCheckReport Run(Gradient gradient, double[] point, IReadOnlyList<string>? names = null, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        return Run(Value(gradient, point.Length), Analytic(gradient), point, names, step);
    }

    /// <summary>Checks <paramref name="gradient"/> with coordinates grouped into parameters (a buffer as one entry, its worst element).</summary>
    /// <param name="gradient">The function and its gradient, e.g. <c>Model.FGradient(cLength: 3)</c>.</param>
    /// <param name="point">The point at which to check; at least one coordinate, all finite.</param>
    /// <param name="parameters">The parameters in coordinate order, with their lengths.</param>
    /// <param name="step">The relative step <c>h</c>; positive and finite.</param>
    public static GradCheckReport Run(Gradient gradient, double[] point, IReadOnlyList<(string Name, int Length)> parameters, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(point);
        return Run(Value(gradient, point.Length), Analytic(gradient), point, parameters, step);
    }

    private static Func<double[], double> Value(Gradient gradient, int length)
    {
        var unused = new double[length];
        return x => gradient(x, unused);
    }

    private static Func<double[], double[]> Analytic(Gradient gradient) => x =>
    {
        var g = new double[x.Length];
        gradient(x, g);
        return g;
    };
}
