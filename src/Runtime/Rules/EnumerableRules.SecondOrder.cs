using System;

namespace SourceAD.Rules;

// Second-order rules of the Enumerable reductions over arrays ([TangentOf] naming each pullback): Sum and Average
// spread the adjoint's tangent as the pullbacks spread the adjoint; Max and Min route it to the element they chose.
public static partial class EnumerableRules
{
    /// <summary>The tangent of <see cref="SumPullback(double[], double, Span{double})"/>: every element of <paramref name="dsourceDot"/> gets <paramref name="dResultDot"/>.</summary>
    [TangentOf(nameof(SumPullback))]
    public static void SumPullbackTangent(double[] source, double dResult, Span<double> dsource, ReadOnlySpan<double> sourceDot, double dResultDot, Span<double> dsourceDot)
    {
        SumPullback(source, dResult, dsource);
        Spread(dsourceDot, dResultDot);
    }

    /// <summary>The tangent of <see cref="SumPullback(float[], float, Span{float})"/>.</summary>
    [TangentOf(nameof(SumPullback))]
    public static void SumPullbackTangent(float[] source, float dResult, Span<float> dsource, ReadOnlySpan<float> sourceDot, float dResultDot, Span<float> dsourceDot)
    {
        SumPullback(source, dResult, dsource);
        Spread(dsourceDot, dResultDot);
    }

    /// <summary>The tangent of <see cref="AveragePullback(double[], double, Span{double})"/>: every element of <paramref name="dsourceDot"/> gets <paramref name="dResultDot"/> / n.</summary>
    [TangentOf(nameof(AveragePullback))]
    public static void AveragePullbackTangent(double[] source, double dResult, Span<double> dsource, ReadOnlySpan<double> sourceDot, double dResultDot, Span<double> dsourceDot)
    {
        AveragePullback(source, dResult, dsource);
        AveragePullback(source, dResultDot, dsourceDot);
    }

    /// <summary>The tangent of <see cref="AveragePullback(float[], float, Span{float})"/>.</summary>
    [TangentOf(nameof(AveragePullback))]
    public static void AveragePullbackTangent(float[] source, float dResult, Span<float> dsource, ReadOnlySpan<float> sourceDot, float dResultDot, Span<float> dsourceDot)
    {
        AveragePullback(source, dResult, dsource);
        AveragePullback(source, dResultDot, dsourceDot);
    }

    /// <summary>The tangent of <see cref="MaxPullback(double[], double, double, Span{double})"/>: the chosen element's tangent gets <paramref name="dResultDot"/>.</summary>
    [TangentOf(nameof(MaxPullback))]
    public static void MaxPullbackTangent(double[] source, double result, double dResult, Span<double> dsource, ReadOnlySpan<double> sourceDot, double resultDot, double dResultDot, Span<double> dsourceDot)
    {
        MaxPullback(source, result, dResult, dsource);
        MaxPullback(source, result, dResultDot, dsourceDot);
    }

    /// <summary>The tangent of <see cref="MaxPullback(float[], float, float, Span{float})"/>.</summary>
    [TangentOf(nameof(MaxPullback))]
    public static void MaxPullbackTangent(float[] source, float result, float dResult, Span<float> dsource, ReadOnlySpan<float> sourceDot, float resultDot, float dResultDot, Span<float> dsourceDot)
    {
        MaxPullback(source, result, dResult, dsource);
        MaxPullback(source, result, dResultDot, dsourceDot);
    }

    /// <summary>The tangent of <see cref="MinPullback(double[], double, double, Span{double})"/>: the chosen element's tangent gets <paramref name="dResultDot"/>.</summary>
    [TangentOf(nameof(MinPullback))]
    public static void MinPullbackTangent(double[] source, double result, double dResult, Span<double> dsource, ReadOnlySpan<double> sourceDot, double resultDot, double dResultDot, Span<double> dsourceDot)
    {
        MinPullback(source, result, dResult, dsource);
        MinPullback(source, result, dResultDot, dsourceDot);
    }

    /// <summary>The tangent of <see cref="MinPullback(float[], float, float, Span{float})"/>.</summary>
    [TangentOf(nameof(MinPullback))]
    public static void MinPullbackTangent(float[] source, float result, float dResult, Span<float> dsource, ReadOnlySpan<float> sourceDot, float resultDot, float dResultDot, Span<float> dsourceDot)
    {
        MinPullback(source, result, dResult, dsource);
        MinPullback(source, result, dResultDot, dsourceDot);
    }
}
