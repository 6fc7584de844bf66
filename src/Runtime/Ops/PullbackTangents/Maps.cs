using System.Numerics.Tensors;

namespace SourceAD;

// Second-order rules of the elementwise maps whose slope is not a plain operand: dx += g ⊙ f'(x), so
// dxDot += ġ ⊙ f'(x) + g ⊙ f''(x) ⊙ ẋ, the first term the pullback of ġ, the second written out with f'' from the
// value where that is cheaper (σ' = σ(1 − σ) gives σ'' ẋ = (1 − 2σ) σ̇). And the mean squared error, linear in the
// difference of its operands.
public sealed partial class Tensor
{
    /// <summary>The tangent of <see cref="SigmoidPullback"/>: <c>dxDot += ġ ⊙ σ(1 − σ) + g ⊙ (1 − 2σ) ⊙ σ̇</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value σ = <see cref="Sigmoid"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused: the result's tangent carries it).</param>
    /// <param name="resultDot">The tangent σ̇ of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SigmoidPullback))]
    public static void SigmoidPullbackTangent(Tensor x, Tensor result, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? resultDot, Tensor? dResultDot, Tensor? dxDot)
    {
        SigmoidPullback(x, result, dResult, dx);
        if (dResultDot is not null)
        {
            SigmoidPullback(x, result, dResultDot, dxDot!);
        }
        if (resultDot is not null && dxDot is not null)
        {
            CheckUnaryPullback(nameof(Sigmoid), x, resultDot, dResult, dxDot);
            using Scratch curvature = Scratch.Rent(x.Length);
            TensorPrimitives.Multiply(result._data, -2f, curvature.Span);
            TensorPrimitives.Add(curvature.Span, 1f, curvature.Span);
            TensorPrimitives.Multiply(curvature.Span, resultDot._data, curvature.Span);
            TensorPrimitives.MultiplyAdd(dResult._data, curvature.Span, dxDot._data, dxDot._data);
        }
    }

    /// <summary>The tangent of <see cref="TanhPullback"/>: <c>dxDot += ġ ⊙ (1 − t²) − 2 g ⊙ t ⊙ ṫ</c> with <c>t = result</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value t = <see cref="Tanh"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused: the result's tangent carries it).</param>
    /// <param name="resultDot">The tangent ṫ of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(TanhPullback))]
    public static void TanhPullbackTangent(Tensor x, Tensor result, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? resultDot, Tensor? dResultDot, Tensor? dxDot)
    {
        TanhPullback(x, result, dResult, dx);
        if (dResultDot is not null)
        {
            TanhPullback(x, result, dResultDot, dxDot!);
        }
        if (resultDot is not null && dxDot is not null)
        {
            CheckUnaryPullback(nameof(Tanh), x, resultDot, dResult, dxDot);
            using Scratch curvature = Scratch.Rent(x.Length);
            TensorPrimitives.Multiply(result._data, resultDot._data, curvature.Span);
            TensorPrimitives.Multiply(curvature.Span, -2f, curvature.Span);
            TensorPrimitives.MultiplyAdd(dResult._data, curvature.Span, dxDot._data, dxDot._data);
        }
    }

    /// <summary>The tangent of <see cref="LogPullback"/>: <c>dxDot += ġ ⊘ x − g ⊙ ẋ ⊘ x²</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(LogPullback))]
    public static void LogPullbackTangent(Tensor x, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? dResultDot, Tensor? dxDot)
    {
        LogPullback(x, dResult, dx);
        if (dResultDot is not null)
        {
            LogPullback(x, dResultDot, dxDot!);
        }
        if (xDot is not null && dxDot is not null)
        {
            CheckUnaryPullback(nameof(Log), x, xDot, dResult, dxDot);
            using Scratch curvature = Scratch.Rent(x.Length);
            TensorPrimitives.Divide(xDot._data, x._data, curvature.Span);
            TensorPrimitives.Divide(curvature.Span, x._data, curvature.Span);
            TensorPrimitives.Multiply(curvature.Span, dResult._data, curvature.Span);
            TensorPrimitives.Subtract(dxDot._data, curvature.Span, dxDot._data);
        }
    }

    /// <summary>
    /// The tangent of <see cref="MeanSquaredErrorPullback"/>: the pullback of ġ, plus the pullback's own linear map
    /// applied to (ṗ, ṫ), since the pullback is linear in the difference of its operands.
    /// </summary>
    /// <param name="prediction">The predictions.</param>
    /// <param name="target">The targets.</param>
    /// <param name="dResult">The adjoint of the loss.</param>
    /// <param name="dprediction">The adjoint of <paramref name="prediction"/>.</param>
    /// <param name="dtarget">The adjoint of <paramref name="target"/>.</param>
    /// <param name="predictionDot">The tangent of <paramref name="prediction"/> (null: zero).</param>
    /// <param name="targetDot">The tangent of <paramref name="target"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/>.</param>
    /// <param name="dpredictionDot">The tangent of <paramref name="dprediction"/>, added to (null: not wanted).</param>
    /// <param name="dtargetDot">The tangent of <paramref name="dtarget"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MeanSquaredErrorPullback))]
    public static void MeanSquaredErrorPullbackTangent(Tensor prediction, Tensor target, float dResult, Tensor dprediction, Tensor dtarget,
        Tensor? predictionDot, Tensor? targetDot, float dResultDot, Tensor? dpredictionDot, Tensor? dtargetDot)
    {
        MeanSquaredErrorPullback(prediction, target, dResult, dprediction, dtarget);
        MeanSquaredErrorPullback(prediction, target, dResultDot, dpredictionDot!, dtargetDot!);
        if (predictionDot is not null || targetDot is not null)
        {
            MeanSquaredErrorPullback(predictionDot ?? ZerosLike(prediction), targetDot ?? ZerosLike(target), dResult, dpredictionDot!, dtargetDot!);
        }
    }
}
