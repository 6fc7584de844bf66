using System;

namespace SourceAD;

// Tangents (forward-mode rules) of elementwise arithmetic: (a ± b)' = a' ± b', (a ⊙ b)' = a' ⊙ b + a ⊙ b',
// (a / b)' = (a' − r ⊙ b') / b with r = a / b. A null tangent is zero; see TangentOfAttribute for the convention.
public sealed partial class Tensor
{
    /// <summary>The tangent of <see cref="Add(Tensor, Tensor)"/>: <c>resultDot = aDot + bDot</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Add))]
    public static Tensor AddTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot)
    {
        Tensor result = Add(a, b);
        resultDot = Plus(TangentOf(nameof(Add), a, aDot, nameof(aDot)), TangentOf(nameof(Add), b, bDot, nameof(bDot)), result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Add(Tensor, float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Add))]
    public static Tensor AddTangent(Tensor a, float b, Tensor? aDot, float bDot, out Tensor? resultDot)
    {
        Tensor result = Add(a, b);
        resultDot = Plus(TangentOf(nameof(Add), a, aDot, nameof(aDot)), bDot, result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Add(float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Add))]
    public static Tensor AddTangent(float a, Tensor b, float aDot, Tensor? bDot, out Tensor? resultDot)
    {
        Tensor result = Add(a, b);
        resultDot = Plus(TangentOf(nameof(Add), b, bDot, nameof(bDot)), aDot, result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Subtract(Tensor, Tensor)"/>: <c>resultDot = aDot − bDot</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Subtract))]
    public static Tensor SubtractTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot)
    {
        Tensor result = Subtract(a, b);
        Tensor? right = TangentOf(nameof(Subtract), b, bDot, nameof(bDot));
        Tensor? left = TangentOf(nameof(Subtract), a, aDot, nameof(aDot));
        resultDot = left is not null && right is not null ? Expand(Subtract(left, right), result._shape) : Plus(left, Minus(right), result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Subtract(Tensor, float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Subtract))]
    public static Tensor SubtractTangent(Tensor a, float b, Tensor? aDot, float bDot, out Tensor? resultDot)
    {
        Tensor result = Subtract(a, b);
        resultDot = Plus(TangentOf(nameof(Subtract), a, aDot, nameof(aDot)), -bDot, result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Subtract(float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Subtract))]
    public static Tensor SubtractTangent(float a, Tensor b, float aDot, Tensor? bDot, out Tensor? resultDot)
    {
        Tensor result = Subtract(a, b);
        resultDot = Plus(Minus(TangentOf(nameof(Subtract), b, bDot, nameof(bDot))), aDot, result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Multiply(Tensor, Tensor)"/>: <c>resultDot = aDot ⊙ b + a ⊙ bDot</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Multiply))]
    public static Tensor MultiplyTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot)
    {
        Tensor result = Multiply(a, b);
        Tensor? left = TangentOf(nameof(Multiply), a, aDot, nameof(aDot)), right = TangentOf(nameof(Multiply), b, bDot, nameof(bDot));
        resultDot = Plus(Times(left, b), right is null ? null : Multiply(a, right), result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Multiply(Tensor, float)"/>: <c>resultDot = aDot · b + a · bDot</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Multiply))]
    public static Tensor MultiplyTangent(Tensor a, float b, Tensor? aDot, float bDot, out Tensor? resultDot)
    {
        Tensor result = Multiply(a, b);
        resultDot = Plus(Scaled(TangentOf(nameof(Multiply), a, aDot, nameof(aDot)), b), Times(a, bDot), result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Multiply(float, Tensor)"/>: <c>resultDot = aDot · b + a · bDot</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Multiply))]
    public static Tensor MultiplyTangent(float a, Tensor b, float aDot, Tensor? bDot, out Tensor? resultDot)
    {
        Tensor result = Multiply(a, b);
        resultDot = Plus(Times(b, aDot), Scaled(TangentOf(nameof(Multiply), b, bDot, nameof(bDot)), a), result._shape);
        return result;
    }

    /// <summary>The tangent of <see cref="Divide(Tensor, Tensor)"/>: <c>resultDot = (aDot − r ⊙ bDot) / b</c> with <c>r = a / b</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Divide))]
    public static Tensor DivideTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot)
    {
        Tensor result = Divide(a, b);
        Tensor? left = TangentOf(nameof(Divide), a, aDot, nameof(aDot)), right = TangentOf(nameof(Divide), b, bDot, nameof(bDot));
        Tensor? numerator = Plus(left, Minus(Times(right, result)), result._shape);
        resultDot = numerator is null ? null : Divide(numerator, b);
        return result;
    }

    /// <summary>The tangent of <see cref="Divide(Tensor, float)"/>: <c>resultDot = (aDot − r · bDot) / b</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Divide))]
    public static Tensor DivideTangent(Tensor a, float b, Tensor? aDot, float bDot, out Tensor? resultDot)
    {
        Tensor result = Divide(a, b);
        Tensor? numerator = Plus(TangentOf(nameof(Divide), a, aDot, nameof(aDot)), Times(result, -bDot), result._shape);
        resultDot = numerator is null ? null : Divide(numerator, b);
        return result;
    }

    /// <summary>The tangent of <see cref="Divide(float, Tensor)"/>: <c>resultDot = (aDot − r ⊙ bDot) / b</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Divide))]
    public static Tensor DivideTangent(float a, Tensor b, float aDot, Tensor? bDot, out Tensor? resultDot)
    {
        Tensor result = Divide(a, b);
        Tensor? numerator = Plus(Minus(Times(TangentOf(nameof(Divide), b, bDot, nameof(bDot)), result)), aDot, result._shape);
        resultDot = numerator is null ? null : Divide(numerator, b);
        return result;
    }

    /// <summary>The tangent of <see cref="Negate(Tensor)"/>: <c>resultDot = −aDot</c>.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf(nameof(Negate))]
    public static Tensor NegateTangent(Tensor a, Tensor? aDot, out Tensor? resultDot)
    {
        Tensor result = Negate(a);
        resultDot = Minus(TangentOf(nameof(Negate), a, aDot, nameof(aDot)));
        return result;
    }
}
