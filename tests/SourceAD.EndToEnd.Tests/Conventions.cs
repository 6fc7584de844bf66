using SourceAD.EndToEnd.Tests.Support;
using System.Numerics.Tensors;
using C = SourceAD.EndToEnd.Tests.ConventionModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Models for the README's table of conventions at special points, one per row.</summary>
internal static partial class ConventionModels
{
    [Differentiable] public static double Power(double x, double y) => Math.Pow(x, y);

    /// <summary>x⁰ + 3x¹ + x²: literal integer exponents, whose derivative at 0 is 3.</summary>
    [Differentiable] public static double IntegerPowers(double x) => Math.Pow(x, 0) + 3 * Math.Pow(x, 1) + Math.Pow(x, 2);

    [Differentiable] public static double Sqrt(double x) => Math.Sqrt(x);

    [Differentiable] public static double SquaredRoot(double x) => Math.Pow(Math.Sqrt(x), 2);

    [Differentiable] public static double Abs(double x) => Math.Abs(x);

    [Differentiable] public static double Max(double a, double b) => Math.Max(a, b);

    [Differentiable] public static double Min(double a, double b) => Math.Min(a, b);

    [Differentiable] public static double Clamp(double x, double lo, double hi) => Math.Clamp(x, lo, hi);

    [Differentiable] public static double Atan2(double y, double x) => Math.Atan2(y, x);

    [Differentiable] public static double MaskedLog(double x) => x > 0 ? Math.Log(x) : 0.0;

    [Differentiable] public static double Larger(double x, double y) => x > y ? x : y;

    [Differentiable]
    public static double Steps(double x) => (int)x + Math.Floor(x) + Math.Ceiling(x) + Math.Round(x) + Math.Truncate(x) + Math.Sign(x);

    [Differentiable] public static double LinqMax(double[] v) => v.Max();

    [Differentiable] public static double LinqMin(double[] v) => v.Min();

    [Differentiable] public static double SpanMax(ReadOnlySpan<double> v) => TensorPrimitives.Max<double>(v);

    [Differentiable] public static double Norm(ReadOnlySpan<double> v) => TensorPrimitives.Norm<double>(v);

    /// <summary>Unread elements whose rules are infinite at x = 0 (√x, log x): the read ones carry the whole gradient.</summary>
    [Differentiable]
    public static double UnreadSingularElements(double x, double y, int n)
    {
        Span<double> t = stackalloc double[] { Math.Sqrt(x), x * y };
        double[] u = new double[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = i == 0 ? Math.Log(x) : x * i;
        }
        return t[1] + u[n - 1];
    }
}

/// <summary>
/// The README's "Conventions at special points" table, row by row: the value each derivative takes exactly at the
/// point, against the value the row states (a limit, a subgradient, or the IEEE result of the chain rule).
/// </summary>
public sealed class ConventionTests
{
    [Theory]
    [InlineData(0.0, 1.5, 2)]
    [InlineData(0.0, -0.5, 3)]
    [InlineData(0.8, 2.0, 2)]
    public void UnreadElementsWithInfiniteDerivativesAddNothing(double x, double y, int n)
    {
        // f = x·y + x·(n − 1): √x and log x sit in elements nobody reads.
        double value = ConventionModels.UnreadSingularElementsBackward(x, y, n, out double dx, out double dy);
        Assert.Equal(x * y + x * (n - 1), value, 15);
        Assert.Equal(y + (n - 1), dx, 15);
        Assert.Equal(x, dy, 15);
        var hessian = new double[4];
        ConventionModels.UnreadSingularElementsHessian(x, y, n, hessian);
        GradientAssert.Exact(hessian, 0, 1, 1, 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.7)]
    [InlineData(-2.0)]
    public void PowWithExponentZeroHasBaseDerivativeZero(double x)
    {
        Assert.Equal(1.0, C.PowerBackward(x, 0, out double dx, out _));
        Assert.Equal(0.0, dx);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void PowAtBaseZeroHasExponentDerivativeZero(double y)
    {
        C.PowerBackward(0, y, out _, out double dy);
        Assert.Equal(0.0, dy); // lim x→0⁺ of xʸ·ln x for y > 0 (PyTorch, JAX); 0 at y = 0 too
    }

    [Fact]
    public void IntegerPowersAtZeroHaveTheirPolynomialDerivative()
    {
        Assert.Equal(1.0, C.IntegerPowersBackward(0, out double dx));
        Assert.Equal(3.0, dx);
    }

    [Fact]
    public void PowWithAFractionalExponentBelowOneAtZeroIsInfinite()
    {
        C.PowerBackward(0, 0.5, out double dx, out _);
        Assert.Equal(double.PositiveInfinity, dx);
    }

    [Fact]
    public void SqrtAtZeroIsInfiniteAndSquaringItAfterwardsIsNaN()
    {
        C.SqrtBackward(0, out double dx);
        Assert.Equal(double.PositiveInfinity, dx);
        Assert.Equal(0.0, C.SquaredRootBackward(0, out dx));
        Assert.True(double.IsNaN(dx), dx.ToString()); // (2·√0)·(1/(2√0)) = 0·∞
    }

    [Fact]
    public void AbsAtZeroHasDerivativeZero()
    {
        C.AbsBackward(0, out double dx);
        Assert.Equal(0.0, dx);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.25)]
    public void MaxAndMinSendATieToTheFirstArgument(double t)
    {
        C.MaxBackward(t, t, out double da, out double db);
        Assert.Equal((1.0, 0.0), (da, db));
        C.MinBackward(t, t, out da, out db);
        Assert.Equal((1.0, 0.0), (da, db));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(2.0)]
    public void ClampAtABoundPassesTheDerivativeToTheValue(double x)
    {
        C.ClampBackward(x, -1.0, 2.0, out double dx, out double dlo, out double dhi);
        Assert.Equal((1.0, 0.0, 0.0), (dx, dlo, dhi));
    }

    [Fact]
    public void Atan2AtTheOriginIsNaN()
    {
        C.Atan2Backward(0, 0, out double dy, out double dx);
        Assert.True(double.IsNaN(dy) && double.IsNaN(dx), dy + " " + dx); // 0/0, as in PyTorch and JAX
    }

    [Fact]
    public void ABranchNotTakenIsNotDifferentiated()
    {
        Assert.Equal(0.0, C.MaskedLogBackward(0, out double dx));
        Assert.Equal(0.0, dx); // not 0·(1/0): Log's rule is never evaluated
        C.MaskedLogBackward(-1, out dx);
        Assert.Equal(0.0, dx);
    }

    [Fact]
    public void AComparisonAtATieTakesTheBranchTheMethodTakes()
    {
        C.LargerBackward(1.5, 1.5, out double dx, out double dy);
        Assert.Equal((0.0, 1.0), (dx, dy)); // 1.5 > 1.5 is false: the value is y
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(-0.5)]
    [InlineData(1.3)]
    public void IntegerCastsAndStepFunctionsHaveDerivativeZero(double x)
    {
        C.StepsBackward(x, out double dx);
        Assert.Equal(0.0, dx); // at the jumps too
    }

    [Fact]
    public void ReductionsSendATieToTheFirstExtremalElement()
    {
        var g = new double[3];
        C.LinqMaxBackward([2.0, 5.0, 5.0], g);
        Assert.Equal([0.0, 1.0, 0.0], g);
        g = new double[3];
        C.LinqMinBackward([1.0, 4.0, 1.0], g);
        Assert.Equal([1.0, 0.0, 0.0], g);
        g = new double[3];
        C.SpanMaxBackward([3.0, 3.0, -1.0], g);
        Assert.Equal([1.0, 0.0, 0.0], g);
    }

    [Fact]
    public void NormAtTheZeroVectorHasDerivativeZero()
    {
        var g = new double[2];
        Assert.Equal(0.0, C.NormBackward([0.0, 0.0], g));
        Assert.Equal([0.0, 0.0], g);
    }
}
