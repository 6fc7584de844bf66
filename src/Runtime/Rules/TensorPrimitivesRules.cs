using System;
using System.Numerics.Tensors;

namespace SourceAD.Rules;

/// <summary>
/// Derivatives of the reductions of <see cref="TensorPrimitives"/> over spans of <c>double</c> and <c>float</c>:
/// <c>Sum</c>, <c>Dot</c>, <c>SumOfSquares</c>, <c>Norm</c>, <c>Max</c> and <c>Min</c>. Max and Min send the
/// derivative to the first element that attains the extremum; the derivative of <c>Norm</c> at the zero vector is zero
/// (a subgradient, as PyTorch defines it).
/// </summary>
public static partial class TensorPrimitivesRules
{
    /// <summary>The pullback of <c>TensorPrimitives.Sum</c>: every element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Sum))]
    public static void SumPullback(ReadOnlySpan<double> x, double dResult, Span<double> dx) => EnumerableRules.Spread(dx, dResult);

    /// <summary>The pullback of <c>TensorPrimitives.Sum</c>: every element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Sum))]
    public static void SumPullback(ReadOnlySpan<float> x, float dResult, Span<float> dx) => EnumerableRules.Spread(dx, dResult);

    /// <summary>The pullback of <c>TensorPrimitives.Dot</c>: <c>dx += dResult·y</c>, <c>dy += dResult·x</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Dot))]
    public static void DotPullback(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double dResult, Span<double> dx, Span<double> dy)
    {
        TensorPrimitives.MultiplyAdd(y, dResult, dx, dx);
        TensorPrimitives.MultiplyAdd(x, dResult, dy, dy);
    }

    /// <summary>The pullback of <c>TensorPrimitives.Dot</c>: <c>dx += dResult·y</c>, <c>dy += dResult·x</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Dot))]
    public static void DotPullback(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float dResult, Span<float> dx, Span<float> dy)
    {
        TensorPrimitives.MultiplyAdd(y, dResult, dx, dx);
        TensorPrimitives.MultiplyAdd(x, dResult, dy, dy);
    }

    /// <summary>The pullback of <c>TensorPrimitives.SumOfSquares</c>: <c>dx += 2·dResult·x</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.SumOfSquares))]
    public static void SumOfSquaresPullback(ReadOnlySpan<double> x, double dResult, Span<double> dx) => TensorPrimitives.MultiplyAdd(x, 2 * dResult, dx, dx);

    /// <summary>The pullback of <c>TensorPrimitives.SumOfSquares</c>: <c>dx += 2·dResult·x</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.SumOfSquares))]
    public static void SumOfSquaresPullback(ReadOnlySpan<float> x, float dResult, Span<float> dx) => TensorPrimitives.MultiplyAdd(x, 2 * dResult, dx, dx);

    /// <summary>The pullback of <c>TensorPrimitives.Norm</c>: <c>dx += dResult·x/‖x‖</c>, and nothing at the zero vector.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Norm))]
    public static void NormPullback(ReadOnlySpan<double> x, double result, double dResult, Span<double> dx)
    {
        if (result != 0)
        {
            TensorPrimitives.MultiplyAdd(x, dResult / result, dx, dx);
        }
    }

    /// <summary>The pullback of <c>TensorPrimitives.Norm</c>: <c>dx += dResult·x/‖x‖</c>, and nothing at the zero vector.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Norm))]
    public static void NormPullback(ReadOnlySpan<float> x, float result, float dResult, Span<float> dx)
    {
        if (result != 0)
        {
            TensorPrimitives.MultiplyAdd(x, dResult / result, dx, dx);
        }
    }

    /// <summary>The pullback of <c>TensorPrimitives.Max</c>: the first maximal element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Max))]
    public static void MaxPullback(ReadOnlySpan<double> x, double result, double dResult, Span<double> dx) => dx[EnumerableRules.First(x, result)] += dResult;

    /// <summary>The pullback of <c>TensorPrimitives.Max</c>: the first maximal element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Max))]
    public static void MaxPullback(ReadOnlySpan<float> x, float result, float dResult, Span<float> dx) => dx[EnumerableRules.First(x, result)] += dResult;

    /// <summary>The pullback of <c>TensorPrimitives.Min</c>: the first minimal element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Min))]
    public static void MinPullback(ReadOnlySpan<double> x, double result, double dResult, Span<double> dx) => dx[EnumerableRules.First(x, result)] += dResult;

    /// <summary>The pullback of <c>TensorPrimitives.Min</c>: the first minimal element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(TensorPrimitives), nameof(TensorPrimitives.Min))]
    public static void MinPullback(ReadOnlySpan<float> x, float result, float dResult, Span<float> dx) => dx[EnumerableRules.First(x, result)] += dResult;
}
