using SourceAD.EndToEnd.Tests.Support;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Functions with hand-written rules: a pullback and a tangent beside them, and rules for a type they do not own.</summary>
public static partial class RuledFunctions
{
    /// <summary>How many times forward mode called a tangent rule (to see which rule it used).</summary>
    [ThreadStatic]
    public static int TangentCalls;

    public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [DerivativeOf(nameof(Softplus))]
    public static void SoftplusPullback(double x, double dResult, ref double dx) => dx += dResult / (1 + Math.Exp(-x));

    [TangentOf(nameof(Softplus))]
    public static double SoftplusTangent(double x, double xDot, out double resultDot)
    {
        TangentCalls++;
        resultDot = xDot / (1 + Math.Exp(-x));
        return Softplus(x);
    }

    /// <summary>The second-order rule: the tangent of <see cref="SoftplusPullback"/>, which second derivatives call.</summary>
    [TangentOf(nameof(SoftplusPullback))]
    public static void SoftplusPullbackTangent(double x, double dResult, ref double dx, double xDot, double dResultDot, ref double dxDot)
    {
        SoftplusPullback(x, dResult, ref dx);
        double s = 1 / (1 + Math.Exp(-x));
        dxDot += dResultDot * s + dResult * s * (1 - s) * xDot;
    }

    [Differentiable]
    public static double F(double x, double y) => Softplus(x * y) + Outside.Cube(y - x);

    [DerivativeOf(typeof(Outside), nameof(Outside.Cube))]
    public static void CubePullback(double x, double dResult, ref double dx) => dx += 3 * x * x * dResult;

    [TangentOf(nameof(CubePullback))]
    public static void CubePullbackTangent(double x, double dResult, ref double dx, double xDot, double dResultDot, ref double dxDot)
    {
        CubePullback(x, dResult, ref dx);
        dxDot += 3 * x * x * dResultDot + 6 * x * xDot * dResult;
    }

    [TangentOf(typeof(Outside), nameof(Outside.Cube))]
    public static double CubeTangent(double x, double xDot, out double resultDot)
    {
        TangentCalls++;
        resultDot = 3 * x * x * xDot;
        return Outside.Cube(x);
    }
}

/// <summary>A type whose method has its rules declared elsewhere.</summary>
public static class Outside
{
    public static double Cube(double x) => x * x * x;
}

/// <summary>
/// Forward mode calls a function's own tangent rule ([TangentOf]) where it has one, beside its pullback, in the
/// function's type or declared for a type the rule's author does not own; checked against the closed form.
/// </summary>
public class TangentRules
{
    [Fact]
    public void TheHessianUsesTheSecondOrderRules()
    {
        // F = softplus(xy) + (y − x)³ with s = σ(xy): H_xx = s(1−s)y² + 6(y−x), H_xy = s(1−s)xy + s − 6(y−x), H_yy = s(1−s)x² + 6(y−x).
        const double x = 0.7, y = -1.3;
        var hessian = new double[4];
        double value = RuledFunctions.FHessian(x, y, hessian);
        Assert.Equal(RuledFunctions.F(x, y), value);
        double s = 1 / (1 + Math.Exp(-x * y)), curvature = s * (1 - s), cube = 6 * (y - x);
        GradientAssert.Near(hessian, 1e-12, curvature * y * y + cube, curvature * x * y + s - cube, curvature * x * y + s - cube, curvature * x * x + cube);
    }

    [Fact]
    public void TheTangentUsesTheHandWrittenTangents()
    {
        const double x = 0.7, y = -1.3, xDot = 0.4, yDot = 1.1;
        RuledFunctions.TangentCalls = 0;
        double value = RuledFunctions.FTangent(x, y, xDot, yDot, out double tangent);
        Assert.Equal(2, RuledFunctions.TangentCalls);

        double s = 1 / (1 + Math.Exp(-x * y)), c = 3 * (y - x) * (y - x);
        GradientAssert.Close(Math.Log(1 + Math.Exp(x * y)) + Math.Pow(y - x, 3), value, 1e-14);
        GradientAssert.Close(s * (xDot * y + x * yDot) + c * (yDot - xDot), tangent, 1e-14);
    }

    [Fact]
    public void VectorModeAndTheGradientUseThePullbacks()
    {
        const double x = 0.7, y = -1.3;
        RuledFunctions.TangentCalls = 0;
        RuledFunctions.FBackward(x, y, out double dx, out double dy);
        var xDot = new System.Numerics.Vector<double>(0.4);
        RuledFunctions.FTangents(x, y, xDot, System.Numerics.Vector<double>.Zero, out System.Numerics.Vector<double> tangents);
        Assert.Equal(0, RuledFunctions.TangentCalls);
        double s = 1 / (1 + Math.Exp(-x * y)), c = 3 * (y - x) * (y - x);
        GradientAssert.Close(s * y - c, dx, 1e-14);
        GradientAssert.Close(s * x + c, dy, 1e-14);
        GradientAssert.Close(0.4 * dx, tangents[0], 1e-14);
    }
}
