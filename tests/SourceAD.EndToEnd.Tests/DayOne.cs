using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.DayOneModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// The C# people write on day one (issue 9): side effects on integers inside conditions and indices, indices from
/// the end and ranges, initializers and collection expressions, params, switch expressions and patterns, tuples,
/// interpolated strings and lambdas over data. Each gradient is checked against central differences.
/// </summary>
internal static partial class DayOneModels
{
    [Differentiable]
    public static double CountDown(double x, int n)
    {
        double s = 1;
        while (n-- > 0)
        {
            s = s * x + n;
        }
        return s;
    }

    [Differentiable]
    public static double IncrementInCondition(double x, int n)
    {
        double s = 0;
        for (int i = 0; i++ < n;)
        {
            s += Math.Sin(x * i);
        }
        return s;
    }

    [Differentiable]
    public static double DoWhileWithDecrement(double x, int n)
    {
        double s = x;
        do
        {
            s = Math.Sqrt(s * s + x);
        }
        while (--n > 0);
        return s;
    }

    [Differentiable]
    public static double IncrementInIndex(double[] x)
    {
        double s = 0;
        int k = 0;
        while (k < x.Length)
        {
            s += x[k++] * k;
        }
        return s;
    }

    [Differentiable]
    public static double FromTheEnd(double[] x) => x[^1] * x[^2] + x[0];

    [Differentiable]
    public static double SpanFromTheEnd(ReadOnlySpan<double> x) => x[^1] * x[^1] - x[^3];

    [Differentiable]
    public static double RangeOfAnArray(double[] x)
    {
        double[] middle = x[1..^1];
        middle[0] = middle[0] * 2;
        return middle[0] * middle[^1];
    }

    [Differentiable]
    public static double RangeOfASpan(double[] x)
    {
        ReadOnlySpan<double> tail = x.AsSpan()[1..];
        return tail[0] * tail[1] + tail.Length;
    }

    [Differentiable]
    public static double Initializers(double x, double y)
    {
        double[] a = [x, y, x * y];
        double[] b = new[] { x, 2.0 };
        Span<double> c = stackalloc double[] { x, 2 * y };
        Span<double> d = [y, y];
        return a[0] * a[2] + b[0] * b[1] + c[0] * c[1] + d[0] * a[1];
    }

    [Differentiable]
    public static double SumAll(params double[] values)
    {
        double s = 0;
        for (int i = 0; i < values.Length; i++)
        {
            s += values[i] * values[i];
        }
        return s;
    }

    [Differentiable]
    public static double ParamsCall(double x, double y) => SumAll(x, y, x * y) + x;

    [Differentiable]
    public static double SwitchOnTheInput(double x) => x switch
    {
        > 1 => x * x,
        < -1 and > -3 => -x,
        <= -3 => Math.Exp(x),
        _ => 2 * x,
    };

    [Differentiable]
    public static double SwitchOnAnInteger(double x, int mode)
    {
        double scale = mode switch { 0 => 1.0, 1 => x, _ => x * x };
        return scale * Math.Sin(x);
    }

    [Differentiable]
    public static double IsPattern(double x)
    {
        if (x is > 0 and < 1 or double.NaN)
        {
            return x * x;
        }
        return x is not < 5 ? 3 * x : x;
    }

    [Differentiable]
    public static double Tuples(double x, double y)
    {
        double a = x * 2, b = y + 1;
        (a, b) = (b, a);
        var (s, c) = (Math.Sin(x), Math.Cos(y));
        return a * s + b * c;
    }

    [Differentiable]
    public static double InterpolationsAndLambdas(double x, [NoDiff] int[] k)
    {
        string label = $"{x:F2} at {k.Length}";
        if (double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"x = {x} is not finite");
        }
        int limit = 3;
        int count = Array.FindAll(k, v => v < limit).Length;
        return x * count + label.Length * 0.0 + x * x;
    }
}

public class DayOne
{
    [Theory]
    [InlineData(1.3, 0)]
    [InlineData(1.3, 4)]
    [InlineData(-0.7, 3)]
    public void DecrementInAWhileCondition(double x, int n) =>
        GradientAssert.Check(p => M.CountDown(p[0], n), p => (M.CountDownBackward(p[0], n, out double dx), [dx]), x);

    [Fact]
    public void IncrementInAForCondition() =>
        GradientAssert.Check(p => M.IncrementInCondition(p[0], 5), p => (M.IncrementInConditionBackward(p[0], 5, out double dx), [dx]), 0.4);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void DecrementInADoWhileCondition(int n) =>
        GradientAssert.Check(p => M.DoWhileWithDecrement(p[0], n), p => (M.DoWhileWithDecrementBackward(p[0], n, out double dx), [dx]), 0.9);

    [Fact]
    public void IncrementInAnIndex()
    {
        double[] g = GradientAssert.Check(M.IncrementInIndex, Adapters.Buffer((p, dp) => M.IncrementInIndexBackward(p, dp)), 0.5, -1.5, 2.0);
        GradientAssert.Exact(g, 1, 2, 3);
    }

    [Fact]
    public void IndicesFromTheEnd()
    {
        double[] x = [0.5, -1.5, 2.0, 3.0];
        double[] g = GradientAssert.Check(M.FromTheEnd, Adapters.Buffer((p, dp) => M.FromTheEndBackward(p, dp)), x);
        GradientAssert.Exact(g, 1, 0, 3, 2);
        double[] h = GradientAssert.Check(p => M.SpanFromTheEnd(p), Adapters.Buffer((p, dp) => M.SpanFromTheEndBackward(p, dp)), x);
        GradientAssert.Exact(h, 0, -1, 0, 6);
    }

    [Fact]
    public void RangesCopyArraysAndViewSpans()
    {
        double[] x = [0.5, -1.5, 2.0, 3.0];
        double[] g = GradientAssert.Check(M.RangeOfAnArray, Adapters.Buffer((p, dp) => M.RangeOfAnArrayBackward(p, dp)), x);
        GradientAssert.Exact(g, 0, 4, 2 * -1.5, 0);
        double[] h = GradientAssert.Check(M.RangeOfASpan, Adapters.Buffer((p, dp) => M.RangeOfASpanBackward(p, dp)), x);
        GradientAssert.Exact(h, 0, 2, -1.5, 0);
    }

    [Fact]
    public void ArrayInitializersCollectionExpressionsAndStackalloc() =>
        GradientAssert.Check(p => M.Initializers(p[0], p[1]), p => (M.InitializersBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), 0.7, -1.2);

    [Fact]
    public void ParamsArgumentsToADifferentiableMethod()
    {
        double[] g = GradientAssert.Check(p => M.ParamsCall(p[0], p[1]), p => (M.ParamsCallBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), 0.7, -1.2);
        GradientAssert.Exact(g, 2 * 0.7 + 2 * 0.7 * 1.44 + 1, 2 * -1.2 + 2 * 0.49 * -1.2);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(-2.0)]
    [InlineData(-4.0)]
    [InlineData(0.3)]
    public void SwitchExpressionOnTheInput(double x) =>
        GradientAssert.Check(p => M.SwitchOnTheInput(p[0]), p => (M.SwitchOnTheInputBackward(p[0], out double dx), [dx]), x);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void SwitchExpressionOnAnInteger(int mode) =>
        GradientAssert.Check(p => M.SwitchOnAnInteger(p[0], mode), p => (M.SwitchOnAnIntegerBackward(p[0], mode, out double dx), [dx]), 0.8);

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(7.0)]
    public void RelationalAndLogicalPatterns(double x) =>
        GradientAssert.Check(p => M.IsPattern(p[0]), p => (M.IsPatternBackward(p[0], out double dx), [dx]), x);

    [Fact]
    public void TupleSwapAndDeconstruction() =>
        GradientAssert.Check(p => M.Tuples(p[0], p[1]), p => (M.TuplesBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), 0.4, 1.1);

    [Fact]
    public void InterpolatedStringsAndLambdasOverData()
    {
        int[] k = [1, 5, 2, 7, 0];
        double[] g = GradientAssert.Check(p => M.InterpolationsAndLambdas(p[0], k), p => (M.InterpolationsAndLambdasBackward(p[0], k, out double dx), [dx]), 0.6);
        GradientAssert.Exact(g, 3 + 2 * 0.6);
        Assert.Throws<ArgumentOutOfRangeException>(() => M.InterpolationsAndLambdasBackward(double.PositiveInfinity, k, out _));
    }
}
