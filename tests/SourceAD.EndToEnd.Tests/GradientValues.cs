namespace SourceAD.EndToEnd.Tests;

public static partial class ValueModels
{
    [Differentiable]
    public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

    // ½·Σ wᵢ(cᵢ − tᵢ)² + λ·s²: a buffer, a scalar and two kept arguments (weights t as [NoDiff], λ).
    [Differentiable]
    public static double Fit(double[] c, double s, [NoDiff] double[] t, [NoDiff] double lambda)
    {
        double sum = lambda * s * s;
        for (int i = 0; i < c.Length; i++)
        {
            sum += 0.5 * (i + 1) * (c[i] - t[i]) * (c[i] - t[i]);
        }
        return sum;
    }

    [Differentiable]
    public static float Bowl(float x, float y) => (x - 1) * (x - 1) + 4 * (y + 2) * (y + 2);
}

/// <summary>
/// The generated gradient as a value (<c>FGradient(…)</c>, a <see cref="Gradient"/>): against closed forms and central
/// differences, and taken as it is by <see cref="GradCheck"/>, <see cref="Sgd"/>, <see cref="Adam"/> and <see cref="LineSearch"/>.
/// </summary>
public sealed class GradientValueTests
{
    [Fact]
    public void TheDelegateGivesTheValueAndTheGradientFlattenedInParameterOrder()
    {
        Gradient fit = ValueModels.FitGradient([1.0, -2.0, 0.5], 0.3, cLength: 3);
        double[] x = [0.2, 0.4, -1.0, 1.5];                   // c₀, c₁, c₂, s
        double[] g = new double[4];
        double value = fit(x, g);
        // Closed form: ∂/∂cᵢ = (i + 1)(cᵢ − tᵢ), ∂/∂s = 2λs.
        Assert.Equal(0.3 * 1.5 * 1.5 + 0.5 * (0.8 * 0.8 + 2 * 2.4 * 2.4 + 3 * 1.5 * 1.5), value, 1e-12);
        double[] expected = [-0.8, 2 * 2.4, 3 * -1.5, 2 * 0.3 * 1.5];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], g[i], 1e-12);
        Assert.Throws<ArgumentException>(() => fit(new double[3], new double[3]));
        Assert.Throws<ArgumentException>(() => fit(x, new double[3]));
    }

    [Fact]
    public void GradCheckTakesTheDelegate()
    {
        GradCheckReport report = GradCheck.Run(ValueModels.RosenbrockGradient(), [-1.2, 1.0], ["x", "y"]);
        Assert.True(report.Passed(), report.ToString());
        Assert.Equal(["x", "y"], report.Entries.Select(e => e.Name));

        GradCheckReport grouped = GradCheck.Run(ValueModels.FitGradient([1.0, -2.0, 0.5], 0.3, 3), [0.2, 0.4, -1.0, 1.5], [("c", 3), ("s", 1)]);
        Assert.True(grouped.Passed(), grouped.ToString());
        Assert.Equal(["c", "s"], grouped.Entries.Select(e => e.Name));
    }

    [Fact]
    public void SgdAndAdamStepOnTheDelegate()
    {
        // One SGD step is x − η·∇f (closed form at (−1.2, 1): ∂x = −215.6, ∂y = −88).
        var sgd = new Sgd(1e-3f);
        double[] x = [-1.2, 1.0];
        double before = sgd.Step(ValueModels.RosenbrockGradient(), x);
        Assert.Equal(24.2, before, 1e-12);
        Assert.Equal(-1.2 + 1e-3 * 215.6, x[0], 1e-6);
        Assert.Equal(1.0 + 1e-3 * 88, x[1], 1e-6);

        // Adam's first step moves each coordinate by about the learning rate against its gradient's sign.
        var adam = new Adam(0.1f);
        double[] y = [0.0, 0.0];
        adam.Step(ValueModels.BowlGradient(), y);
        Assert.Equal(0.1, y[0], 1e-5);
        Assert.Equal(-0.1, y[1], 1e-5);
        for (int i = 0; i < 500; i++) adam.Step(ValueModels.BowlGradient(), y);
        Assert.Equal(1, y[0], 0.02);
        Assert.Equal(-2, y[1], 0.02);
    }

    [Fact]
    public void BacktrackingLineSearchDescendsWithTheArmijoCondition()
    {
        Gradient rosenbrock = ValueModels.RosenbrockGradient();
        double[] x = [-1.2, 1.0];
        double value = 24.2;
        for (int i = 0; i < 2000; i++)
        {
            (double next, double step) = LineSearch.Backtracking(rosenbrock, x);
            Assert.True(step > 0 && next < value, $"step {i}: {value} → {next} with t = {step}");
            value = next;
        }
        // Steepest descent is slow in Rosenbrock's valley, but it gets there: f from 24.2 to below 1e-2, towards (1, 1).
        Assert.True(value < 1e-2, value.ToString());
        Assert.True(Math.Abs(x[0] - 1) < 0.2 && Math.Abs(x[1] - 1) < 0.4, $"({x[0]}, {x[1]})");
        Assert.Throws<ArgumentOutOfRangeException>(() => LineSearch.Backtracking(rosenbrock, x, shrink: 1));
    }
}
