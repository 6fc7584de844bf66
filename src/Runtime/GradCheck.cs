using System;
using System.Collections.Generic;

namespace SourceAD;

/// <summary>
/// Checks a gradient (typically a generated <c>{Name}Backward</c> method) against central finite differences.
/// </summary>
/// <remarks>
/// Coordinate <c>i</c> is perturbed by <c>h_i = step · max(1, |x_i|)</c> in each direction, and the numeric derivative is
/// <c>(f(x + h_i e_i) − f(x − h_i e_i)) / (2 h_i)</c>, using the step actually representable in floating point.
/// The error of a coordinate mixes relative and absolute error:
/// <c>|g − fd| / max(1, |g|, |fd|)</c>, where <c>g</c> is the analytic and <c>fd</c> the numeric derivative; it is
/// relative for derivatives larger than 1 and absolute for smaller ones. It is positive infinity when either
/// derivative is not finite. The delegates receive copies of the point, never the caller's array.
/// </remarks>
public static partial class GradCheck
{
    /// <summary>The relative finite-difference step used when none is given.</summary>
    public const double DefaultStep = 1e-6;

    /// <summary>Checks a gradient coordinate by coordinate, each coordinate reported as its own parameter.</summary>
    /// <param name="function">The function whose gradient is checked.</param>
    /// <param name="gradient">The gradient to check; must return one derivative per coordinate of its argument.</param>
    /// <param name="point">The point at which to check; at least one coordinate, all finite.</param>
    /// <param name="names">A label per coordinate; by default <c>x0</c>, <c>x1</c>, ….</param>
    /// <param name="step">The relative step <c>h</c>; positive and finite.</param>
    /// <returns>One entry per coordinate.</returns>
    /// <exception cref="ArgumentNullException">A delegate or <paramref name="point"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="point"/> is empty or not finite, <paramref name="names"/> does not have one name per coordinate,
    /// or <paramref name="gradient"/> returns the wrong number of derivatives.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive and finite.</exception>
    public static GradCheckReport Run(
        Func<double[], double> function,
        Func<double[], double[]> gradient,
        double[] point,
        IReadOnlyList<string>? names = null,
        double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (names is not null && names.Count != point.Length)
        {
            throw new ArgumentException($"Expected one name per coordinate of the point ({point.Length}), but got {names.Count}.", nameof(names));
        }
        var parameters = new (string Name, int Length)[point.Length];
        for (int i = 0; i < point.Length; i++)
        {
            parameters[i] = (names?[i] ?? $"x{i}", 1);
        }
        return Run(function, gradient, point, parameters, step);
    }

    /// <summary>
    /// Checks a gradient whose coordinates are grouped into parameters, e.g. an array parameter of length <c>k</c> spanning
    /// <c>k</c> consecutive coordinates; each parameter reports its worst element.
    /// </summary>
    /// <param name="function">The function whose gradient is checked.</param>
    /// <param name="gradient">The gradient to check; must return one derivative per coordinate of its argument.</param>
    /// <param name="point">The point at which to check; at least one coordinate, all finite.</param>
    /// <param name="parameters">The parameters in coordinate order; their lengths are positive and add up to the point's length.</param>
    /// <param name="step">The relative step <c>h</c>; positive and finite.</param>
    /// <returns>One entry per parameter.</returns>
    /// <exception cref="ArgumentNullException">A delegate, <paramref name="point"/>, <paramref name="parameters"/> or a parameter name is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="point"/> is empty or not finite, the parameters do not cover the point exactly,
    /// or <paramref name="gradient"/> returns the wrong number of derivatives.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive and finite.</exception>
    public static GradCheckReport Run(
        Func<double[], double> function,
        Func<double[], double[]> gradient,
        double[] point,
        IReadOnlyList<(string Name, int Length)> parameters,
        double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ValidatePoint(point);
        ValidateParameters(parameters, point.Length);
        if (!(step > 0) || double.IsInfinity(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be positive and finite (e.g. 1e-6).");
        }

        double[] analytic = Analytic(gradient, point);
        double[] numeric = Numeric(function, point, step);

        var entries = new GradCheckEntry[parameters.Count];
        int offset = 0;
        for (int p = 0; p < parameters.Count; p++)
        {
            (string name, int length) = parameters[p];
            entries[p] = Worst(name, length, offset, analytic, numeric);
            offset += length;
        }
        return new GradCheckReport(entries);
    }

    private static void ValidatePoint(double[] point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Length == 0)
        {
            throw new ArgumentException("Expected a point with at least one coordinate.", nameof(point));
        }
        int bad = Array.FindIndex(point, x => !double.IsFinite(x));
        if (bad >= 0)
        {
            throw new ArgumentException($"Expected finite coordinates, but coordinate {bad} is {point[bad]}.", nameof(point));
        }
    }

    private static void ValidateParameters(IReadOnlyList<(string Name, int Length)> parameters, int coordinates)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int total = 0;
        foreach ((string name, int length) in parameters)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(parameters), "Every parameter needs a name.");
            }
            if (length <= 0)
            {
                throw new ArgumentException($"Expected a positive length for parameter '{name}', but got {length}.", nameof(parameters));
            }
            total += length;
        }
        if (total != coordinates)
        {
            throw new ArgumentException($"Expected the parameters' lengths to add up to the point's length ({coordinates}), but they add up to {total}.", nameof(parameters));
        }
    }

    private static double[] Analytic(Func<double[], double[]> gradient, double[] point)
    {
        double[]? result = gradient((double[])point.Clone());
        if (result is null || result.Length != point.Length)
        {
            throw new ArgumentException(
                $"Expected the gradient to return one derivative per coordinate ({point.Length}), but it returned {(result is null ? "null" : result.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))}.",
                nameof(gradient));
        }
        return result;
    }

    private static double[] Numeric(Func<double[], double> function, double[] point, double step)
    {
        var numeric = new double[point.Length];
        double[] probe = (double[])point.Clone();
        for (int i = 0; i < point.Length; i++)
        {
            double x = point[i];
            double h = step * Math.Max(1.0, Math.Abs(x));
            double above = x + h;
            double below = x - h;
            probe[i] = above;
            double fAbove = function(probe);
            probe[i] = below;
            double fBelow = function(probe);
            probe[i] = x;
            numeric[i] = (fAbove - fBelow) / (above - below);
        }
        return numeric;
    }

    private static GradCheckEntry Worst(string name, int length, int offset, double[] analytic, double[] numeric)
    {
        int worst = 0;
        double worstError = -1;
        for (int k = 0; k < length; k++)
        {
            double error = Error(analytic[offset + k], numeric[offset + k]);
            if (error > worstError)
            {
                worst = k;
                worstError = error;
            }
        }
        return new GradCheckEntry(name, length, worst, analytic[offset + worst], numeric[offset + worst], worstError);
    }

    internal static double Error(double analytic, double numeric)
    {
        if (!double.IsFinite(analytic) || !double.IsFinite(numeric))
        {
            return double.PositiveInfinity;
        }
        return Math.Abs(analytic - numeric) / Math.Max(1.0, Math.Max(Math.Abs(analytic), Math.Abs(numeric)));
    }
}
