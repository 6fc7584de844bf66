using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace SourceAD;

// Tangents of the elementwise maps (resultDot = f'(x) ⊙ xDot, with f' from the value where that is cheaper) and of
// softmax and log-softmax along the last axis. A null tangent is zero; see TangentOfAttribute for the convention.
public sealed partial class Tensor
{
    /// <summary>The tangent of <see cref="Exp"/>: <c>resultDot = result ⊙ xDot</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Exp))]
    public static Tensor ExpTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor result = Exp(x);
        Tensor? tangent = TangentOf(nameof(Exp), x, xDot, nameof(xDot));
        resultDot = tangent is null ? null : Slope(x, tangent, result._data);
        return result;
    }

    /// <summary>The tangent of <see cref="Log"/>: <c>resultDot = xDot / x</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Log))]
    public static Tensor LogTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor result = Log(x);
        Tensor? tangent = TangentOf(nameof(Log), x, xDot, nameof(xDot));
        resultDot = tangent is null ? null : Divide(tangent, x);
        return result;
    }

    /// <summary>The tangent of <see cref="Square"/>: <c>resultDot = 2 x ⊙ xDot</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Square))]
    public static Tensor SquareTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor result = Square(x);
        Tensor? tangent = TangentOf(nameof(Square), x, xDot, nameof(xDot));
        if (tangent is null)
        {
            resultDot = null;
            return result;
        }
        Tensor product = Slope(x, tangent, x._data);
        TensorPrimitives.Multiply(product._data, 2f, product._data);
        resultDot = product;
        return result;
    }

    /// <summary>The tangent of <see cref="Sigmoid"/>: <c>resultDot = σ ⊙ (1 − σ) ⊙ xDot</c> with <c>σ = result</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Sigmoid))]
    public static Tensor SigmoidTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor result = Sigmoid(x);
        Tensor? tangent = TangentOf(nameof(Sigmoid), x, xDot, nameof(xDot));
        if (tangent is null)
        {
            resultDot = null;
            return result;
        }
        Tensor slope = Create(x._shape);
        TensorPrimitives.Subtract(1f, result._data, slope._data);
        TensorPrimitives.Multiply(slope._data, result._data, slope._data);
        TensorPrimitives.Multiply(slope._data, tangent._data, slope._data);
        resultDot = slope;
        return result;
    }

    /// <summary>The tangent of <see cref="Tanh"/>: <c>resultDot = (1 − result²) ⊙ xDot</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Tanh))]
    public static Tensor TanhTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor result = Tanh(x);
        Tensor? tangent = TangentOf(nameof(Tanh), x, xDot, nameof(xDot));
        if (tangent is null)
        {
            resultDot = null;
            return result;
        }
        Tensor slope = Create(x._shape);
        TensorPrimitives.Multiply(result._data, result._data, slope._data);
        TensorPrimitives.Subtract(1f, slope._data, slope._data);
        TensorPrimitives.Multiply(slope._data, tangent._data, slope._data);
        resultDot = slope;
        return result;
    }

    /// <summary>The tangent of <see cref="Relu"/>: <c>resultDot = xDot</c> where <c>x &gt; 0</c>, 0 elsewhere (the derivative at 0 is taken as 0, as in the pullback).</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Relu))]
    public static Tensor ReluTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor result = Relu(x);
        Tensor? tangent = TangentOf(nameof(Relu), x, xDot, nameof(xDot));
        if (tangent is null)
        {
            resultDot = null;
            return result;
        }
        Tensor masked = Create(x._shape);
        ReadOnlySpan<float> input = x._data, direction = tangent._data;
        Span<float> target = masked._data;
        int i = 0;
        for (; i <= input.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector<int> positive = Vector.GreaterThan(new Vector<float>(input[i..]), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, new Vector<float>(direction[i..]), Vector<float>.Zero).CopyTo(target[i..]);
        }
        for (; i < input.Length; i++)
        {
            target[i] = input[i] > 0f ? direction[i] : 0f;
        }
        resultDot = masked;
        return result;
    }

    /// <summary>The tangent of <see cref="Softmax"/>: per row <c>resultDot = y ⊙ (xDot − ⟨y, xDot⟩)</c> with <c>y = result</c>.</summary>
    /// <param name="x">The operand, rank at least 1.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Softmax))]
    public static Tensor SoftmaxTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor result = Softmax(x);
        Tensor? tangent = TangentOf(nameof(Softmax), x, xDot, nameof(xDot));
        if (tangent is null)
        {
            resultDot = null;
            return result;
        }
        Tensor rows = Create(x._shape);
        int width = x._shape[^1];
        for (int offset = 0; offset < x.Length; offset += width)
        {
            ReadOnlySpan<float> y = result._data.AsSpan(offset, width), direction = tangent._data.AsSpan(offset, width);
            Span<float> target = rows._data.AsSpan(offset, width);
            TensorPrimitives.Subtract(direction, TensorPrimitives.Dot(y, direction), target);
            TensorPrimitives.Multiply(target, y, target);
        }
        resultDot = rows;
        return result;
    }

    /// <summary>The tangent of <see cref="LogSoftmax"/>: per row <c>resultDot = xDot − ⟨exp(result), xDot⟩</c>.</summary>
    /// <param name="x">The operand, rank at least 1.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(LogSoftmax))]
    public static Tensor LogSoftmaxTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor result = LogSoftmax(x);
        Tensor? tangent = TangentOf(nameof(LogSoftmax), x, xDot, nameof(xDot));
        if (tangent is null)
        {
            resultDot = null;
            return result;
        }
        Tensor rows = Create(x._shape);
        int width = x._shape[^1];
        using Scratch probabilities = Scratch.Rent(width);
        for (int offset = 0; offset < x.Length; offset += width)
        {
            ReadOnlySpan<float> direction = tangent._data.AsSpan(offset, width);
            TensorPrimitives.Exp(result._data.AsSpan(offset, width), probabilities.Span);
            TensorPrimitives.Subtract(direction, TensorPrimitives.Dot(probabilities.Span, direction), rows._data.AsSpan(offset, width));
        }
        resultDot = rows;
        return result;
    }
}
