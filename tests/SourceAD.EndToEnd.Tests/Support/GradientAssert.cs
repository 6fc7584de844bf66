using Xunit.Sdk;

namespace SourceAD.EndToEnd.Tests.Support;

/// <summary>Assertions shared by the catalogue: generated gradients against finite differences and closed forms.</summary>
internal static class GradientAssert
{
    /// <summary>
    /// Asserts that a generated backward method returns the primal value and a gradient that agrees with central
    /// finite differences (error below 1e-6, as defined by <see cref="GradCheck"/>). Returns the analytic gradient.
    /// </summary>
    public static double[] Check(Func<double[], double> function, Func<double[], (double Value, double[] Gradient)> backward, params double[] point) =>
        Core(function, backward, point, step: GradCheck.DefaultStep, tolerance: 1e-6, valueTolerance: 1e-14);

    /// <summary>
    /// <see cref="Check"/> for methods computing in <c>float</c>: a coarser step and tolerances that suit single precision.
    /// </summary>
    public static double[] CheckFloat(Func<double[], double> function, Func<double[], (double Value, double[] Gradient)> backward, params double[] point) =>
        Core(function, backward, point, step: 1e-3, tolerance: 2e-3, valueTolerance: 1e-6);

    /// <summary>Asserts that each derivative matches its closed form within 1e-12 relative error.</summary>
    public static void Exact(double[] actual, params double[] expected) => Near(actual, 1e-12, expected);

    /// <summary>Asserts that each derivative matches its closed form within <paramref name="relativeTolerance"/>.</summary>
    public static void Near(double[] actual, double relativeTolerance, params double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], relativeTolerance, $"derivative {i}");
        }
    }

    /// <summary>Asserts <c>|actual − expected| ≤ tolerance · max(|expected|, |actual|)</c> (exact equality when both are 0).</summary>
    public static void Close(double expected, double actual, double relativeTolerance = 1e-12, string what = "value")
    {
        double scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        if (!(Math.Abs(actual - expected) <= relativeTolerance * scale) && actual != expected)
        {
            throw new XunitException($"{what}: expected {expected:R}, actual {actual:R} (relative tolerance {relativeTolerance:G2}).");
        }
    }

    /// <summary>
    /// Asserts <c>|actual − expected| ≤ tolerance · max(1, |expected|, |actual|)</c>: relative for large values, absolute
    /// near zero (where two orders of the same operations round to 1e-17 and 0), NaN equal to NaN.
    /// </summary>
    public static void CloseOrTiny(double expected, double actual, double tolerance, string what)
    {
        bool same = expected == actual || (double.IsNaN(expected) && double.IsNaN(actual))
            || Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));
        Assert.True(same, $"{what}: expected {expected:R}, actual {actual:R}");
    }

    private static double[] Core(
        Func<double[], double> function,
        Func<double[], (double Value, double[] Gradient)> backward,
        double[] point,
        double step,
        double tolerance,
        double valueTolerance)
    {
        (double value, double[] gradient) = backward((double[])point.Clone());
        Close(function((double[])point.Clone()), value, valueTolerance, "value returned by the backward method");

        GradCheckReport report = GradCheck.Run(function, p => backward(p).Gradient, point, step: step);
        if (!report.Passed(tolerance))
        {
            throw new XunitException($"Gradient disagrees with finite differences at ({string.Join(", ", point)}):{Environment.NewLine}{report}");
        }
        return gradient;
    }
}
