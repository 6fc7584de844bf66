using R = SourceAD.EndToEnd.Tests.RobustnessModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Models for non-finite inputs and the documented subgradients at non-differentiable points.</summary>
internal static partial class RobustnessModels
{
    [Differentiable] public static double Poly(double x, double y) { return x * Math.Sin(y) + y * y; }

    [Differentiable] public static double ExpTimes(double x) { return Math.Exp(x) * x; }

    [Differentiable]
    public static double Chain(double x, double y)
    {
        double a = Math.Log(1 + x * x);
        double b = Math.Tanh(a * y);
        return Math.Sqrt(1 + b * b) + a;
    }

    [Differentiable]
    public static double Looped(double x, double y, int n)
    {
        double s = y;
        for (int i = 0; i < n; i++)
        {
            s = s * x + Math.Sin(s);
        }
        return s;
    }

    [Differentiable]
    public static double Branchy(double x, double y)
    {
        double r;
        if (x > 0)
        {
            r = x * y;
        }
        else
        {
            r = y * y;
        }
        return r;
    }

    [Differentiable] public static double Square(double x) { return x * x; }

    [Differentiable] public static double Reciprocal(double x) { return 1.0 / x; }

    [Differentiable] public static double Tanh(double x) { return Math.Tanh(x); }

    [Differentiable] public static double Abs(double x) { return Math.Abs(x); }

    [Differentiable] public static double Max(double a, double b) { return Math.Max(a, b); }

    [Differentiable] public static double Min(double a, double b) { return Math.Min(a, b); }

    [Differentiable] public static double Clamp(double x, double lo, double hi) { return Math.Clamp(x, lo, hi); }

    [Differentiable] public static double Sqrt(double x) { return Math.Sqrt(x); }

    [Differentiable] public static double ScaledAbs(double x, double w) { return w * Math.Abs(x); }

    [Differentiable] public static double Relu(double x) { return Math.Max(x, 0.0); }
}

/// <summary>
/// Non-finite inputs and non-differentiable points. The rule observed (README, "Non-differentiable points and NaN"):
/// the generated code is plain IEEE 754 arithmetic on the chain rule, with no special cases: a NaN input makes the
/// value NaN and every partial derivative whose chain-rule term reads it NaN, while partials that never read it stay
/// as they are; infinities give whatever IEEE arithmetic gives (∞, 0, or NaN for ∞ − ∞ and 0 · ∞). The documented
/// subgradients hold exactly at the kinks.
/// </summary>
public sealed class RobustnessTests
{
    private const double NaN = double.NaN;
    private const double Inf = double.PositiveInfinity;

    // ---- NaN ----

    [Fact]
    public void NaN_input_gives_NaN_value_and_NaN_in_every_partial_that_reads_it()
    {
        double v = R.PolyBackward(NaN, 1.3, out double dx, out double dy);
        Assert.True(double.IsNaN(v));
        Assert.True(double.IsNaN(dy), $"dy = {dy}");          // x cos y + 2y reads x
        Assert.Equal(Math.Sin(1.3), dx, 15);                  // sin y does not read x

        v = R.PolyBackward(0.7, NaN, out dx, out dy);
        Assert.True(double.IsNaN(v));
        Assert.True(double.IsNaN(dx) && double.IsNaN(dy), $"dx = {dx}, dy = {dy}");
    }

    [Fact]
    public void NaN_propagates_through_nested_functions_and_loops()
    {
        double v = R.ExpTimesBackward(NaN, out double d);
        Assert.True(double.IsNaN(v) && double.IsNaN(d));

        v = R.ChainBackward(NaN, 0.5, out double dx, out double dy);
        Assert.True(double.IsNaN(v) && double.IsNaN(dx) && double.IsNaN(dy), $"{v} {dx} {dy}");

        v = R.LoopedBackward(0.9, NaN, 3, out dx, out dy);
        Assert.True(double.IsNaN(v) && double.IsNaN(dx) && double.IsNaN(dy), $"{v} {dx} {dy}");

        // Zero trips: the NaN x is never read, so neither the value nor dy is affected.
        v = R.LoopedBackward(NaN, 0.4, 0, out dx, out dy);
        Assert.Equal(0.4, v);
        Assert.Equal(0.0, dx);
        Assert.Equal(1.0, dy);
    }

    [Fact]
    public void NaN_in_a_comparison_takes_the_false_branch_like_the_primal()
    {
        // NaN > 0 is false: the else branch (y²) runs in both the primal and the forward sweep.
        double v = R.BranchyBackward(NaN, 1.5, out double dx, out double dy);
        Assert.Equal(R.Branchy(NaN, 1.5), v);
        Assert.Equal(2.25, v);
        Assert.Equal(0.0, dx);
        Assert.Equal(3.0, dy);
    }

    // ---- Infinity ----

    [Fact]
    public void Infinity_follows_IEEE_arithmetic_of_the_chain_rule()
    {
        Assert.Equal(Inf, R.SquareBackward(Inf, out double d));
        Assert.Equal(Inf, d);                                     // 2x

        Assert.Equal(0.0, R.ReciprocalBackward(Inf, out d));
        Assert.Equal(0.0, d);                                     // −1/x² = −0

        Assert.Equal(1.0, R.TanhBackward(Inf, out d));
        Assert.Equal(0.0, d);                                     // 1 − tanh² = 0

        double v = R.ExpTimesBackward(Inf, out d);
        Assert.Equal(Inf, v);
        Assert.Equal(Inf, d);                                     // eˣ(1 + x)

        v = R.ExpTimesBackward(double.NegativeInfinity, out d);   // 0 · (−∞) = NaN
        Assert.True(double.IsNaN(v) && double.IsNaN(d), $"{v} {d}");
    }

    // ---- Subgradients stated in the README, at exactly the kinks ----

    [Fact]
    public void Abs_at_zero_has_derivative_zero()
    {
        Assert.Equal(0.0, R.AbsBackward(0.0, out double d));
        Assert.Equal(0.0, d);
        Assert.Equal(0.0, R.AbsBackward(-0.0, out d));
        Assert.Equal(0.0, d);
        R.ScaledAbsBackward(0.0, 3.0, out double dx, out double dw);
        Assert.Equal(0.0, dx);
        Assert.Equal(0.0, dw);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    public void Max_and_Min_ties_go_to_the_first_argument(double t)
    {
        Assert.Equal(t, R.MaxBackward(t, t, out double da, out double db));
        Assert.Equal(1.0, da);
        Assert.Equal(0.0, db);

        Assert.Equal(t, R.MinBackward(t, t, out da, out db));
        Assert.Equal(1.0, da);
        Assert.Equal(0.0, db);
    }

    [Fact]
    public void Relu_at_zero_sends_the_tie_to_the_first_argument()
    {
        Assert.Equal(0.0, R.ReluBackward(0.0, out double d));
        Assert.Equal(1.0, d);
    }

    [Theory]
    [InlineData(-1.0)] // at the lower bound
    [InlineData(2.0)]  // at the upper bound
    [InlineData(0.5)]  // inside
    public void Clamp_passes_the_derivative_through_within_the_bounds_inclusive(double x)
    {
        Assert.Equal(x, R.ClampBackward(x, -1.0, 2.0, out double dx, out double dlo, out double dhi));
        Assert.Equal(1.0, dx);
        Assert.Equal(0.0, dlo);
        Assert.Equal(0.0, dhi);
    }

    [Theory]
    [InlineData(-1.5, 1.0, 0.0)]
    [InlineData(2.5, 0.0, 1.0)]
    public void Clamp_outside_the_bounds_sends_the_derivative_to_that_bound(double x, double dloExpected, double dhiExpected)
    {
        R.ClampBackward(x, -1.0, 2.0, out double dx, out double dlo, out double dhi);
        Assert.Equal(0.0, dx);
        Assert.Equal(dloExpected, dlo);
        Assert.Equal(dhiExpected, dhi);
    }

    [Fact]
    public void Sqrt_at_zero_has_derivative_plus_infinity()
    {
        Assert.Equal(0.0, R.SqrtBackward(0.0, out double d));
        Assert.Equal(Inf, d);
    }
}
