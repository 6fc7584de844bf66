using System.Numerics.Tensors;
using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.SoundnessModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// The C# of the "never silently wrong" table (issue 9) that now works: LINQ and TensorPrimitives reductions through
/// the runtime's [DerivativeOf] rules for methods of other types, copies of buffers, the generic-math statics and the
/// special points of Pow. (The rows that are errors are in the generator tests' SoundnessTests.)
/// </summary>
internal static partial class SoundnessModels
{
    [Differentiable]
    public static double LinqSum(double[] x) => x.Sum();

    [Differentiable]
    public static double LinqMax(double[] x) => x.Max();

    [Differentiable]
    public static double LinqMin(double[] x) => x.Min() * x[0];

    [Differentiable]
    public static double EnumerableSumTwice(double[] x) => Enumerable.Sum(x) * 2;

    [Differentiable]
    public static double ScaledSum(double c, double[] x) => c * x.Sum();

    [Differentiable]
    public static double Average(double[] x) => x.Average() * x.Average();

    [Differentiable]
    public static float FloatSum(float[] x) => x.Sum() * x[1];

    [Differentiable]
    public static double CloneProduct(double[] x)
    {
        double[] y = (double[])x.Clone();
        return y[0] * y[1];
    }

    [Differentiable]
    public static double ToArrayThenModify(double[] x)
    {
        double[] y = x.ToArray();
        y[0] = y[0] * y[2];
        return y[0] + Math.Sin(y[1]);
    }

    [Differentiable]
    public static double SliceToArray(double[] x)
    {
        double[] y = x.AsSpan(1, 2).ToArray();
        return y[0] * y[1];
    }

    [Differentiable]
    public static double CopyToLocal(double[] x)
    {
        double[] y = new double[x.Length + 1];
        x.AsSpan().CopyTo(y);
        y[x.Length] = 1;
        return y[0] * y[1] + y[x.Length];
    }

    [Differentiable]
    public static double ArrayCopy(double[] x)
    {
        double[] y = new double[2];
        Array.Copy(x, y, 2);
        return y[0] * y[0] * y[1];
    }

    [Differentiable]
    public static double SpanReductions(double[] x, double[] y) =>
        TensorPrimitives.Sum<double>(x) + TensorPrimitives.Dot<double>(x, y) + TensorPrimitives.SumOfSquares<double>(y)
        + TensorPrimitives.Norm<double>(x) + TensorPrimitives.Max<double>(x) * TensorPrimitives.Min<double>(y);

    [Differentiable]
    public static double GenericMath(double x, double y) =>
        double.Exp(x) * double.Sin(y) + double.Sqrt(x * x + 1) + double.Max(x, y) + double.Clamp(x, -1, 1)
        + double.FusedMultiplyAdd(x, y, x) + double.Log(y * y + 1) + double.Atan2(y, x) + double.Pow(x * x + 1, y) + double.Hypot(x, y);

    [Differentiable]
    public static float GenericMathFloat(float x, float y) => float.Exp(x) * float.Cos(y) + float.Tanh(x * y);

    [Differentiable]
    public static double ScaleB(double x, int n) => Math.ScaleB(x * x, n) + double.ScaleB(x, -n);

    [Differentiable]
    public static double Converted(double x, float y) => Convert.ToDouble(y) * x + Convert.ToSingle(x);

    /// <summary>Σ c[k]·xᵏ: at x = 0 the k = 0 term is c[0]·x⁰, whose derivative is 0 (not 0·∞).</summary>
    [Differentiable]
    public static double Polynomial(double x, [NoDiff] double[] c)
    {
        double s = 0;
        for (int k = 0; k < c.Length; k++)
        {
            s += c[k] * Math.Pow(x, k);
        }
        return s;
    }

    [Differentiable]
    public static double Power(double x, double y) => Math.Pow(x, y);
}

public class Soundness
{
    private static readonly double[] Point = [0.7, -1.3, 2.1];

    [Fact]
    public void LinqSumHasGradientOne()
    {
        double[] g = GradientAssert.Check(M.LinqSum, Adapters.Buffer((p, dp) => M.LinqSumBackward(p, dp)), Point);
        GradientAssert.Exact(g, 1, 1, 1);
    }

    [Fact]
    public void LinqMaxSendsTheGradientToTheMaximum()
    {
        double[] g = GradientAssert.Check(M.LinqMax, Adapters.Buffer((p, dp) => M.LinqMaxBackward(p, dp)), Point);
        GradientAssert.Exact(g, 0, 0, 1);
    }

    [Fact]
    public void LinqMinTimesAnElement()
    {
        double[] g = GradientAssert.Check(M.LinqMin, Adapters.Buffer((p, dp) => M.LinqMinBackward(p, dp)), Point);
        GradientAssert.Exact(g, -1.3, 0.7, 0);
    }

    [Fact]
    public void EnumerableSumCalledStatically()
    {
        double[] g = GradientAssert.Check(M.EnumerableSumTwice, Adapters.Buffer((p, dp) => M.EnumerableSumTwiceBackward(p, dp)), Point);
        GradientAssert.Exact(g, 2, 2, 2);
    }

    [Fact]
    public void ScaledSumDifferentiatesBothFactors()
    {
        double[] dx = new double[3];
        double value = M.ScaledSumBackward(3, Point, out double dc, dx);
        GradientAssert.Close(3 * 1.5, value);
        GradientAssert.Exact([dc, .. dx], 1.5, 3, 3, 3);
    }

    [Fact]
    public void AverageSquared()
    {
        double mean = Point.Average();
        double[] g = GradientAssert.Check(M.Average, Adapters.Buffer((p, dp) => M.AverageBackward(p, dp)), Point);
        GradientAssert.Near(g, 1e-12, 2 * mean / 3, 2 * mean / 3, 2 * mean / 3);
    }

    [Fact]
    public void FloatLinqSum()
    {
        float[] x = [0.5f, 1.5f, -2f];
        float[] dx = new float[3];
        float value = M.FloatSumBackward(x, dx);
        Assert.Equal(0f, value);
        Assert.Equal([1.5f, 1.5f, 1.5f], dx); // x[1] from the sum, plus the sum (0) for x[1] itself
    }

    [Fact]
    public void CloneIsACopy()
    {
        double[] g = GradientAssert.Check(M.CloneProduct, Adapters.Buffer((p, dp) => M.CloneProductBackward(p, dp)), Point);
        GradientAssert.Exact(g, Point[1], Point[0], 0);
    }

    [Fact]
    public void ToArrayIsACopyThatMayBeWritten()
    {
        double[] g = GradientAssert.Check(M.ToArrayThenModify, Adapters.Buffer((p, dp) => M.ToArrayThenModifyBackward(p, dp)), Point);
        GradientAssert.Exact(g, Point[2], Math.Cos(Point[1]), Point[0]);
    }

    [Fact]
    public void ToArrayOfASlice()
    {
        double[] g = GradientAssert.Check(M.SliceToArray, Adapters.Buffer((p, dp) => M.SliceToArrayBackward(p, dp)), Point);
        GradientAssert.Exact(g, 0, Point[2], Point[1]);
    }

    [Fact]
    public void CopyToALocalBuffer()
    {
        double[] g = GradientAssert.Check(M.CopyToLocal, Adapters.Buffer((p, dp) => M.CopyToLocalBackward(p, dp)), Point);
        GradientAssert.Exact(g, Point[1], Point[0], 0);
    }

    [Fact]
    public void ArrayCopyOfAPrefix()
    {
        double[] g = GradientAssert.Check(M.ArrayCopy, Adapters.Buffer((p, dp) => M.ArrayCopyBackward(p, dp)), Point);
        GradientAssert.Exact(g, 2 * Point[0] * Point[1], Point[0] * Point[0], 0);
    }

    [Fact]
    public void TensorPrimitivesReductions()
    {
        double[] x = [0.7, -1.3, 2.1], y = [1.1, 0.4, -0.6];
        GradientAssert.Check(p => M.SpanReductions(p[..3], p[3..]), Adapters.Buffers(3, (a, b, da, db) => M.SpanReductionsBackward(a, b, da, db)), [.. x, .. y]);
    }

    [Fact]
    public void GenericMathStaticsHaveTheMathRules()
    {
        GradientAssert.Check(p => M.GenericMath(p[0], p[1]), p => (M.GenericMathBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), 0.4, 1.7);
        GradientAssert.CheckFloat(p => M.GenericMathFloat((float)p[0], (float)p[1]),
            p => (M.GenericMathFloatBackward((float)p[0], (float)p[1], out float dx, out float dy), [dx, dy]), 0.4, 1.7);
    }

    [Fact]
    public void ScaleBScalesTheDerivative()
    {
        double[] g = GradientAssert.Check(p => M.ScaleB(p[0], 3), p => (M.ScaleBBackward(p[0], 3, out double dx), [dx]), 0.8);
        GradientAssert.Exact(g, 2 * 0.8 * 8 + 1.0 / 8);
    }

    [Fact]
    public void ConvertToDoubleAndSingleAreCasts()
    {
        double value = M.ConvertedBackward(2.0, 1.5f, out double dx, out float dy);
        Assert.Equal(5.0, value);
        Assert.Equal(2.5, dx);
        Assert.Equal(2f, dy);
    }

    [Fact]
    public void PolynomialAtZeroHasTheLinearCoefficient()
    {
        double[] c = [3, -2, 5, 7];
        double value = M.PolynomialBackward(0, c, out double dx);
        Assert.Equal(3, value);
        Assert.Equal(-2, dx);
        GradientAssert.Check(p => M.Polynomial(p[0], c), p => (M.PolynomialBackward(p[0], c, out double d), [d]), 0.3);
    }

    [Fact]
    public void PowAtZeroBaseAndPositiveExponent()
    {
        M.PowerBackward(0, 2.5, out double dx, out double dy);
        Assert.Equal(0, dx);
        Assert.Equal(0, dy); // lim x→0⁺ of xʸ·ln x for y > 0, as in PyTorch and JAX
        M.PowerBackward(0, 0, out dx, out dy);
        Assert.Equal(0, dx);
        Assert.Equal(0, dy);
        M.PowerBackward(1.7, 0, out dx, out _);
        Assert.Equal(0, dx);
    }
}
