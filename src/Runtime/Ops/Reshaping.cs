using System;
using System.Numerics.Tensors;

namespace SourceAD;

// Operations that rearrange elements without arithmetic: transpose, reshape and row slicing. Each returns a copy.
public sealed partial class Tensor
{
    /// <summary>The transpose of a matrix: <c>[m, n]</c> → <c>[n, m]</c> (a copy).</summary>
    /// <param name="x">The matrix.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not rank 2.</exception>
    public static Tensor Transpose(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        TensorShape.RequireRank(nameof(Transpose), x, 2);
        Tensor result = Create([x._shape[1], x._shape[0]]);
        SourceAD.Transpose.Apply(x._data, result._data, x._shape[0], x._shape[1], accumulate: false);
        return result;
    }

    /// <summary>The pullback of <see cref="Transpose(Tensor)"/>: <c>dx += dResultᵀ</c>.</summary>
    /// <param name="x">The matrix.</param>
    /// <param name="dResult">The adjoint of the transpose.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Transpose))]
    public static void TransposePullback(Tensor x, Tensor dResult, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        TensorShape.RequireRank(nameof(Transpose), x, 2);
        TensorShape.RequireShape(nameof(Transpose), [x._shape[1], x._shape[0]], dResult, nameof(dResult));
        if (TensorShape.IsRequested(nameof(Transpose), x._shape, dx, nameof(dx)))
        {
            SourceAD.Transpose.Apply(dResult._data, dx._data, x._shape[1], x._shape[0], accumulate: true);
        }
    }

    /// <summary>
    /// The same elements in the same row-major order under a new shape (a copy). One dimension may be <c>-1</c>,
    /// inferred from the number of elements.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <param name="shape">The new dimensions; their product must equal <paramref name="x"/>'s number of elements.</param>
    /// <exception cref="ArgumentException">The shape is invalid or holds a different number of elements.</exception>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        Tensor result = Create(ResolveShape(x, shape));
        x._data.AsSpan().CopyTo(result._data);
        return result;
    }

    /// <summary>The pullback of <see cref="Reshape(Tensor, int[])"/>: <c>dx += dResult</c>, element by element in row-major order.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="shape">The new dimensions.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Reshape))]
    public static void ReshapePullback(Tensor x, int[] shape, Tensor dResult, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        TensorShape.RequireShape(nameof(Reshape), ResolveShape(x, shape), dResult, nameof(dResult));
        if (TensorShape.IsRequested(nameof(Reshape), x._shape, dx, nameof(dx)))
        {
            TensorPrimitives.Add(dx._data, dResult._data, dx._data);
        }
    }

    /// <summary>
    /// Rows <c>[start, start + count)</c> along the first axis (a copy), e.g. a mini-batch of a data set
    /// <c>[n, features]</c> → <c>[count, features]</c>.
    /// </summary>
    /// <param name="x">The operand, rank at least 1.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is a scalar or the range does not lie within its rows.</exception>
    public static Tensor Rows(Tensor x, int start, int count)
    {
        int rowLength = CheckRows(x, start, count);
        int[] shape = (int[])x._shape.Clone();
        shape[0] = count;
        Tensor result = Create(shape);
        x._data.AsSpan(start * rowLength, count * rowLength).CopyTo(result._data);
        return result;
    }

    /// <summary>The pullback of <see cref="Rows"/>: adds <paramref name="dResult"/> into rows <c>[start, start + count)</c> of <paramref name="dx"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Rows))]
    public static void RowsPullback(Tensor x, int start, int count, Tensor dResult, Tensor dx)
    {
        int rowLength = CheckRows(x, start, count);
        TensorShape.RequireShape(nameof(Rows), [count, .. x._shape[1..]], dResult, nameof(dResult));
        if (!TensorShape.IsRequested(nameof(Rows), x._shape, dx, nameof(dx)))
        {
            return;
        }
        Span<float> target = dx._data.AsSpan(start * rowLength, count * rowLength);
        TensorPrimitives.Add(target, dResult._data, target);
    }

    private static int[] ResolveShape(Tensor x, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int[] resolved = (int[])shape.Clone();
        int inferred = Array.IndexOf(resolved, -1);
        if (inferred >= 0 && Array.LastIndexOf(resolved, -1) == inferred)
        {
            resolved[inferred] = 1;
            int known = TensorShape.Validate(resolved, nameof(Reshape));
            resolved[inferred] = known == 0 ? 0 : x.Length / known;
        }
        if (TensorShape.Validate(resolved, nameof(Reshape)) != x.Length)
        {
            throw new ArgumentException($"{nameof(Reshape)}: cannot reshape {TensorShape.Format(x._shape)} to {TensorShape.Format(shape)}", nameof(shape));
        }
        return resolved;
    }

    private static int CheckRows(Tensor x, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(x);
        TensorShape.RequireMinRank(nameof(Rows), x, 1);
        if (start < 0 || count < 0 || start > x._shape[0] - count)
        {
            throw new ArgumentException($"{nameof(Rows)}: rows [{start}, {start + count}) out of range for shape {TensorShape.Format(x._shape)}");
        }
        return TensorShape.LengthOf(x._shape.AsSpan(1));
    }
}
