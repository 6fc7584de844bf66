using System;
using System.Numerics.Tensors;

namespace SourceAD;

// Tangents of the reductions and losses (linear in the tangent, or a dot product with the gradient) and of the
// operations that only rearrange elements (the same operation applied to the tangent). A null tangent is zero; see
// TangentOfAttribute for the convention.
public sealed partial class Tensor
{
    /// <summary>The tangent of <see cref="Sum(Tensor)"/>: <c>resultDot = Σ xDot</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the sum.</param>
    [TangentOf(nameof(Sum))]
    public static float SumTangent(Tensor x, Tensor? xDot, out float resultDot)
    {
        Tensor? tangent = TangentOf(nameof(Sum), x, xDot, nameof(xDot));
        resultDot = tangent is null ? 0f : Sum(tangent);
        return Sum(x);
    }

    /// <summary>The tangent of <see cref="Mean(Tensor)"/>: <c>resultDot = mean(xDot)</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the mean.</param>
    [TangentOf(nameof(Mean))]
    public static float MeanTangent(Tensor x, Tensor? xDot, out float resultDot)
    {
        Tensor? tangent = TangentOf(nameof(Mean), x, xDot, nameof(xDot));
        resultDot = tangent is null ? 0f : Mean(tangent);
        return Mean(x);
    }

    /// <summary>The tangent of <see cref="Sum(Tensor, int)"/>: <c>resultDot = Sum(xDot, axis)</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="axis">The axis summed over (negative counts from the end).</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the sums (null: zero).</param>
    [TangentOf(nameof(Sum))]
    public static Tensor SumTangent(Tensor x, int axis, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor? tangent = TangentOf(nameof(Sum), x, xDot, nameof(xDot));
        resultDot = tangent is null ? null : Sum(tangent, axis);
        return Sum(x, axis);
    }

    /// <summary>The tangent of <see cref="Mean(Tensor, int)"/>: <c>resultDot = Mean(xDot, axis)</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="axis">The axis averaged over (negative counts from the end).</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the means (null: zero).</param>
    [TangentOf(nameof(Mean))]
    public static Tensor MeanTangent(Tensor x, int axis, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor? tangent = TangentOf(nameof(Mean), x, xDot, nameof(xDot));
        resultDot = tangent is null ? null : Mean(tangent, axis);
        return Mean(x, axis);
    }

    /// <summary>The tangent of <see cref="SumOfSquares"/>: <c>resultDot = 2 ⟨x, xDot⟩</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the sum of squares.</param>
    [TangentOf(nameof(SumOfSquares))]
    public static float SumOfSquaresTangent(Tensor x, Tensor? xDot, out float resultDot)
    {
        Tensor? tangent = TangentOf(nameof(SumOfSquares), x, xDot, nameof(xDot));
        resultDot = tangent is null ? 0f : 2f * TensorPrimitives.Dot(x._data, tangent._data);
        return SumOfSquares(x);
    }

    /// <summary>
    /// The tangent of <see cref="CrossEntropy"/>: the mean over the batch of <c>⟨softmax(row), rowDot⟩ − rowDot[label]</c>,
    /// the gradient of each row's loss dotted with the row's tangent.
    /// </summary>
    /// <param name="logits">The logits <c>[batch, classes]</c>.</param>
    /// <param name="labels">One class index per row.</param>
    /// <param name="logitsDot">The tangent of <paramref name="logits"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the loss.</param>
    [TangentOf(nameof(CrossEntropy))]
    public static float CrossEntropyTangent(Tensor logits, int[] labels, Tensor? logitsDot, out float resultDot)
    {
        float result = CrossEntropy(logits, labels);
        Tensor? tangent = TangentOf(nameof(CrossEntropy), logits, logitsDot, nameof(logitsDot));
        resultDot = 0f;
        if (tangent is null)
        {
            return result;
        }
        (int batch, int classes) = (logits._shape[0], logits._shape[1]);
        using Scratch probabilities = Scratch.Rent(classes);
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> direction = tangent._data.AsSpan(b * classes, classes);
            SoftmaxRows.Softmax(logits._data.AsSpan(b * classes, classes), probabilities.Span);
            total += TensorPrimitives.Dot(probabilities.Span, direction) - direction[labels[b]];
        }
        resultDot = (float)(total / batch);
        return result;
    }

    /// <summary>The tangent of <see cref="MeanSquaredError"/>: <c>resultDot = 2 ⟨prediction − target, predictionDot − targetDot⟩ / n</c>.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <param name="target">The target, of the prediction's shape.</param>
    /// <param name="predictionDot">The tangent of <paramref name="prediction"/> (null: zero).</param>
    /// <param name="targetDot">The tangent of <paramref name="target"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the loss.</param>
    [TangentOf(nameof(MeanSquaredError))]
    public static float MeanSquaredErrorTangent(Tensor prediction, Tensor target, Tensor? predictionDot, Tensor? targetDot, out float resultDot)
    {
        float result = MeanSquaredError(prediction, target);
        Tensor? left = TangentOf(nameof(MeanSquaredError), prediction, predictionDot, nameof(predictionDot));
        Tensor? right = TangentOf(nameof(MeanSquaredError), prediction, targetDot, nameof(targetDot));
        using Scratch difference = Scratch.Rent(prediction.Length);
        TensorPrimitives.Subtract(prediction._data, target._data, difference.Span);
        float dot = (left is null ? 0f : TensorPrimitives.Dot(difference.Span, left._data)) - (right is null ? 0f : TensorPrimitives.Dot(difference.Span, right._data));
        resultDot = 2f * dot / prediction.Length;
        return result;
    }

    /// <summary>The tangent of <see cref="Transpose"/>: the transposed tangent.</summary>
    /// <param name="x">The matrix.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Transpose))]
    public static Tensor TransposeTangent(Tensor x, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor? tangent = TangentOf(nameof(Transpose), x, xDot, nameof(xDot));
        resultDot = tangent is null ? null : Transpose(tangent);
        return Transpose(x);
    }

    /// <summary>The tangent of <see cref="Reshape"/>: the tangent reshaped the same way.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="shape">The new shape (one dimension may be -1).</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Reshape))]
    public static Tensor ReshapeTangent(Tensor x, int[] shape, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor? tangent = TangentOf(nameof(Reshape), x, xDot, nameof(xDot));
        resultDot = tangent is null ? null : Reshape(tangent, shape);
        return Reshape(x, shape);
    }

    /// <summary>The tangent of <see cref="Rows"/>: the same rows of the tangent.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Rows))]
    public static Tensor RowsTangent(Tensor x, int start, int count, Tensor? xDot, out Tensor? resultDot)
    {
        Tensor? tangent = TangentOf(nameof(Rows), x, xDot, nameof(xDot));
        resultDot = tangent is null ? null : Rows(tangent, start, count);
        return Rows(x, start, count);
    }
}
