using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.TypeModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>float and MathF, mixed precision, casts, [NoDiff], int parameters, nested and non-static containing types.</summary>
internal static partial class TypeModels
{
    [Differentiable]
    public static float FloatExpLog(float x, float y)
    {
        return MathF.Exp(x) * MathF.Log(y) + MathF.Log(x, y) + MathF.Log10(x) + MathF.Log2(y)
            + MathF.Sqrt(x * y) + MathF.Cbrt(x) + MathF.Pow(x, y);
    }

    [Differentiable]
    public static float FloatTrig(float x, float y)
    {
        return MathF.Sin(x) * MathF.Cos(y) + MathF.Tan(x) + MathF.Asin(y) + MathF.Acos(x * y) + MathF.Atan(x)
            + MathF.Atan2(y, x) + MathF.Sinh(x) + MathF.Cosh(y) + MathF.Tanh(x * y);
    }

    [Differentiable]
    public static float FloatPiecewise(float x, float y)
    {
        return MathF.Abs(x) + MathF.Max(x, y) + MathF.Min(x, y) * 2 + Math.Clamp(x, -1f, y) + MathF.FusedMultiplyAdd(x, y, x)
            + MathF.Floor(x) + MathF.Ceiling(y) + MathF.Round(x) + MathF.Truncate(y) + MathF.Sign(x);
    }

    [Differentiable]
    public static double MixedPrecision(double a, float b)
    {
        return a * b + Math.Sin(b);
    }

    [Differentiable]
    public static float FloatReturnFromDouble(double x)
    {
        return (float)(x * x);
    }

    [Differentiable]
    public static double Casts(double x, float y)
    {
        float fx = (float)x;
        double back = (double)fx * y;
        int whole = (int)x;
        return back + whole * x + (double)y;
    }

    [Differentiable]
    public static double IntCast(double x)
    {
        double t = (int)(x * x);
        return t * x;
    }

    [Differentiable]
    public static double NoDiffAndInt(double a, [NoDiff] double b, int n, double c)
    {
        return a * b * n + c * c / b;
    }

    [Differentiable]
    public static float FloatLiterals(float x)
    {
        float y = 0.5f * x * x;
        y += 2;
        return y * 1.5f;
    }

    [Differentiable]
    public static double OptionalParameter(double x, double scale = 2.0)
    {
        return x * scale;
    }

    /// <summary>Nested types: every containing type is partial, and one of them is not static.</summary>
    internal partial class Outer
    {
        internal static partial class Inner
        {
            [Differentiable]
            public static double Nested(double x)
            {
                return x * Math.Exp(x);
            }
        }
    }
}

/// <summary>A non-static containing type.</summary>
internal sealed partial class InstanceContainer
{
    [Differentiable]
    internal static double Hypot(double x, double y)
    {
        return Math.Sqrt(x * x + y * y);
    }
}

/// <summary>A struct containing type.</summary>
internal partial struct StructContainer
{
    [Differentiable]
    public static double Square(double x) { return x * x; }
}

/// <summary>A record containing type.</summary>
internal partial record RecordContainer
{
    [Differentiable]
    public static double Square(double x) { return x * x; }
}

/// <summary>A generic containing type (the method itself is not generic).</summary>
internal partial class GenericContainer<T>
{
    [Differentiable]
    public static double Square(double x) { return x * x; }
}

public sealed class TypeTests
{
    private const double FloatTolerance = 1e-4;

    [Theory]
    [InlineData(1.3f, 2.1f)]
    [InlineData(0.6f, 1.7f)]
    public void FloatExpAndLogFunctions(float x, float y)
    {
        double[] g = GradientAssert.CheckFloat(p => M.FloatExpLog((float)p[0], (float)p[1]), p => (M.FloatExpLogBackward((float)p[0], (float)p[1], out float dx, out float dy), [dx, dy]), x, y);
        double X = x, Y = y, lnY = Math.Log(Y), root = Math.Sqrt(X * Y);
        GradientAssert.Near(g, FloatTolerance,
            Math.Exp(X) * lnY + 1 / (X * lnY) + 1 / (X * Math.Log(10)) + Y / (2 * root) + 1 / (3 * Math.Cbrt(X) * Math.Cbrt(X)) + Y * Math.Pow(X, Y - 1),
            Math.Exp(X) / Y - Math.Log(X) / (Y * lnY * lnY) + 1 / (Y * Math.Log(2)) + X / (2 * root) + Math.Pow(X, Y) * Math.Log(X));
    }

    [Theory]
    [InlineData(0.4f, 0.6f)]
    [InlineData(-0.5f, 0.3f)]
    public void FloatTrigonometricAndHyperbolicFunctions(float x, float y)
    {
        double[] g = GradientAssert.CheckFloat(p => M.FloatTrig((float)p[0], (float)p[1]), p => (M.FloatTrigBackward((float)p[0], (float)p[1], out float dx, out float dy), [dx, dy]), x, y);
        double X = x, Y = y, r2 = X * X + Y * Y, acosScale = 1 / Math.Sqrt(1 - X * X * Y * Y), sech2 = 1 - Math.Tanh(X * Y) * Math.Tanh(X * Y);
        GradientAssert.Near(g, FloatTolerance,
            Math.Cos(X) * Math.Cos(Y) + 1 / (Math.Cos(X) * Math.Cos(X)) - Y * acosScale + 1 / (1 + X * X) - Y / r2 + Math.Cosh(X) + Y * sech2,
            -Math.Sin(X) * Math.Sin(Y) + 1 / Math.Sqrt(1 - Y * Y) - X * acosScale + X / r2 + Math.Sinh(Y) + X * sech2);
    }

    [Theory]
    [InlineData(-0.7f, 0.4f, 3.4, 0.3)]
    [InlineData(1.3f, 0.4f, 3.4, 4.3)]
    public void FloatPiecewiseFunctions(float x, float y, double dx, double dy)
    {
        double[] g = GradientAssert.CheckFloat(p => M.FloatPiecewise((float)p[0], (float)p[1]), p => (M.FloatPiecewiseBackward((float)p[0], (float)p[1], out float dx, out float dy), [dx, dy]), x, y);
        GradientAssert.Near(g, FloatTolerance, dx, dy);
    }

    [Theory]
    [InlineData(1.5, 0.25f)]
    [InlineData(-0.5, 2.0f)]
    public void MixedDoubleAndFloatParameters(double a, float b)
    {
        double[] g = GradientAssert.CheckFloat(p => M.MixedPrecision(p[0], (float)p[1]), p => (M.MixedPrecisionBackward(p[0], (float)p[1], out double da, out float db), [da, db]), a, b);
        GradientAssert.Near(g, 1e-6, b, a + Math.Cos(b)); // db is a float: single-precision rounding
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.25)]
    public void FloatReturnFromDoubleParameter(double x)
    {
        double[] g = GradientAssert.CheckFloat(p => M.FloatReturnFromDouble(p[0]), p => (M.FloatReturnFromDoubleBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, 2 * x);
    }

    [Theory]
    [InlineData(1.5, 0.75f)]
    [InlineData(-2.25, 1.5f)]
    public void CastsAmongFloatDoubleAndInt(double x, float y)
    {
        double[] g = GradientAssert.CheckFloat(p => M.Casts(p[0], (float)p[1]), p => (M.CastsBackward(p[0], (float)p[1], out double dx, out float dy), [dx, dy]), x, y);
        GradientAssert.Near(g, 1e-6, y + (int)x, (float)x + 1);
    }

    [Theory]
    [InlineData(1.7, 2.0)]
    [InlineData(2.5, 6.0)]
    public void DerivativeThroughIntCastIsZero(double x, double whole)
    {
        double[] g = GradientAssert.Check(p => M.IntCast(p[0]), p => (M.IntCastBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, whole); // t = (int)(x²) is constant, so d(t·x)/dx = t
    }

    [Theory]
    [InlineData(1.5, 2.0, 3, -0.5)]
    [InlineData(-0.5, -4.0, 0, 1.25)]
    public void NoDiffAndIntParametersGetNoGradient(double a, double b, int n, double c)
    {
        double[] g = GradientAssert.Check(p => M.NoDiffAndInt(p[0], b, n, p[1]), p => (M.NoDiffAndIntBackward(p[0], b, n, p[1], out double da, out double dc), [da, dc]), a, c);
        GradientAssert.Exact(g, b * n, 2 * c / b);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.5)]
    public void MethodInNestedPartialTypes(double x)
    {
        double[] g = GradientAssert.Check(p => M.Outer.Inner.Nested(p[0]), p => (M.Outer.Inner.NestedBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, (1 + x) * Math.Exp(x));
    }

    [Theory]
    [InlineData(3.0, 4.0)]
    [InlineData(-1.0, 0.5)]
    public void MethodInNonStaticType(double x, double y)
    {
        double[] g = GradientAssert.Check(p => InstanceContainer.Hypot(p[0], p[1]), p => (InstanceContainer.HypotBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), x, y);
        double r = Math.Sqrt(x * x + y * y);
        GradientAssert.Exact(g, x / r, y / r);
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(-0.25f)]
    public void FloatLiteralsInAFloatMethod(float x)
    {
        double[] g = GradientAssert.CheckFloat(p => M.FloatLiterals((float)p[0]), p => (M.FloatLiteralsBackward((float)p[0], out float dx), [dx]), x);
        GradientAssert.Near(g, FloatTolerance, 1.5 * x);
    }

    [Fact]
    public void OptionalParameterIsDifferentiable()
    {
        Assert.Equal(1.4, M.OptionalParameter(0.7));
        double[] g = GradientAssert.Check(p => M.OptionalParameter(p[0], p[1]), p => (M.OptionalParameterBackward(p[0], p[1], out double dx, out double dscale), [dx, dscale]), 0.7, 2.0);
        GradientAssert.Exact(g, 2.0, 0.7);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.5)]
    public void StructRecordGenericAndGlobalNamespaceContainers(double x)
    {
        GradientAssert.Exact(GradientAssert.Check(p => StructContainer.Square(p[0]), p => (StructContainer.SquareBackward(p[0], out double dx), [dx]), x), 2 * x);
        GradientAssert.Exact(GradientAssert.Check(p => RecordContainer.Square(p[0]), p => (RecordContainer.SquareBackward(p[0], out double dx), [dx]), x), 2 * x);
        GradientAssert.Exact(GradientAssert.Check(p => GenericContainer<string>.Square(p[0]), p => (GenericContainer<string>.SquareBackward(p[0], out double dx), [dx]), x), 2 * x);
        GradientAssert.Exact(GradientAssert.Check(p => GlobalNamespaceContainer.Square(p[0]), p => (GlobalNamespaceContainer.SquareBackward(p[0], out double dx), [dx]), x), 2 * x);
    }
}
