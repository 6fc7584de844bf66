using System;
using System.Numerics.Tensors;

namespace SourceAD;

/// <summary>The four arithmetic operations of <see cref="Broadcast"/>.</summary>
internal enum BinaryOperation
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>
/// Elementwise arithmetic on flat spans where the shorter operand repeats over the longer one: its length divides the
/// longer length, as when a tensor's shape is a suffix of the other's (a scalar has length 1). The reductions undo
/// that repetition for the adjoint of the shorter operand.
/// </summary>
internal static class Broadcast
{
    /// <summary><c>result = a ∘ b</c>, repeating the shorter operand; <paramref name="result"/> has the longer length.</summary>
    public static void Apply(BinaryOperation operation, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        if (a.Length == b.Length)
        {
            Full(operation, a, b, result);
        }
        else if (b.Length == 1)
        {
            ScalarRight(operation, a, b[0], result);
        }
        else if (a.Length == 1)
        {
            ScalarLeft(operation, a[0], b, result);
        }
        else if (a.Length > b.Length)
        {
            for (int offset = 0; offset < a.Length; offset += b.Length)
            {
                Full(operation, a.Slice(offset, b.Length), b, result.Slice(offset, b.Length));
            }
        }
        else
        {
            for (int offset = 0; offset < b.Length; offset += a.Length)
            {
                Full(operation, a, b.Slice(offset, a.Length), result.Slice(offset, a.Length));
            }
        }
    }

    /// <summary><c>target += scale · source</c>, summing the repetitions of <paramref name="source"/> when <paramref name="target"/> is shorter; nothing when <paramref name="target"/> is empty.</summary>
    public static void AccumulateReduced(ReadOnlySpan<float> source, Span<float> target, float scale)
    {
        if (target.IsEmpty)
        {
            return;
        }
        if (target.Length == 1 && source.Length != 1)
        {
            target[0] += scale * TensorPrimitives.Sum(source);
            return;
        }
        for (int offset = 0; offset < source.Length; offset += target.Length)
        {
            TensorPrimitives.MultiplyAdd(source.Slice(offset, target.Length), scale, target, target);
        }
    }

    /// <summary>
    /// <c>target += gradient ⊙ other</c>, where <paramref name="other"/> repeats over <paramref name="gradient"/>, and
    /// the product is summed over repetitions when <paramref name="target"/> is shorter than <paramref name="gradient"/>;
    /// nothing when <paramref name="target"/> is empty.
    /// </summary>
    public static void AccumulateProduct(ReadOnlySpan<float> gradient, ReadOnlySpan<float> other, Span<float> target)
    {
        if (target.IsEmpty)
        {
            return;
        }
        if (target.Length == gradient.Length)
        {
            if (other.Length == 1)
            {
                TensorPrimitives.MultiplyAdd(gradient, other[0], target, target);
                return;
            }
            for (int offset = 0; offset < gradient.Length; offset += other.Length)
            {
                Span<float> block = target.Slice(offset, other.Length);
                TensorPrimitives.MultiplyAdd(gradient.Slice(offset, other.Length), other, block, block);
            }
        }
        else if (target.Length == 1)
        {
            target[0] += TensorPrimitives.Dot(gradient, other);
        }
        else
        {
            for (int offset = 0; offset < gradient.Length; offset += target.Length)
            {
                TensorPrimitives.MultiplyAdd(gradient.Slice(offset, target.Length), other.Slice(offset, target.Length), target, target);
            }
        }
    }

    /// <summary>
    /// Accumulates the adjoints of <c>result = a ∘ b</c> given its adjoint <paramref name="dResult"/>; an empty adjoint
    /// span (an operand that needs no gradient) is skipped.
    /// </summary>
    public static void Pullback(
        BinaryOperation operation,
        ReadOnlySpan<float> a,
        ReadOnlySpan<float> b,
        ReadOnlySpan<float> result,
        ReadOnlySpan<float> dResult,
        Span<float> da,
        Span<float> db)
    {
        switch (operation)
        {
            case BinaryOperation.Add:
                AccumulateReduced(dResult, da, 1f);
                AccumulateReduced(dResult, db, 1f);
                break;
            case BinaryOperation.Subtract:
                AccumulateReduced(dResult, da, 1f);
                AccumulateReduced(dResult, db, -1f);
                break;
            case BinaryOperation.Multiply:
                AccumulateProduct(dResult, b, da);
                AccumulateProduct(dResult, a, db);
                break;
            default:
                // ∂(a/b)/∂a = 1/b and ∂(a/b)/∂b = −(a/b)/b.
                if (da.IsEmpty && db.IsEmpty)
                {
                    break;
                }
                using (Scratch quotient = Scratch.Rent(dResult.Length))
                {
                    Apply(BinaryOperation.Divide, dResult, b, quotient.Span);
                    AccumulateReduced(quotient.Span, da, 1f);
                    TensorPrimitives.Multiply(quotient.Span, result, quotient.Span);
                    AccumulateReduced(quotient.Span, db, -1f);
                }
                break;
        }
    }

    private static void Full(BinaryOperation operation, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        switch (operation)
        {
            case BinaryOperation.Add: TensorPrimitives.Add(a, b, result); break;
            case BinaryOperation.Subtract: TensorPrimitives.Subtract(a, b, result); break;
            case BinaryOperation.Multiply: TensorPrimitives.Multiply(a, b, result); break;
            default: TensorPrimitives.Divide(a, b, result); break;
        }
    }

    private static void ScalarRight(BinaryOperation operation, ReadOnlySpan<float> a, float b, Span<float> result)
    {
        switch (operation)
        {
            case BinaryOperation.Add: TensorPrimitives.Add(a, b, result); break;
            case BinaryOperation.Subtract: TensorPrimitives.Subtract(a, b, result); break;
            case BinaryOperation.Multiply: TensorPrimitives.Multiply(a, b, result); break;
            default: TensorPrimitives.Divide(a, b, result); break;
        }
    }

    private static void ScalarLeft(BinaryOperation operation, float a, ReadOnlySpan<float> b, Span<float> result)
    {
        switch (operation)
        {
            case BinaryOperation.Add: TensorPrimitives.Add(b, a, result); break;
            case BinaryOperation.Subtract: TensorPrimitives.Subtract(a, b, result); break;
            case BinaryOperation.Multiply: TensorPrimitives.Multiply(b, a, result); break;
            default: TensorPrimitives.Divide(a, b, result); break;
        }
    }
}
