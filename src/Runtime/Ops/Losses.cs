using System;
using System.Numerics.Tensors;

namespace SourceAD;

// Loss functions: softmax cross-entropy against class labels, and mean squared error.
public sealed partial class Tensor
{
    /// <summary>
    /// The mean over the batch of the softmax cross-entropy <c>−log softmax(logits[b])[labels[b]]</c>, computed stably
    /// as <c>logsumexp(logits[b]) − logits[b, labels[b]]</c>.
    /// </summary>
    /// <param name="logits">Unnormalised class scores <c>[batch, classes]</c>.</param>
    /// <param name="labels">The class of each example, one per row, each in <c>[0, classes)</c>.</param>
    /// <exception cref="ArgumentException">The logits are not a matrix or the labels do not match them.</exception>
    public static float CrossEntropy(Tensor logits, int[] labels)
    {
        (int batch, int classes) = CheckCrossEntropy(logits, labels);
        using Scratch scratch = Scratch.Rent(classes);
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> row = logits._data.AsSpan(b * classes, classes);
            total += SoftmaxRows.LogSumExp(row, scratch.Span) - row[labels[b]];
        }
        return (float)(total / batch);
    }

    /// <summary>The pullback of <see cref="CrossEntropy"/>: <c>dlogits[b] += dResult / batch · (softmax(logits[b]) − onehot(labels[b]))</c>.</summary>
    /// <param name="logits">Unnormalised class scores <c>[batch, classes]</c>.</param>
    /// <param name="labels">The class of each example.</param>
    /// <param name="dResult">The adjoint of the loss.</param>
    /// <param name="dlogits">The adjoint of <paramref name="logits"/>.</param>
    [DerivativeOf(nameof(CrossEntropy))]
    public static void CrossEntropyPullback(Tensor logits, int[] labels, float dResult, Tensor dlogits)
    {
        (int batch, int classes) = CheckCrossEntropy(logits, labels);
        if (!TensorShape.IsRequested(nameof(CrossEntropy), logits._shape, dlogits, nameof(dlogits)))
        {
            return;
        }
        float scale = dResult / batch;
        using Scratch probabilities = Scratch.Rent(classes);
        for (int b = 0; b < batch; b++)
        {
            Span<float> target = dlogits._data.AsSpan(b * classes, classes);
            SoftmaxRows.Softmax(logits._data.AsSpan(b * classes, classes), probabilities.Span);
            TensorPrimitives.MultiplyAdd(probabilities.Span, scale, target, target);
            target[labels[b]] -= scale;
        }
    }

    /// <summary>The mean over all elements of <c>(prediction − target)²</c>.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets, of the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static float MeanSquaredError(Tensor prediction, Tensor target)
    {
        CheckMeanSquaredError(prediction, target);
        using Scratch difference = Scratch.Rent(prediction.Length);
        TensorPrimitives.Subtract(prediction._data, target._data, difference.Span);
        return TensorPrimitives.SumOfSquares(difference.Span) / prediction.Length;
    }

    /// <summary>The pullback of <see cref="MeanSquaredError"/>: <c>dprediction += 2 dResult (prediction − target) / n</c>, and the negation into <paramref name="dtarget"/>.</summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets.</param>
    /// <param name="dResult">The adjoint of the loss.</param>
    /// <param name="dprediction">The adjoint of <paramref name="prediction"/>.</param>
    /// <param name="dtarget">The adjoint of <paramref name="target"/>.</param>
    [DerivativeOf(nameof(MeanSquaredError))]
    public static void MeanSquaredErrorPullback(Tensor prediction, Tensor target, float dResult, Tensor dprediction, Tensor dtarget)
    {
        CheckMeanSquaredError(prediction, target);
        bool predictionRequested = TensorShape.IsRequested(nameof(MeanSquaredError), prediction._shape, dprediction, nameof(dprediction));
        bool targetRequested = TensorShape.IsRequested(nameof(MeanSquaredError), prediction._shape, dtarget, nameof(dtarget));
        float scale = 2f * dResult / prediction.Length;
        using Scratch difference = Scratch.Rent(prediction.Length);
        TensorPrimitives.Subtract(prediction._data, target._data, difference.Span);
        if (predictionRequested)
        {
            TensorPrimitives.MultiplyAdd(difference.Span, scale, dprediction._data, dprediction._data);
        }
        if (targetRequested)
        {
            TensorPrimitives.MultiplyAdd(difference.Span, -scale, dtarget._data, dtarget._data);
        }
    }

    private static (int Batch, int Classes) CheckCrossEntropy(Tensor logits, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        TensorShape.RequireRank(nameof(CrossEntropy), logits, 2);
        (int batch, int classes) = (logits._shape[0], logits._shape[1]);
        if (labels.Length != batch)
        {
            throw new ArgumentException($"{nameof(CrossEntropy)}: {labels.Length} labels for logits of shape {TensorShape.Format(logits._shape)}", nameof(labels));
        }
        foreach (int label in labels)
        {
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentException($"{nameof(CrossEntropy)}: label {label} out of range for logits of shape {TensorShape.Format(logits._shape)}", nameof(labels));
            }
        }
        return (batch, classes);
    }

    private static void CheckMeanSquaredError(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        TensorShape.RequireSame(nameof(MeanSquaredError), prediction, target);
    }
}
