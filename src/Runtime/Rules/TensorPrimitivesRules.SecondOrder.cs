using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace SourceAD.Rules;

// Second-order rules of the TensorPrimitives reductions ([TangentOf] naming each pullback; see TangentOfAttribute):
// each runs the pullback and adds its directional derivative into the adjoint's tangent. Max and Min route the
// adjoint's tangent to the element the pullback chose (their second derivative is zero away from ties).
public static partial class TensorPrimitivesRules
{
    /// <summary>The tangent of <see cref="SumPullback(ReadOnlySpan{double}, double, Span{double})"/>: every element of <paramref name="dxDot"/> gets <paramref name="dResultDot"/>.</summary>
    [TangentOf(nameof(SumPullback))]
    public static void SumPullbackTangent(ReadOnlySpan<double> x, double dResult, Span<double> dx, ReadOnlySpan<double> xDot, double dResultDot, Span<double> dxDot)
    {
        SumPullback(x, dResult, dx);
        EnumerableRules.Spread(dxDot, dResultDot);
    }

    /// <summary>The tangent of <see cref="SumPullback(ReadOnlySpan{float}, float, Span{float})"/>.</summary>
    [TangentOf(nameof(SumPullback))]
    public static void SumPullbackTangent(ReadOnlySpan<float> x, float dResult, Span<float> dx, ReadOnlySpan<float> xDot, float dResultDot, Span<float> dxDot)
    {
        SumPullback(x, dResult, dx);
        EnumerableRules.Spread(dxDot, dResultDot);
    }

    /// <summary>The tangent of <see cref="DotPullback(ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double}, Span{double})"/>: <c>dxDot += ġ·y + g·ẏ</c>, <c>dyDot += ġ·x + g·ẋ</c>.</summary>
    [TangentOf(nameof(DotPullback))]
    public static void DotPullbackTangent(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double dResult, Span<double> dx, Span<double> dy,
        ReadOnlySpan<double> xDot, ReadOnlySpan<double> yDot, double dResultDot, Span<double> dxDot, Span<double> dyDot)
    {
        DotPullback(x, y, dResult, dx, dy);
        DotTangent(x, y, dResult, xDot, yDot, dResultDot, dxDot, dyDot);
    }

    /// <summary>The tangent of <see cref="DotPullback(ReadOnlySpan{float}, ReadOnlySpan{float}, float, Span{float}, Span{float})"/>.</summary>
    [TangentOf(nameof(DotPullback))]
    public static void DotPullbackTangent(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float dResult, Span<float> dx, Span<float> dy,
        ReadOnlySpan<float> xDot, ReadOnlySpan<float> yDot, float dResultDot, Span<float> dxDot, Span<float> dyDot)
    {
        DotPullback(x, y, dResult, dx, dy);
        DotTangent(x, y, dResult, xDot, yDot, dResultDot, dxDot, dyDot);
    }

    /// <summary>The tangent of <see cref="SumOfSquaresPullback(ReadOnlySpan{double}, double, Span{double})"/>: <c>dxDot += 2ġ·x + 2g·ẋ</c>.</summary>
    [TangentOf(nameof(SumOfSquaresPullback))]
    public static void SumOfSquaresPullbackTangent(ReadOnlySpan<double> x, double dResult, Span<double> dx, ReadOnlySpan<double> xDot, double dResultDot, Span<double> dxDot)
    {
        SumOfSquaresPullback(x, dResult, dx);
        SumOfSquaresPullback(x, dResultDot, dxDot);
        SumOfSquaresPullback(xDot, dResult, dxDot);
    }

    /// <summary>The tangent of <see cref="SumOfSquaresPullback(ReadOnlySpan{float}, float, Span{float})"/>.</summary>
    [TangentOf(nameof(SumOfSquaresPullback))]
    public static void SumOfSquaresPullbackTangent(ReadOnlySpan<float> x, float dResult, Span<float> dx, ReadOnlySpan<float> xDot, float dResultDot, Span<float> dxDot)
    {
        SumOfSquaresPullback(x, dResult, dx);
        SumOfSquaresPullback(x, dResultDot, dxDot);
        SumOfSquaresPullback(xDot, dResult, dxDot);
    }

    /// <summary>
    /// The tangent of <see cref="NormPullback(ReadOnlySpan{double}, double, double, Span{double})"/>, with r = ‖x‖:
    /// <c>dxDot += (ġ/r − g·ṙ/r²)·x + (g/r)·ẋ</c>, and nothing at the zero vector (as the pullback).
    /// </summary>
    [TangentOf(nameof(NormPullback))]
    public static void NormPullbackTangent(ReadOnlySpan<double> x, double result, double dResult, Span<double> dx,
        ReadOnlySpan<double> xDot, double resultDot, double dResultDot, Span<double> dxDot)
    {
        NormPullback(x, result, dResult, dx);
        NormTangent(x, result, dResult, xDot, resultDot, dResultDot, dxDot);
    }

    /// <summary>The tangent of <see cref="NormPullback(ReadOnlySpan{float}, float, float, Span{float})"/>.</summary>
    [TangentOf(nameof(NormPullback))]
    public static void NormPullbackTangent(ReadOnlySpan<float> x, float result, float dResult, Span<float> dx,
        ReadOnlySpan<float> xDot, float resultDot, float dResultDot, Span<float> dxDot)
    {
        NormPullback(x, result, dResult, dx);
        NormTangent(x, result, dResult, xDot, resultDot, dResultDot, dxDot);
    }

    /// <summary>The tangent of <see cref="MaxPullback(ReadOnlySpan{double}, double, double, Span{double})"/>: the chosen element's tangent gets <paramref name="dResultDot"/>.</summary>
    [TangentOf(nameof(MaxPullback))]
    public static void MaxPullbackTangent(ReadOnlySpan<double> x, double result, double dResult, Span<double> dx, ReadOnlySpan<double> xDot, double resultDot, double dResultDot, Span<double> dxDot)
    {
        MaxPullback(x, result, dResult, dx);
        MaxPullback(x, result, dResultDot, dxDot);
    }

    /// <summary>The tangent of <see cref="MaxPullback(ReadOnlySpan{float}, float, float, Span{float})"/>.</summary>
    [TangentOf(nameof(MaxPullback))]
    public static void MaxPullbackTangent(ReadOnlySpan<float> x, float result, float dResult, Span<float> dx, ReadOnlySpan<float> xDot, float resultDot, float dResultDot, Span<float> dxDot)
    {
        MaxPullback(x, result, dResult, dx);
        MaxPullback(x, result, dResultDot, dxDot);
    }

    /// <summary>The tangent of <see cref="MinPullback(ReadOnlySpan{double}, double, double, Span{double})"/>: the chosen element's tangent gets <paramref name="dResultDot"/>.</summary>
    [TangentOf(nameof(MinPullback))]
    public static void MinPullbackTangent(ReadOnlySpan<double> x, double result, double dResult, Span<double> dx, ReadOnlySpan<double> xDot, double resultDot, double dResultDot, Span<double> dxDot)
    {
        MinPullback(x, result, dResult, dx);
        MinPullback(x, result, dResultDot, dxDot);
    }

    /// <summary>The tangent of <see cref="MinPullback(ReadOnlySpan{float}, float, float, Span{float})"/>.</summary>
    [TangentOf(nameof(MinPullback))]
    public static void MinPullbackTangent(ReadOnlySpan<float> x, float result, float dResult, Span<float> dx, ReadOnlySpan<float> xDot, float resultDot, float dResultDot, Span<float> dxDot)
    {
        MinPullback(x, result, dResult, dx);
        MinPullback(x, result, dResultDot, dxDot);
    }

    private static void DotTangent<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T dResult, ReadOnlySpan<T> xDot, ReadOnlySpan<T> yDot, T dResultDot, Span<T> dxDot, Span<T> dyDot)
        where T : INumber<T>
    {
        TensorPrimitives.MultiplyAdd(y, dResultDot, dxDot, dxDot);
        TensorPrimitives.MultiplyAdd(yDot, dResult, dxDot, dxDot);
        TensorPrimitives.MultiplyAdd(x, dResultDot, dyDot, dyDot);
        TensorPrimitives.MultiplyAdd(xDot, dResult, dyDot, dyDot);
    }

    private static void NormTangent<T>(ReadOnlySpan<T> x, T result, T dResult, ReadOnlySpan<T> xDot, T resultDot, T dResultDot, Span<T> dxDot)
        where T : INumber<T>
    {
        if (result == T.Zero)
        {
            return;
        }
        TensorPrimitives.MultiplyAdd(x, dResultDot / result - dResult * resultDot / (result * result), dxDot, dxDot);
        TensorPrimitives.MultiplyAdd(xDot, dResult / result, dxDot, dxDot);
    }
}
