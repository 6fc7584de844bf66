using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.ForEachModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary><c>foreach</c> over arrays and spans: parameters, local buffers, float elements, break and continue.</summary>
internal static partial class ForEachModels
{
    [Differentiable]
    public static double SumOfExpOverArray(double[] p, double scale)
    {
        double s = 0;
        foreach (double v in p)
        {
            s += Math.Exp(scale * v);
        }
        return s;
    }

    [Differentiable]
    public static float SquaresOverFloatSpan(ReadOnlySpan<float> p)
    {
        float s = 0;
        foreach (float v in p)
        {
            s += v * v;
        }
        return s;
    }

    /// <summary>The iteration variable converted: float elements read as double.</summary>
    [Differentiable]
    public static double WidenedElements(float[] p, double x)
    {
        double s = 0;
        foreach (double v in p)
        {
            s += v * x * x;
        }
        return s;
    }

    /// <summary>foreach over a local buffer the same loop body also writes.</summary>
    [Differentiable]
    public static double OverALocalBuffer(ReadOnlySpan<double> p)
    {
        double[] h = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            h[i] = Math.Sin(p[i]);
        }
        double s = 0;
        int j = 0;
        foreach (double v in h)
        {
            h[j] = 2 * v;
            s += v * h[j];
            j++;
        }
        return s;
    }

    /// <summary>Stops at the first negative element; skips elements above 1.</summary>
    [Differentiable]
    public static double BreakAndContinue(double[] p, double x)
    {
        double s = 0;
        foreach (var v in p)
        {
            if (v < 0)
            {
                break;
            }
            if (v > 1)
            {
                continue;
            }
            s += v * x;
        }
        return s * x;
    }
}

public sealed class ForEachTests
{
    private static readonly double[] Point = [0.3, -1.2, 0.7, 2.1, -0.4];

    [Fact]
    public void OverAnArrayParameter()
    {
        double[] p = [0.3, -1.2, 0.7];
        double[] g = GradientAssert.Check(
            v => M.SumOfExpOverArray(v[..3], v[3]),
            v =>
            {
                double[] dp = new double[3];
                double value = M.SumOfExpOverArrayBackward(v[..3], v[3], dp, out double dscale);
                return (value, [.. dp, dscale]);
            },
            [.. p, 0.8]);
        GradientAssert.Exact(g, [.. p.Select(v => 0.8 * Math.Exp(0.8 * v)), p.Sum(v => v * Math.Exp(0.8 * v))]);
    }

    [Fact]
    public void OverAFloatSpan()
    {
        float[] p = [0.5f, -1.5f, 2f];
        float[] dp = new float[3];
        float value = M.SquaresOverFloatSpanBackward(p, dp);
        Assert.Equal(0.25f + 2.25f + 4f, value);
        Assert.Equal([1f, -3f, 4f], dp);
    }

    [Fact]
    public void WithAWideningIterationVariable()
    {
        float[] p = [0.5f, -1.5f, 2f];
        float[] dp = new float[3];
        double value = M.WidenedElementsBackward(p, 3.0, dp, out double dx);
        GradientAssert.Close(M.WidenedElements(p, 3.0), value);
        GradientAssert.Close(2 * 3.0 * (0.5 - 1.5 + 2), dx);
        Assert.Equal([9f, 9f, 9f], dp);
    }

    [Fact]
    public void OverALocalBufferTheBodyWrites()
    {
        // s = Σ sin(pᵢ)·2·sin(pᵢ) = 2 Σ sin²(pᵢ)
        double[] g = GradientAssert.Check(p => M.OverALocalBuffer(p), p =>
        {
            double[] dp = new double[p.Length];
            return (M.OverALocalBufferBackward(p, dp), dp);
        }, Point);
        GradientAssert.Exact(g, Point.Select(v => 4 * Math.Sin(v) * Math.Cos(v)).ToArray());
    }

    [Theory]
    [InlineData(new[] { 0.3, 0.9, -0.5, 0.2 }, 1.2)]
    [InlineData(new[] { 0.3, 1.5, 0.6 }, -0.7)]
    [InlineData(new double[0], 2.0)]
    public void BreakAndContinueInside(double[] p, double x)
    {
        double[] dp = new double[p.Length];
        double value = M.BreakAndContinueBackward(p, x, dp, out double dx);
        GradientAssert.Close(M.BreakAndContinue(p, x), value);
        // s = x² · Σ counted pᵢ, over the elements before the first negative one, skipping those above 1
        double sum = 0;
        var expected = new double[p.Length];
        foreach (double v in p.TakeWhile(v => v >= 0).Where(v => v <= 1)) sum += v;
        for (int i = 0; i < p.Length && p[i] >= 0; i++)
        {
            expected[i] = p[i] <= 1 ? x * x : 0;
        }
        GradientAssert.Close(2 * x * sum, dx);
        GradientAssert.Near(dp, 1e-12, expected);
    }
}
