namespace SourceAD;

// Tangents of the arithmetic operators: each is the tangent of the named operation it calls.
public sealed partial class Tensor
{
    /// <summary>The tangent of the <c>(Tensor, Tensor)</c> addition operator; see <see cref="AddTangent(Tensor, Tensor, Tensor, Tensor, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Addition")]
    public static Tensor AdditionOperatorTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot) =>
        AddTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(Tensor, float)</c> addition operator; see <see cref="AddTangent(Tensor, float, Tensor, float, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Addition")]
    public static Tensor AdditionOperatorTangent(Tensor a, float b, Tensor? aDot, float bDot, out Tensor? resultDot) =>
        AddTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(float, Tensor)</c> addition operator; see <see cref="AddTangent(float, Tensor, float, Tensor, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Addition")]
    public static Tensor AdditionOperatorTangent(float a, Tensor b, float aDot, Tensor? bDot, out Tensor? resultDot) =>
        AddTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(Tensor, Tensor)</c> subtraction operator; see <see cref="SubtractTangent(Tensor, Tensor, Tensor, Tensor, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Subtraction")]
    public static Tensor SubtractionOperatorTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot) =>
        SubtractTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(Tensor, float)</c> subtraction operator; see <see cref="SubtractTangent(Tensor, float, Tensor, float, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Subtraction")]
    public static Tensor SubtractionOperatorTangent(Tensor a, float b, Tensor? aDot, float bDot, out Tensor? resultDot) =>
        SubtractTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(float, Tensor)</c> subtraction operator; see <see cref="SubtractTangent(float, Tensor, float, Tensor, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Subtraction")]
    public static Tensor SubtractionOperatorTangent(float a, Tensor b, float aDot, Tensor? bDot, out Tensor? resultDot) =>
        SubtractTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(Tensor, Tensor)</c> multiply operator; see <see cref="MultiplyTangent(Tensor, Tensor, Tensor, Tensor, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Multiply")]
    public static Tensor MultiplyOperatorTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot) =>
        MultiplyTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(Tensor, float)</c> multiply operator; see <see cref="MultiplyTangent(Tensor, float, Tensor, float, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Multiply")]
    public static Tensor MultiplyOperatorTangent(Tensor a, float b, Tensor? aDot, float bDot, out Tensor? resultDot) =>
        MultiplyTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(float, Tensor)</c> multiply operator; see <see cref="MultiplyTangent(float, Tensor, float, Tensor, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Multiply")]
    public static Tensor MultiplyOperatorTangent(float a, Tensor b, float aDot, Tensor? bDot, out Tensor? resultDot) =>
        MultiplyTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(Tensor, Tensor)</c> division operator; see <see cref="DivideTangent(Tensor, Tensor, Tensor, Tensor, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Division")]
    public static Tensor DivisionOperatorTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot) =>
        DivideTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(Tensor, float)</c> division operator; see <see cref="DivideTangent(Tensor, float, Tensor, float, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Division")]
    public static Tensor DivisionOperatorTangent(Tensor a, float b, Tensor? aDot, float bDot, out Tensor? resultDot) =>
        DivideTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the <c>(float, Tensor)</c> division operator; see <see cref="DivideTangent(float, Tensor, float, Tensor, out Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_Division")]
    public static Tensor DivisionOperatorTangent(float a, Tensor b, float aDot, Tensor? bDot, out Tensor? resultDot) =>
        DivideTangent(a, b, aDot, bDot, out resultDot);

    /// <summary>The tangent of the unary negation operator; see <see cref="NegateTangent"/>.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="resultDot">The tangent of the result (null: zero).</param>
    [TangentOf("op_UnaryNegation")]
    public static Tensor UnaryNegationOperatorTangent(Tensor a, Tensor? aDot, out Tensor? resultDot) => NegateTangent(a, aDot, out resultDot);
}
