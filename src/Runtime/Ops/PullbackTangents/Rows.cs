using System;
using System.Numerics.Tensors;

namespace SourceAD;

// Second-order rules of the row-wise operations (along the last axis): softmax, log-softmax and the softmax
// cross-entropy. Each is the pullback of the adjoint's tangent plus, row by row, the pullback's derivative along the
// operand's tangent, written out through the softmax's own derivative ṗ = p ⊙ (ẋ − ⟨p, ẋ⟩).
public sealed partial class Tensor
{
    /// <summary>
    /// The tangent of <see cref="SoftmaxPullback"/>: per row, with <c>s = result</c>,
    /// <c>dxDot += s ⊙ (ġ − ⟨ġ, s⟩) + ṡ ⊙ (g − ⟨g, s⟩) − s · ⟨g, ṡ⟩</c>.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value <see cref="Softmax"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused: the result's tangent carries it).</param>
    /// <param name="resultDot">The tangent ṡ of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SoftmaxPullback))]
    public static void SoftmaxPullbackTangent(Tensor x, Tensor result, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? resultDot, Tensor? dResultDot, Tensor? dxDot)
    {
        SoftmaxPullback(x, result, dResult, dx);
        if (dResultDot is not null)
        {
            SoftmaxPullback(x, result, dResultDot, dxDot!);
        }
        if (resultDot is null || dxDot is null)
        {
            return;
        }
        CheckUnaryPullback(nameof(Softmax), x, resultDot, dResult, dxDot);
        int width = x._shape[^1];
        using Scratch centred = Scratch.Rent(width);
        for (int offset = 0; offset < x.Length; offset += width)
        {
            ReadOnlySpan<float> s = result._data.AsSpan(offset, width), sDot = resultDot._data.AsSpan(offset, width), g = dResult._data.AsSpan(offset, width);
            Span<float> target = dxDot._data.AsSpan(offset, width);
            TensorPrimitives.Subtract(g, TensorPrimitives.Dot(g, s), centred.Span);
            TensorPrimitives.MultiplyAdd(sDot, centred.Span, target, target);
            TensorPrimitives.MultiplyAdd(s, -TensorPrimitives.Dot(g, sDot), target, target);
        }
    }

    /// <summary>
    /// The tangent of <see cref="LogSoftmaxPullback"/>: per row, with <c>p = exp(result)</c>,
    /// <c>dxDot += ġ − p · Σ ġ − p ⊙ l̇ · Σ g</c>, where <c>l̇</c> is the result's tangent.
    /// </summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value <see cref="LogSoftmax"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused: the result's tangent carries it).</param>
    /// <param name="resultDot">The tangent of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(LogSoftmaxPullback))]
    public static void LogSoftmaxPullbackTangent(Tensor x, Tensor result, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? resultDot, Tensor? dResultDot, Tensor? dxDot)
    {
        LogSoftmaxPullback(x, result, dResult, dx);
        if (dResultDot is not null)
        {
            LogSoftmaxPullback(x, result, dResultDot, dxDot!);
        }
        if (resultDot is null || dxDot is null)
        {
            return;
        }
        CheckUnaryPullback(nameof(LogSoftmax), x, resultDot, dResult, dxDot);
        int width = x._shape[^1];
        using Scratch slope = Scratch.Rent(width);
        for (int offset = 0; offset < x.Length; offset += width)
        {
            Span<float> target = dxDot._data.AsSpan(offset, width);
            TensorPrimitives.Exp(result._data.AsSpan(offset, width), slope.Span);
            TensorPrimitives.Multiply(slope.Span, resultDot._data.AsSpan(offset, width), slope.Span);
            TensorPrimitives.MultiplyAdd(slope.Span, -TensorPrimitives.Sum(dResult._data.AsSpan(offset, width)), target, target);
        }
    }

    /// <summary>
    /// The tangent of <see cref="CrossEntropyPullback"/>: the pullback of ġ, plus per row <c>g / batch · ṗ</c> with
    /// <c>p = softmax(logits[b])</c> and <c>ṗ = p ⊙ (ż − ⟨p, ż⟩)</c>.
    /// </summary>
    /// <param name="logits">Unnormalised class scores <c>[batch, classes]</c>.</param>
    /// <param name="labels">The class of each example.</param>
    /// <param name="dResult">The adjoint of the loss.</param>
    /// <param name="dlogits">The adjoint of <paramref name="logits"/>.</param>
    /// <param name="logitsDot">The tangent of <paramref name="logits"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/>.</param>
    /// <param name="dlogitsDot">The tangent of <paramref name="dlogits"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(CrossEntropyPullback))]
    public static void CrossEntropyPullbackTangent(Tensor logits, int[] labels, float dResult, Tensor dlogits, Tensor? logitsDot, float dResultDot, Tensor? dlogitsDot)
    {
        CrossEntropyPullback(logits, labels, dResult, dlogits);
        CrossEntropyPullback(logits, labels, dResultDot, dlogitsDot!);
        if (logitsDot is null || dlogitsDot is null)
        {
            return;
        }
        (int batch, int classes) = CheckCrossEntropy(logits, labels);
        TensorShape.RequireShape(nameof(CrossEntropy), logits._shape, logitsDot, nameof(logitsDot));
        float scale = dResult / batch;
        using Scratch probabilities = Scratch.Rent(classes);
        using Scratch centred = Scratch.Rent(classes);
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> zDot = logitsDot._data.AsSpan(b * classes, classes);
            Span<float> target = dlogitsDot._data.AsSpan(b * classes, classes);
            SoftmaxRows.Softmax(logits._data.AsSpan(b * classes, classes), probabilities.Span);
            TensorPrimitives.Subtract(zDot, TensorPrimitives.Dot(probabilities.Span, zDot), centred.Span);
            TensorPrimitives.Multiply(centred.Span, probabilities.Span, centred.Span);
            TensorPrimitives.MultiplyAdd(centred.Span, scale, target, target);
        }
    }
}
