using System;
using System.Numerics.Tensors;

namespace SourceAD;

/// <summary>Numerically stable softmax and log-sum-exp of one row, shifted by the row's maximum so no exponential overflows.</summary>
internal static class SoftmaxRows
{
    /// <summary><c>output = softmax(row)</c>; <paramref name="output"/> may not overlap <paramref name="row"/> unless it is the same span.</summary>
    public static void Softmax(ReadOnlySpan<float> row, Span<float> output)
    {
        TensorPrimitives.Subtract(row, TensorPrimitives.Max(row), output);
        TensorPrimitives.SoftMax(output, output);
    }

    /// <summary><c>log Σ exp(row)</c>, using <paramref name="scratch"/> (the row's length) for the shifted exponentials.</summary>
    public static float LogSumExp(ReadOnlySpan<float> row, Span<float> scratch)
    {
        float max = TensorPrimitives.Max(row);
        TensorPrimitives.Subtract(row, max, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        return max + MathF.Log(TensorPrimitives.Sum(scratch));
    }
}
