using System;
using System.Numerics.Tensors;

namespace SourceAD;

// Sums, means and the sum of squares, over all elements (a float) or along one axis (a tensor of one rank less).
public sealed partial class Tensor
{
    /// <summary>The sum of all elements.</summary>
    /// <param name="x">The operand.</param>
    public static float Sum(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return TensorPrimitives.Sum(x._data);
    }

    /// <summary>The pullback of <see cref="Sum(Tensor)"/>: <c>dx += dResult</c> everywhere.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the sum.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Sum))]
    public static void SumPullback(Tensor x, float dResult, Tensor dx) => SpreadPullback(nameof(Sum), x, dResult, dx);

    /// <summary>The mean of all elements (NaN for an empty tensor).</summary>
    /// <param name="x">The operand.</param>
    public static float Mean(Tensor x) => Sum(x) / x.Length;

    /// <summary>The pullback of <see cref="Mean(Tensor)"/>: <c>dx += dResult / n</c> everywhere.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the mean.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Mean))]
    public static void MeanPullback(Tensor x, float dResult, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        SpreadPullback(nameof(Mean), x, dResult / x.Length, dx);
    }

    /// <summary>The sum along <paramref name="axis"/>, which is removed from the shape (e.g. <c>[m, n]</c>, axis 0 → <c>[n]</c>).</summary>
    /// <param name="x">The operand, rank at least 1.</param>
    /// <param name="axis">The axis; negative values count from the end.</param>
    /// <exception cref="ArgumentOutOfRangeException">The axis is out of range.</exception>
    public static Tensor Sum(Tensor x, int axis) => ReduceAxis(nameof(Sum), x, axis, mean: false);

    /// <summary>The pullback of <see cref="Sum(Tensor, int)"/>: <paramref name="dResult"/> is added to every slice along the axis.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Sum))]
    public static void SumPullback(Tensor x, int axis, Tensor dResult, Tensor dx) => ReduceAxisPullback(nameof(Sum), x, axis, mean: false, dResult, dx);

    /// <summary>The mean along <paramref name="axis"/>, which is removed from the shape.</summary>
    /// <param name="x">The operand, rank at least 1.</param>
    /// <param name="axis">The axis; negative values count from the end.</param>
    /// <exception cref="ArgumentOutOfRangeException">The axis is out of range.</exception>
    public static Tensor Mean(Tensor x, int axis) => ReduceAxis(nameof(Mean), x, axis, mean: true);

    /// <summary>The pullback of <see cref="Mean(Tensor, int)"/>: <paramref name="dResult"/> divided by the axis length is added to every slice along the axis.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Mean))]
    public static void MeanPullback(Tensor x, int axis, Tensor dResult, Tensor dx) => ReduceAxisPullback(nameof(Mean), x, axis, mean: true, dResult, dx);

    /// <summary>The sum of the squares of all elements, <c>Σ xᵢ²</c> (e.g. for L2 regularisation).</summary>
    /// <param name="x">The operand.</param>
    public static float SumOfSquares(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return TensorPrimitives.SumOfSquares(x._data);
    }

    /// <summary>The pullback of <see cref="SumOfSquares"/>: <c>dx += 2 dResult x</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the sum of squares.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(SumOfSquares))]
    public static void SumOfSquaresPullback(Tensor x, float dResult, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!TensorShape.IsRequested(nameof(SumOfSquares), x._shape, dx, nameof(dx)))
        {
            return;
        }
        TensorPrimitives.MultiplyAdd(x._data, 2f * dResult, dx._data, dx._data);
    }

    /// <summary><c>dx += value</c> everywhere, after checking <paramref name="dx"/>'s shape.</summary>
    private static void SpreadPullback(string name, Tensor x, float value, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (TensorShape.IsRequested(name, x._shape, dx, nameof(dx)))
        {
            TensorPrimitives.Add(dx._data, value, dx._data);
        }
    }

    private static Tensor ReduceAxis(string name, Tensor x, int axis, bool mean)
    {
        ArgumentNullException.ThrowIfNull(x);
        (int outer, int length, int inner) = TensorShape.SplitAt(name, x._shape, ref axis);
        Tensor result = Create(WithoutAxis(x._shape, axis));
        Span<float> output = result._data;
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                output[o] = TensorPrimitives.Sum(x._data.AsSpan(o * length, length));
                continue;
            }
            Span<float> target = output.Slice(o * inner, inner);
            for (int j = 0; j < length; j++)
            {
                TensorPrimitives.Add(target, x._data.AsSpan((o * length + j) * inner, inner), target);
            }
        }
        if (mean)
        {
            TensorPrimitives.Divide(output, length, output);
        }
        return result;
    }

    private static void ReduceAxisPullback(string name, Tensor x, int axis, bool mean, Tensor dResult, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        (int outer, int length, int inner) = TensorShape.SplitAt(name, x._shape, ref axis);
        TensorShape.RequireShape(name, WithoutAxis(x._shape, axis), dResult, nameof(dResult));
        if (!TensorShape.IsRequested(name, x._shape, dx, nameof(dx)))
        {
            return;
        }
        float scale = mean ? 1f / length : 1f;
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                Span<float> row = dx._data.AsSpan(o * length, length);
                TensorPrimitives.Add(row, scale * dResult._data[o], row);
                continue;
            }
            ReadOnlySpan<float> gradient = dResult._data.AsSpan(o * inner, inner);
            for (int j = 0; j < length; j++)
            {
                Span<float> slice = dx._data.AsSpan((o * length + j) * inner, inner);
                TensorPrimitives.MultiplyAdd(gradient, scale, slice, slice);
            }
        }
    }

    private static int[] WithoutAxis(int[] shape, int axis) => [.. shape[..axis], .. shape[(axis + 1)..]];
}
