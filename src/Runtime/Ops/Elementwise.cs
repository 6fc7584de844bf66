using System;
using System.Numerics.Tensors;

namespace SourceAD;

// Elementwise arithmetic. A tensor operand whose shape is a suffix of the other's repeats over it (a rank-0 tensor over
// anything, a row vector [n] over a matrix [m, n], …); a float operand repeats over every element.
public sealed partial class Tensor
{
    /// <summary>Elementwise <c>a + b</c>; the operand of smaller rank repeats when its shape is a suffix of the other's.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <exception cref="ArgumentException">Neither shape is a suffix of the other.</exception>
    public static Tensor Add(Tensor a, Tensor b) => Binary(BinaryOperation.Add, nameof(Add), a, b);

    /// <summary>Elementwise <c>a + b</c> with a scalar right operand.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor Add(Tensor a, float b) => Binary(BinaryOperation.Add, a, b);

    /// <summary>Elementwise <c>a + b</c> with a scalar left operand.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor Add(float a, Tensor b) => Binary(BinaryOperation.Add, a, b);

    /// <summary>The pullback of <see cref="Add(Tensor, Tensor)"/>: accumulates into <paramref name="da"/> and <paramref name="db"/>, summing over repetitions.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Add))]
    public static void AddPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db) =>
        BinaryPullback(BinaryOperation.Add, nameof(Add), a, b, null, dResult, da, db);

    /// <summary>The pullback of <see cref="Add(Tensor, float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Add))]
    public static void AddPullback(Tensor a, float b, Tensor dResult, Tensor da, ref float db) =>
        BinaryPullback(BinaryOperation.Add, nameof(Add), a, b, null, dResult, da, ref db);

    /// <summary>The pullback of <see cref="Add(float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Add))]
    public static void AddPullback(float a, Tensor b, Tensor dResult, ref float da, Tensor db) =>
        BinaryPullback(BinaryOperation.Add, nameof(Add), a, b, null, dResult, ref da, db);

    /// <summary>Elementwise <c>a − b</c>; the operand of smaller rank repeats when its shape is a suffix of the other's.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <exception cref="ArgumentException">Neither shape is a suffix of the other.</exception>
    public static Tensor Subtract(Tensor a, Tensor b) => Binary(BinaryOperation.Subtract, nameof(Subtract), a, b);

    /// <summary>Elementwise <c>a − b</c> with a scalar right operand.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor Subtract(Tensor a, float b) => Binary(BinaryOperation.Subtract, a, b);

    /// <summary>Elementwise <c>a − b</c> with a scalar left operand.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor Subtract(float a, Tensor b) => Binary(BinaryOperation.Subtract, a, b);

    /// <summary>The pullback of <see cref="Subtract(Tensor, Tensor)"/>: accumulates into <paramref name="da"/> and <paramref name="db"/>, summing over repetitions.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Subtract))]
    public static void SubtractPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db) =>
        BinaryPullback(BinaryOperation.Subtract, nameof(Subtract), a, b, null, dResult, da, db);

    /// <summary>The pullback of <see cref="Subtract(Tensor, float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Subtract))]
    public static void SubtractPullback(Tensor a, float b, Tensor dResult, Tensor da, ref float db) =>
        BinaryPullback(BinaryOperation.Subtract, nameof(Subtract), a, b, null, dResult, da, ref db);

    /// <summary>The pullback of <see cref="Subtract(float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Subtract))]
    public static void SubtractPullback(float a, Tensor b, Tensor dResult, ref float da, Tensor db) =>
        BinaryPullback(BinaryOperation.Subtract, nameof(Subtract), a, b, null, dResult, ref da, db);

    /// <summary>Elementwise <c>a ⊙ b</c>; the operand of smaller rank repeats when its shape is a suffix of the other's.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <exception cref="ArgumentException">Neither shape is a suffix of the other.</exception>
    public static Tensor Multiply(Tensor a, Tensor b) => Binary(BinaryOperation.Multiply, nameof(Multiply), a, b);

    /// <summary>Elementwise <c>a ⊙ b</c> with a scalar right operand.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor Multiply(Tensor a, float b) => Binary(BinaryOperation.Multiply, a, b);

    /// <summary>Elementwise <c>a ⊙ b</c> with a scalar left operand.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor Multiply(float a, Tensor b) => Binary(BinaryOperation.Multiply, a, b);

    /// <summary>The pullback of <see cref="Multiply(Tensor, Tensor)"/>: accumulates into <paramref name="da"/> and <paramref name="db"/>, summing over repetitions.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Multiply))]
    public static void MultiplyPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db) =>
        BinaryPullback(BinaryOperation.Multiply, nameof(Multiply), a, b, null, dResult, da, db);

    /// <summary>The pullback of <see cref="Multiply(Tensor, float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Multiply))]
    public static void MultiplyPullback(Tensor a, float b, Tensor dResult, Tensor da, ref float db) =>
        BinaryPullback(BinaryOperation.Multiply, nameof(Multiply), a, b, null, dResult, da, ref db);

    /// <summary>The pullback of <see cref="Multiply(float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Multiply))]
    public static void MultiplyPullback(float a, Tensor b, Tensor dResult, ref float da, Tensor db) =>
        BinaryPullback(BinaryOperation.Multiply, nameof(Multiply), a, b, null, dResult, ref da, db);

    /// <summary>Elementwise <c>a ⊘ b</c>; the operand of smaller rank repeats when its shape is a suffix of the other's.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <exception cref="ArgumentException">Neither shape is a suffix of the other.</exception>
    public static Tensor Divide(Tensor a, Tensor b) => Binary(BinaryOperation.Divide, nameof(Divide), a, b);

    /// <summary>Elementwise <c>a ⊘ b</c> with a scalar right operand.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor Divide(Tensor a, float b) => Binary(BinaryOperation.Divide, a, b);

    /// <summary>Elementwise <c>a ⊘ b</c> with a scalar left operand.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor Divide(float a, Tensor b) => Binary(BinaryOperation.Divide, a, b);

    /// <summary>The pullback of <see cref="Divide(Tensor, Tensor)"/>: accumulates into <paramref name="da"/> and <paramref name="db"/>, summing over repetitions.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="result">The value the operation returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Divide))]
    public static void DividePullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor da, Tensor db) =>
        BinaryPullback(BinaryOperation.Divide, nameof(Divide), a, b, result, dResult, da, db);

    /// <summary>The pullback of <see cref="Divide(Tensor, float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="result">The value the operation returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Divide))]
    public static void DividePullback(Tensor a, float b, Tensor result, Tensor dResult, Tensor da, ref float db) =>
        BinaryPullback(BinaryOperation.Divide, nameof(Divide), a, b, result, dResult, da, ref db);

    /// <summary>The pullback of <see cref="Divide(float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="result">The value the operation returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(Divide))]
    public static void DividePullback(float a, Tensor b, Tensor result, Tensor dResult, ref float da, Tensor db) =>
        BinaryPullback(BinaryOperation.Divide, nameof(Divide), a, b, result, dResult, ref da, db);

    /// <summary>Elementwise <c>−a</c>.</summary>
    /// <param name="a">The operand.</param>
    public static Tensor Negate(Tensor a)
    {
        ArgumentNullException.ThrowIfNull(a);
        Tensor result = Create(a._shape);
        TensorPrimitives.Negate(a._data, result._data);
        return result;
    }

    /// <summary>The pullback of <see cref="Negate(Tensor)"/>: <c>da −= dResult</c>.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    [DerivativeOf(nameof(Negate))]
    public static void NegatePullback(Tensor a, Tensor dResult, Tensor da)
    {
        if (!CheckUnaryPullback(nameof(Negate), a, dResult, da))
        {
            return;
        }
        TensorPrimitives.Subtract(da._data, dResult._data, da._data);
    }

    private static Tensor Binary(BinaryOperation operation, string name, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Tensor result = Create(TensorShape.Broadcast(name, a, b));
        Broadcast.Apply(operation, a._data, b._data, result._data);
        return result;
    }

    private static Tensor Binary(BinaryOperation operation, Tensor a, float b)
    {
        ArgumentNullException.ThrowIfNull(a);
        Tensor result = Create(a._shape);
        Broadcast.Apply(operation, a._data, new ReadOnlySpan<float>(in b), result._data);
        return result;
    }

    private static Tensor Binary(BinaryOperation operation, float a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(b);
        Tensor result = Create(b._shape);
        Broadcast.Apply(operation, new ReadOnlySpan<float>(in a), b._data, result._data);
        return result;
    }

    private static void BinaryPullback(BinaryOperation operation, string name, Tensor a, Tensor b, Tensor? result, Tensor dResult, Tensor da, Tensor db)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ReadOnlySpan<int> shape = TensorShape.BroadcastShape(name, a, b);
        TensorShape.RequireShape(name, shape, dResult, nameof(dResult));
        Span<float> aAdjoint = TensorShape.IsRequested(name, a.Shape, da, nameof(da)) ? da._data : default;
        Span<float> bAdjoint = TensorShape.IsRequested(name, b.Shape, db, nameof(db)) ? db._data : default;
        Broadcast.Pullback(operation, a._data, b._data, DataOf(name, shape, result), dResult._data, aAdjoint, bAdjoint);
    }

    private static void BinaryPullback(BinaryOperation operation, string name, Tensor a, float b, Tensor? result, Tensor dResult, Tensor da, ref float db)
    {
        Span<float> aAdjoint = CheckUnaryPullback(name, a, dResult, da) ? da._data : default;
        ReadOnlySpan<float> bSpan = new(in b);
        Broadcast.Pullback(operation, a._data, bSpan, DataOf(name, a.Shape, result), dResult._data, aAdjoint, new Span<float>(ref db));
    }

    private static void BinaryPullback(BinaryOperation operation, string name, float a, Tensor b, Tensor? result, Tensor dResult, ref float da, Tensor db)
    {
        Span<float> bAdjoint = CheckUnaryPullback(name, b, dResult, db) ? db._data : default;
        ReadOnlySpan<float> aSpan = new(in a);
        Broadcast.Pullback(operation, aSpan, b._data, DataOf(name, b.Shape, result), dResult._data, new Span<float>(ref da), bAdjoint);
    }

    /// <summary>The elements of a result passed to a pullback (checked to have the result's shape), or none.</summary>
    private static ReadOnlySpan<float> DataOf(string name, ReadOnlySpan<int> shape, Tensor? result)
    {
        if (result is null)
        {
            return default;
        }
        TensorShape.RequireShape(name, shape, result, nameof(result));
        return result._data;
    }
}
