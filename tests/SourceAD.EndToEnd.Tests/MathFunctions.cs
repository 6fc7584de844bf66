using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.MathModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Every supported <see cref="Math"/> function, each on its own, plus one composition.</summary>
internal static partial class MathModels
{
    [Differentiable] public static double Exp(double x) { return Math.Exp(x); }
    [Differentiable] public static double Log(double x) { return Math.Log(x); }
    [Differentiable] public static double LogBase(double x, double b) { return Math.Log(x, b); }
    [Differentiable] public static double Log10(double x) { return Math.Log10(x); }
    [Differentiable] public static double Log2(double x) { return Math.Log2(x); }
    [Differentiable] public static double Sqrt(double x) { return Math.Sqrt(x); }
    [Differentiable] public static double Cbrt(double x) { return Math.Cbrt(x); }
    [Differentiable] public static double Pow(double x, double y) { return Math.Pow(x, y); }
    [Differentiable] public static double Sin(double x) { return Math.Sin(x); }
    [Differentiable] public static double Cos(double x) { return Math.Cos(x); }
    [Differentiable] public static double Tan(double x) { return Math.Tan(x); }
    [Differentiable] public static double Asin(double x) { return Math.Asin(x); }
    [Differentiable] public static double Acos(double x) { return Math.Acos(x); }
    [Differentiable] public static double Atan(double x) { return Math.Atan(x); }
    [Differentiable] public static double Atan2(double y, double x) { return Math.Atan2(y, x); }
    [Differentiable] public static double Sinh(double x) { return Math.Sinh(x); }
    [Differentiable] public static double Cosh(double x) { return Math.Cosh(x); }
    [Differentiable] public static double Tanh(double x) { return Math.Tanh(x); }
    [Differentiable] public static double Abs(double x) { return Math.Abs(x); }
    [Differentiable] public static double Max(double a, double b) { return Math.Max(a, b); }
    [Differentiable] public static double Min(double a, double b) { return Math.Min(a, b); }
    [Differentiable] public static double Clamp(double x, double lo, double hi) { return Math.Clamp(x, lo, hi); }
    [Differentiable] public static double FusedMultiplyAdd(double a, double b, double c) { return Math.FusedMultiplyAdd(a, b, c); }
    [Differentiable] public static double Floor(double x) { return Math.Floor(x); }
    [Differentiable] public static double Ceiling(double x) { return Math.Ceiling(x); }
    [Differentiable] public static double Round(double x) { return Math.Round(x); }
    [Differentiable] public static double Truncate(double x) { return Math.Truncate(x); }
    [Differentiable] public static double Sign(double x) { return Math.Sign(x); }

    [Differentiable] public static double Relu(double x) { return Math.Max(0, x); }
    [Differentiable] public static double SquareViaPow(double x) { return Math.Pow(x, 2); }
    [Differentiable] public static double MathConstants(double x) { return Math.Sin(2 * Math.PI * x) + Math.E * x; }

    [Differentiable]
    public static double Composite(double x, double y)
    {
        return Math.Sin(x * y) * Math.Exp(-x) + Math.Sqrt(x * x + y * y);
    }
}

public sealed class MathFunctionTests
{
    private static double[] Unary(Func<double, double> f, Func<double, (double, double)> backward, double x) =>
        GradientAssert.Check(p => f(p[0]), p => { (double value, double d) = backward(p[0]); return (value, [d]); }, x);

    private static double[] Binary(Func<double, double, double> f, Func<double, double, (double, double, double)> backward, double x, double y) =>
        GradientAssert.Check(p => f(p[0], p[1]), p => { (double value, double dx, double dy) = backward(p[0], p[1]); return (value, [dx, dy]); }, x, y);

    [Theory, InlineData(0.7), InlineData(-1.3)]
    public void Exp(double x) => GradientAssert.Exact(Unary(M.Exp, x => (M.ExpBackward(x, out double d), d), x), Math.Exp(x));

    [Theory, InlineData(0.7), InlineData(2.5)]
    public void Log(double x) => GradientAssert.Exact(Unary(M.Log, x => (M.LogBackward(x, out double d), d), x), 1 / x);

    [Theory, InlineData(2.5, 3.0), InlineData(0.7, 10.0)]
    public void LogWithBase(double x, double b) =>
        GradientAssert.Exact(Binary(M.LogBase, (x, b) => (M.LogBaseBackward(x, b, out double dx, out double db), dx, db), x, b),
            1 / (x * Math.Log(b)), -Math.Log(x) / (b * Math.Log(b) * Math.Log(b)));

    [Theory, InlineData(0.7), InlineData(2.5)]
    public void Log10(double x) => GradientAssert.Exact(Unary(M.Log10, x => (M.Log10Backward(x, out double d), d), x), 1 / (x * Math.Log(10)));

    [Theory, InlineData(0.7), InlineData(2.5)]
    public void Log2(double x) => GradientAssert.Exact(Unary(M.Log2, x => (M.Log2Backward(x, out double d), d), x), 1 / (x * Math.Log(2)));

    [Theory, InlineData(0.7), InlineData(2.5)]
    public void Sqrt(double x) => GradientAssert.Exact(Unary(M.Sqrt, x => (M.SqrtBackward(x, out double d), d), x), 0.5 / Math.Sqrt(x));

    [Theory, InlineData(2.5), InlineData(-0.7)]
    public void Cbrt(double x) => GradientAssert.Exact(Unary(M.Cbrt, x => (M.CbrtBackward(x, out double d), d), x), 1 / (3 * Math.Cbrt(x) * Math.Cbrt(x)));

    [Theory, InlineData(1.7, 2.3), InlineData(0.6, -1.5)]
    public void Pow(double x, double y) =>
        GradientAssert.Exact(Binary(M.Pow, (x, y) => (M.PowBackward(x, y, out double dx, out double dy), dx, dy), x, y),
            y * Math.Pow(x, y - 1), Math.Pow(x, y) * Math.Log(x));

    [Theory, InlineData(0.4), InlineData(-1.1)]
    public void Sin(double x) => GradientAssert.Exact(Unary(M.Sin, x => (M.SinBackward(x, out double d), d), x), Math.Cos(x));

    [Theory, InlineData(0.4), InlineData(-1.1)]
    public void Cos(double x) => GradientAssert.Exact(Unary(M.Cos, x => (M.CosBackward(x, out double d), d), x), -Math.Sin(x));

    [Theory, InlineData(0.4), InlineData(-1.1)]
    public void Tan(double x) => GradientAssert.Exact(Unary(M.Tan, x => (M.TanBackward(x, out double d), d), x), 1 / (Math.Cos(x) * Math.Cos(x)));

    [Theory, InlineData(0.3), InlineData(-0.6)]
    public void Asin(double x) => GradientAssert.Exact(Unary(M.Asin, x => (M.AsinBackward(x, out double d), d), x), 1 / Math.Sqrt(1 - x * x));

    [Theory, InlineData(0.3), InlineData(-0.6)]
    public void Acos(double x) => GradientAssert.Exact(Unary(M.Acos, x => (M.AcosBackward(x, out double d), d), x), -1 / Math.Sqrt(1 - x * x));

    [Theory, InlineData(0.8), InlineData(-2.0)]
    public void Atan(double x) => GradientAssert.Exact(Unary(M.Atan, x => (M.AtanBackward(x, out double d), d), x), 1 / (1 + x * x));

    [Theory, InlineData(0.5, -1.2), InlineData(-0.7, 0.4)]
    public void Atan2(double y, double x) =>
        GradientAssert.Exact(Binary(M.Atan2, (y, x) => (M.Atan2Backward(y, x, out double dy, out double dx), dy, dx), y, x),
            x / (x * x + y * y), -y / (x * x + y * y));

    [Theory, InlineData(0.6), InlineData(-1.4)]
    public void Sinh(double x) => GradientAssert.Exact(Unary(M.Sinh, x => (M.SinhBackward(x, out double d), d), x), Math.Cosh(x));

    [Theory, InlineData(0.6), InlineData(-1.4)]
    public void Cosh(double x) => GradientAssert.Exact(Unary(M.Cosh, x => (M.CoshBackward(x, out double d), d), x), Math.Sinh(x));

    [Theory, InlineData(0.6), InlineData(-1.4)]
    public void Tanh(double x) => GradientAssert.Exact(Unary(M.Tanh, x => (M.TanhBackward(x, out double d), d), x), 1 - Math.Tanh(x) * Math.Tanh(x));

    [Theory, InlineData(-1.3, -1.0), InlineData(0.8, 1.0)]
    public void Abs(double x, double slope) => GradientAssert.Exact(Unary(M.Abs, x => (M.AbsBackward(x, out double d), d), x), slope);

    [Theory, InlineData(1.0, 2.0, 0.0, 1.0), InlineData(3.0, -1.0, 1.0, 0.0)]
    public void Max(double a, double b, double da, double db) =>
        GradientAssert.Exact(Binary(M.Max, (a, b) => (M.MaxBackward(a, b, out double da, out double db), da, db), a, b), da, db);

    [Theory, InlineData(1.0, 2.0, 1.0, 0.0), InlineData(3.0, -1.0, 0.0, 1.0)]
    public void Min(double a, double b, double da, double db) =>
        GradientAssert.Exact(Binary(M.Min, (a, b) => (M.MinBackward(a, b, out double da, out double db), da, db), a, b), da, db);

    [Theory]
    [InlineData(0.5, 0.0, 1.0, 1.0, 0.0, 0.0)]
    [InlineData(-0.5, 0.0, 1.0, 0.0, 1.0, 0.0)]
    [InlineData(1.5, 0.0, 1.0, 0.0, 0.0, 1.0)]
    public void Clamp(double x, double lo, double hi, double dx, double dlo, double dhi)
    {
        double[] g = GradientAssert.Check(p => M.Clamp(p[0], p[1], p[2]), p => (M.ClampBackward(p[0], p[1], p[2], out double dx, out double dlo, out double dhi), [dx, dlo, dhi]), x, lo, hi);
        GradientAssert.Exact(g, dx, dlo, dhi);
    }

    [Theory, InlineData(1.5, -2.0, 0.25), InlineData(-0.3, 0.7, -4.0)]
    public void FusedMultiplyAdd(double a, double b, double c)
    {
        double[] g = GradientAssert.Check(p => M.FusedMultiplyAdd(p[0], p[1], p[2]), p => (M.FusedMultiplyAddBackward(p[0], p[1], p[2], out double da, out double db, out double dc), [da, db, dc]), a, b, c);
        GradientAssert.Exact(g, b, a, 1);
    }

    [Theory, InlineData(1.3), InlineData(-2.7)]
    public void Floor(double x) => Assert.Equal(0.0, Unary(M.Floor, x => (M.FloorBackward(x, out double d), d), x)[0]);

    [Theory, InlineData(1.3), InlineData(-2.7)]
    public void Ceiling(double x) => Assert.Equal(0.0, Unary(M.Ceiling, x => (M.CeilingBackward(x, out double d), d), x)[0]);

    [Theory, InlineData(1.3), InlineData(-2.7)]
    public void Round(double x) => Assert.Equal(0.0, Unary(M.Round, x => (M.RoundBackward(x, out double d), d), x)[0]);

    [Theory, InlineData(1.3), InlineData(-2.7)]
    public void Truncate(double x) => Assert.Equal(0.0, Unary(M.Truncate, x => (M.TruncateBackward(x, out double d), d), x)[0]);

    [Theory, InlineData(1.3), InlineData(-2.7)]
    public void Sign(double x) => Assert.Equal(0.0, Unary(M.Sign, x => (M.SignBackward(x, out double d), d), x)[0]);

    [Theory, InlineData(0.9, -1.7), InlineData(-0.4, 0.3)]
    public void Composite(double x, double y)
    {
        double[] g = Binary(M.Composite, (x, y) => (M.CompositeBackward(x, y, out double dx, out double dy), dx, dy), x, y);
        double r = Math.Sqrt(x * x + y * y);
        GradientAssert.Exact(g,
            Math.Exp(-x) * (y * Math.Cos(x * y) - Math.Sin(x * y)) + x / r,
            Math.Exp(-x) * x * Math.Cos(x * y) + y / r);
    }

    [Theory, InlineData(1.5, 1.0), InlineData(-0.5, 0.0)]
    public void ReluWithAnIntLiteralArgument(double x, double slope) => GradientAssert.Exact(Unary(M.Relu, x => (M.ReluBackward(x, out double d), d), x), slope);

    [Theory, InlineData(1.5), InlineData(-0.5)]
    public void PowWithAnIntLiteralExponent(double x) => GradientAssert.Exact(Unary(M.SquareViaPow, x => (M.SquareViaPowBackward(x, out double d), d), x), 2 * x);

    [Theory, InlineData(0.3), InlineData(-1.1)]
    public void MathPiAndE(double x) => GradientAssert.Exact(Unary(M.MathConstants, x => (M.MathConstantsBackward(x, out double d), d), x), 2 * Math.PI * Math.Cos(2 * Math.PI * x) + Math.E);
}
