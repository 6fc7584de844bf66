using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace SourceAD;

// Activation functions: elementwise sigmoid, tanh and ReLU, and softmax / log-softmax along the last axis.
public sealed partial class Tensor
{
    /// <summary>Elementwise logistic sigmoid <c>1 / (1 + e⁻ˣ)</c>.</summary>
    /// <param name="x">The operand.</param>
    public static Tensor Sigmoid(Tensor x) => Map(x, TensorPrimitives.Sigmoid);

    /// <summary>The pullback of <see cref="Sigmoid"/>: <c>dx += dResult ⊙ σ ⊙ (1 − σ)</c> with <c>σ = result</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value <see cref="Sigmoid"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Sigmoid))]
    public static void SigmoidPullback(Tensor x, Tensor result, Tensor dResult, Tensor dx)
    {
        if (!CheckUnaryPullback(nameof(Sigmoid), x, result, dResult, dx))
        {
            return;
        }
        using Scratch slope = Scratch.Rent(x.Length);
        TensorPrimitives.Subtract(1f, result._data, slope.Span);
        TensorPrimitives.Multiply(slope.Span, result._data, slope.Span);
        TensorPrimitives.MultiplyAdd(dResult._data, slope.Span, dx._data, dx._data);
    }

    /// <summary>Elementwise hyperbolic tangent.</summary>
    /// <param name="x">The operand.</param>
    public static Tensor Tanh(Tensor x) => Map(x, TensorPrimitives.Tanh);

    /// <summary>The pullback of <see cref="Tanh"/>: <c>dx += dResult ⊙ (1 − result²)</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value <see cref="Tanh"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Tanh))]
    public static void TanhPullback(Tensor x, Tensor result, Tensor dResult, Tensor dx)
    {
        if (!CheckUnaryPullback(nameof(Tanh), x, result, dResult, dx))
        {
            return;
        }
        using Scratch slope = Scratch.Rent(x.Length);
        TensorPrimitives.Multiply(result._data, result._data, slope.Span);
        TensorPrimitives.Subtract(1f, slope.Span, slope.Span);
        TensorPrimitives.MultiplyAdd(dResult._data, slope.Span, dx._data, dx._data);
    }

    /// <summary>Elementwise rectified linear unit <c>max(x, 0)</c>.</summary>
    /// <param name="x">The operand.</param>
    public static Tensor Relu(Tensor x) => Map(x, static (source, destination) => TensorPrimitives.Max(source, 0f, destination));

    /// <summary>The pullback of <see cref="Relu"/>: <c>dx += dResult</c> where <c>x &gt; 0</c> (the derivative at 0 is taken as 0).</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Relu))]
    public static void ReluPullback(Tensor x, Tensor dResult, Tensor dx)
    {
        if (!CheckUnaryPullback(nameof(Relu), x, dResult, dx))
        {
            return;
        }
        ReadOnlySpan<float> input = x._data, gradient = dResult._data;
        Span<float> target = dx._data;
        int i = 0;
        // TensorPrimitives has no masked add; a Vector<float> select does it in one pass.
        for (; i <= input.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector<int> positive = Vector.GreaterThan(new Vector<float>(input[i..]), Vector<float>.Zero);
            Vector<float> sum = new Vector<float>(target[i..]) + Vector.ConditionalSelect(positive, new Vector<float>(gradient[i..]), Vector<float>.Zero);
            sum.CopyTo(target[i..]);
        }
        for (; i < input.Length; i++)
        {
            if (input[i] > 0f)
            {
                target[i] += gradient[i];
            }
        }
    }

    /// <summary>Softmax along the last axis: each row (last-axis vector) becomes <c>exp(xᵢ − max) / Σⱼ exp(xⱼ − max)</c>.</summary>
    /// <param name="x">The operand, rank at least 1.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is a scalar.</exception>
    public static Tensor Softmax(Tensor x)
    {
        Tensor result = ZerosForRows(nameof(Softmax), x);
        int width = x._shape[^1];
        for (int offset = 0; offset < x.Length; offset += width)
        {
            SoftmaxRows.Softmax(x._data.AsSpan(offset, width), result._data.AsSpan(offset, width));
        }
        return result;
    }

    /// <summary>The pullback of <see cref="Softmax"/>: per row <c>dx += y ⊙ (dResult − ⟨dResult, y⟩)</c> with <c>y = result</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value <see cref="Softmax"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Softmax))]
    public static void SoftmaxPullback(Tensor x, Tensor result, Tensor dResult, Tensor dx)
    {
        if (!CheckUnaryPullback(nameof(Softmax), x, result, dResult, dx))
        {
            return;
        }
        TensorShape.RequireMinRank(nameof(Softmax), x, 1);
        int width = x._shape[^1];
        using Scratch centred = Scratch.Rent(width);
        for (int offset = 0; offset < x.Length; offset += width)
        {
            ReadOnlySpan<float> y = result._data.AsSpan(offset, width), dy = dResult._data.AsSpan(offset, width);
            Span<float> target = dx._data.AsSpan(offset, width);
            TensorPrimitives.Subtract(dy, TensorPrimitives.Dot(dy, y), centred.Span);
            TensorPrimitives.MultiplyAdd(y, centred.Span, target, target);
        }
    }

    /// <summary>Log-softmax along the last axis: each row becomes <c>xᵢ − log Σⱼ exp(xⱼ)</c>, computed stably.</summary>
    /// <param name="x">The operand, rank at least 1.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> is a scalar.</exception>
    public static Tensor LogSoftmax(Tensor x)
    {
        Tensor result = ZerosForRows(nameof(LogSoftmax), x);
        int width = x._shape[^1];
        for (int offset = 0; offset < x.Length; offset += width)
        {
            ReadOnlySpan<float> row = x._data.AsSpan(offset, width);
            Span<float> output = result._data.AsSpan(offset, width);
            TensorPrimitives.Subtract(row, SoftmaxRows.LogSumExp(row, output), output);
        }
        return result;
    }

    /// <summary>The pullback of <see cref="LogSoftmax"/>: per row <c>dx += dResult − exp(result) · Σ dResult</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value <see cref="LogSoftmax"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(LogSoftmax))]
    public static void LogSoftmaxPullback(Tensor x, Tensor result, Tensor dResult, Tensor dx)
    {
        if (!CheckUnaryPullback(nameof(LogSoftmax), x, result, dResult, dx))
        {
            return;
        }
        TensorShape.RequireMinRank(nameof(LogSoftmax), x, 1);
        int width = x._shape[^1];
        using Scratch probabilities = Scratch.Rent(width);
        for (int offset = 0; offset < x.Length; offset += width)
        {
            ReadOnlySpan<float> dy = dResult._data.AsSpan(offset, width);
            Span<float> target = dx._data.AsSpan(offset, width);
            TensorPrimitives.Exp(result._data.AsSpan(offset, width), probabilities.Span);
            TensorPrimitives.Add(target, dy, target);
            TensorPrimitives.MultiplyAdd(probabilities.Span, -TensorPrimitives.Sum(dy), target, target);
        }
    }

    /// <summary>A zero tensor shaped like <paramref name="x"/>, after checking that it has a last axis to work along.</summary>
    private static Tensor ZerosForRows(string name, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        TensorShape.RequireMinRank(name, x, 1);
        return Create(x._shape);
    }
}
