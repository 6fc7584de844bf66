using System;
using System.Numerics.Tensors;

namespace SourceAD;

// Elementwise exp, log and square.
public sealed partial class Tensor
{
    /// <summary>Elementwise <c>eˣ</c>.</summary>
    /// <param name="x">The operand.</param>
    public static Tensor Exp(Tensor x) => Map(x, TensorPrimitives.Exp);

    /// <summary>The pullback of <see cref="Exp"/>: <c>dx += dResult ⊙ result</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value <see cref="Exp"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Exp))]
    public static void ExpPullback(Tensor x, Tensor result, Tensor dResult, Tensor dx)
    {
        if (!CheckUnaryPullback(nameof(Exp), x, result, dResult, dx))
        {
            return;
        }
        TensorPrimitives.MultiplyAdd(dResult._data, result._data, dx._data, dx._data);
    }

    /// <summary>Elementwise natural logarithm.</summary>
    /// <param name="x">The operand.</param>
    public static Tensor Log(Tensor x) => Map(x, TensorPrimitives.Log);

    /// <summary>The pullback of <see cref="Log"/>: <c>dx += dResult ⊘ x</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Log))]
    public static void LogPullback(Tensor x, Tensor dResult, Tensor dx)
    {
        if (!CheckUnaryPullback(nameof(Log), x, dResult, dx))
        {
            return;
        }
        using Scratch quotient = Scratch.Rent(x.Length);
        TensorPrimitives.Divide(dResult._data, x._data, quotient.Span);
        TensorPrimitives.Add(dx._data, quotient.Span, dx._data);
    }

    /// <summary>Elementwise <c>x²</c>.</summary>
    /// <param name="x">The operand.</param>
    public static Tensor Square(Tensor x) => Map(x, static (source, destination) => TensorPrimitives.Multiply(source, source, destination));

    /// <summary>The pullback of <see cref="Square"/>: <c>dx += 2 x ⊙ dResult</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    [DerivativeOf(nameof(Square))]
    public static void SquarePullback(Tensor x, Tensor dResult, Tensor dx)
    {
        if (!CheckUnaryPullback(nameof(Square), x, dResult, dx))
        {
            return;
        }
        using Scratch product = Scratch.Rent(x.Length);
        TensorPrimitives.Multiply(dResult._data, x._data, product.Span);
        TensorPrimitives.MultiplyAdd(product.Span, 2f, dx._data, dx._data);
    }

    /// <summary>A function from a span to a span of the same length.</summary>
    private delegate void SpanMap(ReadOnlySpan<float> source, Span<float> destination);

    /// <summary>A new tensor of the same shape holding <paramref name="map"/> applied to the elements of <paramref name="x"/>.</summary>
    private static Tensor Map(Tensor x, SpanMap map)
    {
        ArgumentNullException.ThrowIfNull(x);
        Tensor result = Create(x._shape);
        map(x._data, result._data);
        return result;
    }
}
