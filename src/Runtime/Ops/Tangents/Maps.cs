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
    public static Tensor ExpTangent(Tensor x, Tensor? xDot, out Tensor? resultDot) =>
        MapTangent(nameof(Exp), x, Exp(x), xDot, static (_, y, t, target) => TensorPrimitives.Multiply(y, t, target), out resultDot);

    /// <summary>The tangent of <see cref="Log"/>: <c>resultDot = xDot / x</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Log))]
    public static Tensor LogTangent(Tensor x, Tensor? xDot, out Tensor? resultDot) =>
        MapTangent(nameof(Log), x, Log(x), xDot, static (v, _, t, target) => TensorPrimitives.Divide(t, v, target), out resultDot);

    /// <summary>The tangent of <see cref="Square"/>: <c>resultDot = 2 x ⊙ xDot</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Square))]
    public static Tensor SquareTangent(Tensor x, Tensor? xDot, out Tensor? resultDot) =>
        MapTangent(nameof(Square), x, Square(x), xDot, static (v, _, t, target) =>
        {
            TensorPrimitives.Multiply(v, t, target);
            TensorPrimitives.Multiply(target, 2f, target);
        }, out resultDot);

    /// <summary>The tangent of <see cref="Sigmoid"/>: <c>resultDot = σ ⊙ (1 − σ) ⊙ xDot</c> with <c>σ = result</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Sigmoid))]
    public static Tensor SigmoidTangent(Tensor x, Tensor? xDot, out Tensor? resultDot) =>
        MapTangent(nameof(Sigmoid), x, Sigmoid(x), xDot, static (_, y, t, target) =>
        {
            TensorPrimitives.Subtract(1f, y, target);
            TensorPrimitives.Multiply(target, y, target);
            TensorPrimitives.Multiply(target, t, target);
        }, out resultDot);

    /// <summary>The tangent of <see cref="Tanh"/>: <c>resultDot = (1 − result²) ⊙ xDot</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Tanh))]
    public static Tensor TanhTangent(Tensor x, Tensor? xDot, out Tensor? resultDot) =>
        MapTangent(nameof(Tanh), x, Tanh(x), xDot, static (_, y, t, target) =>
        {
            TensorPrimitives.Multiply(y, y, target);
            TensorPrimitives.Subtract(1f, target, target);
            TensorPrimitives.Multiply(target, t, target);
        }, out resultDot);

    /// <summary>The tangent of <see cref="Relu"/>: <c>resultDot = xDot</c> where <c>x &gt; 0</c>, 0 elsewhere (the derivative at 0 is taken as 0, as in the pullback).</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Relu))]
    public static Tensor ReluTangent(Tensor x, Tensor? xDot, out Tensor? resultDot) =>
        MapTangent(nameof(Relu), x, Relu(x), xDot, static (v, _, t, target) =>
        {
            int i = 0;
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<int> positive = Vector.GreaterThan(new Vector<float>(v[i..]), Vector<float>.Zero);
                Vector.ConditionalSelect(positive, new Vector<float>(t[i..]), Vector<float>.Zero).CopyTo(target[i..]);
            }
            for (; i < v.Length; i++)
            {
                target[i] = v[i] > 0f ? t[i] : 0f;
            }
        }, out resultDot);

    /// <summary>Writes an elementwise map's tangent from the operand, the value and the operand's tangent.</summary>
    private delegate void ElementwiseTangent(ReadOnlySpan<float> x, ReadOnlySpan<float> result, ReadOnlySpan<float> xDot, Span<float> resultDot);

    /// <summary>An elementwise map's value with its tangent: a new tensor that <paramref name="tangent"/> fills, or null for a zero tangent.</summary>
    private static Tensor MapTangent(string name, Tensor x, Tensor result, Tensor? xDot, ElementwiseTangent tangent, out Tensor? resultDot)
    {
        Tensor? direction = TangentOf(name, x, xDot, nameof(xDot));
        if (direction is null)
        {
            resultDot = null;
            return result;
        }
        Tensor target = Create(x._shape);
        tangent(x._data, result._data, direction._data, target._data);
        resultDot = target;
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
