using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.NestingModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Nested derivatives: [Differentiable] methods that call the generated Backward, Pullback or Tangent of another
/// method, differentiated in turn by reverse and forward mode (all four nestings rr, rf, fr, ff), against closed forms.
/// </summary>
internal static partial class NestingModels
{
    /// <summary>g(x, w) = w·x³ + sin(w·x), so ∂g/∂x = 3w·x² + w·cos(w·x).</summary>
    [Differentiable]
    public static double G(double x, double w) => w * x * x * x + Math.Sin(w * x);

    /// <summary>x·∂g/∂x, with the inner derivative from GBackward (reverse).</summary>
    [Differentiable]
    public static double SlopeTimesXByBackward(double x, double w)
    {
        GBackward(x, w, out double gx, out double gw);
        return gx * x;
    }

    /// <summary>x·∂g/∂x + g, the inner derivative from GPullback with a seed that itself depends on w.</summary>
    [Differentiable]
    public static double SeededPullback(double x, double w)
    {
        double gx = 0, gw = 0;
        double g = GPullback(x, w, w * w, ref gx, ref gw);
        return gx * x + g;
    }

    /// <summary>x·∂g/∂x + g, the inner derivative from GTangent (forward) in the direction (1, 0).</summary>
    [Differentiable]
    public static double SlopeTimesXByTangent(double x, double w)
    {
        double g = GTangent(x, w, 1.0, 0.0, out double slope);
        return slope * x + g;
    }

    /// <summary>The inner derivative in a direction that depends on the inputs: ∂g/∂x·x + ∂g/∂w·w².</summary>
    [Differentiable]
    public static double ActiveDirection(double x, double w)
    {
        GTangent(x, w, x, w * w, out double directional);
        return directional;
    }

    /// <summary>f(y, p) = ½ Σ a_i (y_i − p)², with a = (1, 3).</summary>
    [Differentiable]
    public static double Inner(ReadOnlySpan<double> y, double p) => 0.5 * (y[0] - p) * (y[0] - p) + 1.5 * (y[1] - p) * (y[1] - p);

    /// <summary>
    /// K steps of gradient descent on f(·, p) from y = (1, −1) with step η, the gradient from InnerBackward; returns the
    /// squared norm of the final y. Closed form: y_i = p + (1 − η a_i)^K (y0_i − p).
    /// </summary>
    [Differentiable]
    public static double DescentByBackward(double p, [NoDiff] int steps, [NoDiff] double eta)
    {
        double[] y = [1.0, -1.0];
        double[] g = new double[2];
        for (int k = 0; k < steps; k++)
        {
            InnerBackward(y, p, g, out double gp);
            y[0] -= eta * g[0];
            y[1] -= eta * g[1];
        }
        return y[0] * y[0] + y[1] * y[1];
    }

    /// <summary>As <see cref="DescentByBackward"/>, with the gradient from two InnerTangent calls (forward).</summary>
    [Differentiable]
    public static double DescentByTangent(double p, [NoDiff] int steps, [NoDiff] double eta)
    {
        double[] y = [1.0, -1.0];
        double[] e0 = [1.0, 0.0];
        double[] e1 = [0.0, 1.0];
        for (int k = 0; k < steps; k++)
        {
            InnerTangent(y, p, e0, 0.0, out double g0);
            InnerTangent(y, p, e1, 0.0, out double g1);
            y[0] -= eta * g0;
            y[1] -= eta * g1;
        }
        return y[0] * y[0] + y[1] * y[1];
    }

    /// <summary>Gradient descent until the gradient is small (data-dependent trip count, a while loop).</summary>
    [Differentiable]
    public static double DescentUntilFlat(double p)
    {
        double y0 = 1.0, y1 = -1.0, g0 = 1.0, g1 = 1.0;
        double[] y = new double[2];
        double[] g = new double[2];
        while (g0 * g0 + g1 * g1 > 1e-12)
        {
            y[0] = y0;
            y[1] = y1;
            InnerBackward(y, p, g, out double gp);
            g0 = g[0];
            g1 = g[1];
            y0 -= 0.25 * g0;
            y1 -= 0.25 * g1;
        }
        return y0 * y0 + y1 * y1;
    }
}

public class Nesting
{
    private static double Slope(double x, double w) => 3 * w * x * x + w * Math.Cos(w * x);

    private static double G(double x, double w) => w * x * x * x + Math.Sin(w * x);

    // d/dx and d/dw of x·∂g/∂x = 3w·x³ + w·x·cos(w·x).
    private static (double Dx, double Dw) SlopeTimesXGradient(double x, double w) =>
        (9 * w * x * x + w * Math.Cos(w * x) - w * w * x * Math.Sin(w * x), 3 * x * x * x + x * Math.Cos(w * x) - w * x * x * Math.Sin(w * x));

    public static TheoryData<double, double> Points => new() { { 0.7, -1.3 }, { 1.9, 0.4 }, { -0.5, 2.0 } };

    [Theory]
    [MemberData(nameof(Points))]
    public void ReverseOverReverse(double x, double w)
    {
        double value = M.SlopeTimesXByBackward(x, w);
        Assert.Equal(Slope(x, w) * x, value, 1e-13);
        double result = M.SlopeTimesXByBackwardBackward(x, w, out double dx, out double dw);
        (double ex, double ew) = SlopeTimesXGradient(x, w);
        Assert.Equal(value, result, 1e-15);
        Assert.Equal(ex, dx, 1e-12);
        Assert.Equal(ew, dw, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void ForwardOverReverse(double x, double w)
    {
        (double ex, double ew) = SlopeTimesXGradient(x, w);
        M.SlopeTimesXByBackwardTangent(x, w, 1.0, 0.0, out double dx);
        M.SlopeTimesXByBackwardTangent(x, w, 0.0, 1.0, out double dw);
        Assert.Equal(ex, dx, 1e-12);
        Assert.Equal(ew, dw, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void ReverseOverReverseThroughAnActiveSeed(double x, double w)
    {
        // w²·x·∂g/∂x + g: the seed w² scales the inner gradient.
        (double ex, double ew) = SlopeTimesXGradient(x, w);
        double s = Slope(x, w);
        M.SeededPullbackBackward(x, w, out double dx, out double dw);
        Assert.Equal(w * w * ex + s, dx, 1e-12);
        Assert.Equal(2 * w * s * x + w * w * ew + x * x * x + x * Math.Cos(w * x), dw, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void ReverseOverForward(double x, double w)
    {
        (double ex, double ew) = SlopeTimesXGradient(x, w);
        double value = M.SlopeTimesXByTangentBackward(x, w, out double dx, out double dw);
        Assert.Equal(Slope(x, w) * x + G(x, w), value, 1e-13);
        Assert.Equal(ex + Slope(x, w), dx, 1e-12);
        Assert.Equal(ew + x * x * x + x * Math.Cos(w * x), dw, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void ForwardOverForward(double x, double w)
    {
        (double ex, double ew) = SlopeTimesXGradient(x, w);
        double value = M.SlopeTimesXByTangentTangent(x, w, 1.0, 0.0, out double dx);
        M.SlopeTimesXByTangentTangent(x, w, 0.0, 1.0, out double dw);
        Assert.Equal(Slope(x, w) * x + G(x, w), value, 1e-13);
        Assert.Equal(ex + Slope(x, w), dx, 1e-12);
        Assert.Equal(ew + x * x * x + x * Math.Cos(w * x), dw, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void ActiveDirectionInEveryMode(double x, double w)
    {
        // h = gx·x + gw·w² with gx = ∂g/∂x, gw = ∂g/∂w = x³ + x·cos(w·x).
        double gx = Slope(x, w), gw = x * x * x + x * Math.Cos(w * x);
        double gxx = 6 * w * x - w * w * Math.Sin(w * x), gxw = 3 * x * x + Math.Cos(w * x) - w * x * Math.Sin(w * x), gww = -x * x * Math.Sin(w * x);
        double hx = gxx * x + gx + gxw * w * w, hw = gxw * x + gww * w * w + 2 * w * gw;
        Assert.Equal(gx * x + gw * w * w, M.ActiveDirection(x, w), 1e-12);
        M.ActiveDirectionBackward(x, w, out double rx, out double rw);
        M.ActiveDirectionTangent(x, w, 1.0, 0.0, out double fx);
        M.ActiveDirectionTangent(x, w, 0.0, 1.0, out double fw);
        Assert.Equal(hx, rx, 1e-11);
        Assert.Equal(hw, rw, 1e-11);
        Assert.Equal(hx, fx, 1e-11);
        Assert.Equal(hw, fw, 1e-11);
    }

    /// <summary>The derivative of ‖y_K(p)‖² for y_i = p + (1 − η a_i)^K (y0_i − p).</summary>
    private static double DescentDerivative(double p, int steps, double eta)
    {
        double[] a = [1.0, 3.0], y0 = [1.0, -1.0];
        double total = 0;
        for (int i = 0; i < 2; i++)
        {
            double r = Math.Pow(1 - eta * a[i], steps);
            total += 2 * (p + r * (y0[i] - p)) * (1 - r);
        }
        return total;
    }

    [Theory]
    [InlineData(0.3, 5, 0.1)]
    [InlineData(-1.1, 40, 0.2)]
    public void GradientDescentIsDifferentiatedThroughItsInnerGradient(double p, int steps, double eta)
    {
        double expected = DescentDerivative(p, steps, eta);
        M.DescentByBackwardBackward(p, steps, eta, out double rr);
        M.DescentByBackwardTangent(p, steps, eta, 1.0, out double fr);
        M.DescentByTangentBackward(p, steps, eta, out double rf);
        M.DescentByTangentTangent(p, steps, eta, 1.0, out double ff);
        Assert.Equal(expected, rr, 1e-12);
        Assert.Equal(expected, fr, 1e-12);
        Assert.Equal(expected, rf, 1e-12);
        Assert.Equal(expected, ff, 1e-12);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-2.5)]
    public void DescentToAFixedPointHasTheFixedPointsDerivative(double p)
    {
        // The descent converges to y = (p, p), so the derivative tends to d(2p²)/dp = 4p; the unrolled derivative
        // matches central differences of the same iteration (the trip count does not change for a small h).
        M.DescentUntilFlatBackward(p, out double rr);
        M.DescentUntilFlatTangent(p, 1.0, out double fr);
        double h = 1e-6;
        double fd = (M.DescentUntilFlat(p + h) - M.DescentUntilFlat(p - h)) / (2 * h);
        Assert.Equal(4 * p, rr, 1e-5);
        Assert.Equal(fd, rr, 1e-7);
        Assert.Equal(rr, fr, 1e-12);
    }
}
