using System;
using System.Text;

namespace SourceAD;

/// <summary>Validation, arithmetic and formatting of tensor shapes (row-major, rank 0–4).</summary>
internal static class TensorShape
{
    /// <summary>The largest rank a <see cref="Tensor"/> supports.</summary>
    public const int MaxRank = 4;

    /// <summary>Checks a shape and returns its number of elements (1 for rank 0).</summary>
    public static int Validate(ReadOnlySpan<int> shape, string operation)
    {
        if (shape.Length > MaxRank)
        {
            throw new ArgumentException($"{operation}: rank {shape.Length} exceeds the maximum rank {MaxRank}: {Format(shape)}", nameof(shape));
        }
        long length = 1;
        foreach (int dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"{operation}: negative dimension in shape {Format(shape)}", nameof(shape));
            }
            length *= dimension;
            if (length > Array.MaxLength)
            {
                throw new ArgumentException($"{operation}: shape {Format(shape)} has too many elements", nameof(shape));
            }
        }
        return (int)length;
    }

    /// <summary>The number of elements of a shape.</summary>
    public static int LengthOf(ReadOnlySpan<int> shape)
    {
        int length = 1;
        foreach (int dimension in shape)
        {
            length *= dimension;
        }
        return length;
    }

    /// <summary>Formats a shape as <c>[2, 3]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var builder = new StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            builder.Append(shape[i]);
        }
        return builder.Append(']').ToString();
    }

    /// <summary>Whether <paramref name="suffix"/> equals the trailing dimensions of <paramref name="shape"/>.</summary>
    public static bool IsSuffixOf(ReadOnlySpan<int> suffix, ReadOnlySpan<int> shape) =>
        suffix.Length <= shape.Length && shape[(shape.Length - suffix.Length)..].SequenceEqual(suffix);

    /// <summary>
    /// The shape of an elementwise binary operation: the shape of the larger operand, when the other operand's shape is
    /// a suffix of it (a scalar, a row vector over a matrix, …); otherwise throws.
    /// </summary>
    public static int[] Broadcast(string operation, Tensor a, Tensor b) => BroadcastShape(operation, a, b).ToArray();

    /// <summary><see cref="Broadcast"/> without a copy: the larger operand's own shape (for pullbacks, which allocate nothing).</summary>
    public static ReadOnlySpan<int> BroadcastShape(string operation, Tensor a, Tensor b)
    {
        if (IsSuffixOf(b.Shape, a.Shape))
        {
            return a.Shape;
        }
        if (IsSuffixOf(a.Shape, b.Shape))
        {
            return b.Shape;
        }
        throw new ArgumentException($"{operation}: shapes are not broadcast-compatible: {Format(a.Shape)} and {Format(b.Shape)}");
    }

    /// <summary>Throws unless both tensors have the same shape.</summary>
    public static void RequireSame(string operation, Tensor a, Tensor b)
    {
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            throw new ArgumentException($"{operation}: shapes differ: {Format(a.Shape)} and {Format(b.Shape)}");
        }
    }

    /// <summary>Throws unless the tensor has the given rank.</summary>
    public static void RequireRank(string operation, Tensor t, int rank)
    {
        if (t.Rank != rank)
        {
            throw new ArgumentException($"{operation}: expected a rank-{rank} tensor but got shape {Format(t.Shape)}");
        }
    }

    /// <summary>Throws unless the tensor has at least the given rank.</summary>
    public static void RequireMinRank(string operation, Tensor t, int rank)
    {
        if (t.Rank < rank)
        {
            throw new ArgumentException($"{operation}: expected a tensor of rank at least {rank} but got shape {Format(t.Shape)}");
        }
    }

    /// <summary>
    /// Whether a pullback should accumulate into <paramref name="adjoint"/>: false when it is null (generated code
    /// passes null for an operand that needs no gradient); otherwise checks its shape and returns true.
    /// </summary>
    public static bool IsRequested(string operation, ReadOnlySpan<int> expected, Tensor? adjoint, string name)
    {
        if (adjoint is null)
        {
            return false;
        }
        RequireShape(operation, expected, adjoint, name);
        return true;
    }

    /// <summary>Throws unless a pullback's argument (an adjoint or the result) has the expected shape.</summary>
    public static void RequireShape(string operation, ReadOnlySpan<int> expected, Tensor argument, string name)
    {
        ArgumentNullException.ThrowIfNull(argument, name);
        if (!expected.SequenceEqual(argument.Shape))
        {
            throw new ArgumentException($"{operation}: {name} has shape {Format(argument.Shape)} but shape {Format(expected)} was expected");
        }
    }

    /// <summary>
    /// Splits a shape around <paramref name="axis"/> into the product of the dimensions before it, the axis's dimension
    /// and the product of the dimensions after it; negative axes count from the end.
    /// </summary>
    public static (int Outer, int Axis, int Inner) SplitAt(string operation, ReadOnlySpan<int> shape, ref int axis)
    {
        if (axis < 0)
        {
            axis += shape.Length;
        }
        if ((uint)axis >= (uint)shape.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"{operation}: axis out of range for shape {Format(shape)}");
        }
        return (LengthOf(shape[..axis]), shape[axis], LengthOf(shape[(axis + 1)..]));
    }
}
