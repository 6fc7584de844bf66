namespace SourceAD.EndToEnd.Tests;

/// <summary>The finite-difference checker itself, against hand-written gradients.</summary>
public sealed class GradCheckTests
{
    // f(x, y) = x²·y + sin(y)
    private static double F(double[] p) => p[0] * p[0] * p[1] + Math.Sin(p[1]);

    private static double[] RightGradient(double[] p) => [2 * p[0] * p[1], p[0] * p[0] + Math.Cos(p[1])];

    private static double[] WrongGradient(double[] p) => [2 * p[0] * p[1], p[0] * p[0] - Math.Cos(p[1])];

    [Fact]
    public void CorrectGradientPasses()
    {
        GradCheckReport report = GradCheck.Run(F, RightGradient, [1.5, -0.7]);

        Assert.True(report.Passed(), report.ToString());
        Assert.True(report.MaxError < 1e-8, report.ToString());
        Assert.Equal(["x0", "x1"], report.Entries.Select(e => e.Name));
    }

    [Fact]
    public void WrongGradientFailsNamingTheParameter()
    {
        GradCheckReport report = GradCheck.Run(F, WrongGradient, [1.5, -0.7], ["x", "y"]);

        Assert.False(report.Passed());
        Assert.Equal("y", report.Worst.Name);
        Assert.True(report.Entries[0].Error < 1e-8);
        Assert.Equal(1.5 * 1.5 + Math.Cos(-0.7), report.Worst.Numeric, 1e-8);
        Assert.Equal(1.5 * 1.5 - Math.Cos(-0.7), report.Worst.Analytic);
    }

    [Fact]
    public void ParameterGroupsReportTheirWorstElement()
    {
        // f(w, b) = b·Σ w_i², with the derivative of w[1] deliberately doubled.
        static double G(double[] p) => p[3] * (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        static double[] Gradient(double[] p) => [2 * p[3] * p[0], 4 * p[3] * p[1], 2 * p[3] * p[2], p[0] * p[0] + p[1] * p[1] + p[2] * p[2]];

        GradCheckReport report = GradCheck.Run(G, Gradient, [0.5, -1.0, 2.0, 1.5], [("w", 3), ("b", 1)]);

        Assert.Equal(2, report.Entries.Count);
        GradCheckEntry w = report.Entries[0];
        Assert.Equal(("w", 3, 1, "w[1]"), (w.Name, w.Length, w.WorstIndex, w.Label));
        Assert.Equal("w", report.Worst.Name);
        Assert.True(report.Entries[1].Error < 1e-8);
        Assert.Contains("w[1]", report.ToString());
    }

    [Fact]
    public void NonFiniteGradientFails()
    {
        GradCheckReport report = GradCheck.Run(F, p => [double.NaN, 0], [1.0, 1.0]);

        Assert.Equal(double.PositiveInfinity, report.MaxError);
        Assert.False(report.Passed(1e3));
    }

    [Fact]
    public void ToStringIsAnAlignedTable()
    {
        string[] lines = GradCheck.Run(F, WrongGradient, [1.5, -0.7], ["weight", "b"]).ToString().Split(Environment.NewLine);

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("parameter", lines[0]);
        Assert.StartsWith("weight", lines[1]);
        Assert.StartsWith("b ", lines[2]);
        Assert.StartsWith("max error", lines[3]);
        Assert.Single(lines.Take(3).Select(l => l.Length).Distinct());
    }

    [Fact]
    public void DoesNotModifyThePoint()
    {
        double[] point = [1.5, -0.7];
        GradCheck.Run(F, RightGradient, point);
        Assert.Equal([1.5, -0.7], point);
    }

    [Fact]
    public void InvalidArgumentsAreRejectedWithWhatWasExpected()
    {
        Assert.Throws<ArgumentNullException>(() => GradCheck.Run(null!, RightGradient, [1.0, 2.0]));
        Assert.Throws<ArgumentNullException>(() => GradCheck.Run(F, null!, [1.0, 2.0]));
        Assert.Throws<ArgumentNullException>(() => GradCheck.Run(F, RightGradient, null!));
        Assert.Contains("at least one coordinate", Assert.Throws<ArgumentException>(() => GradCheck.Run(F, RightGradient, [])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => GradCheck.Run(F, RightGradient, [1.0, double.NaN])).Message);
        Assert.Contains("one derivative per coordinate (2), but it returned 1", Assert.Throws<ArgumentException>(() => GradCheck.Run(F, p => [1.0], [1.0, 2.0])).Message);
        Assert.Contains("one name per coordinate", Assert.Throws<ArgumentException>(() => GradCheck.Run(F, RightGradient, [1.0, 2.0], ["x"])).Message);
        Assert.Contains("add up to the point's length (2), but they add up to 3", Assert.Throws<ArgumentException>(() => GradCheck.Run(F, RightGradient, [1.0, 2.0], [("w", 3)])).Message);
        Assert.Contains("positive length", Assert.Throws<ArgumentException>(() => GradCheck.Run(F, RightGradient, [1.0, 2.0], [("w", 2), ("b", 0)])).Message);
        Assert.Contains("positive and finite", Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Run(F, RightGradient, [1.0, 2.0], step: 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Run(F, RightGradient, [1.0, 2.0]).Passed(-1));
    }
}
