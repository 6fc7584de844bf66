namespace SourceAD;

// The C# operators, each the operation of the same name in Elementwise.cs, with a pullback delegating to that operation's.
public sealed partial class Tensor
{
    /// <summary>Elementwise sum; see <see cref="Add(Tensor, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);

    /// <summary>Adds a scalar to every element.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator +(Tensor a, float b) => Add(a, b);

    /// <summary>Adds a scalar to every element.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator +(float a, Tensor b) => Add(a, b);

    /// <summary>Elementwise difference; see <see cref="Subtract(Tensor, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator -(Tensor a, Tensor b) => Subtract(a, b);

    /// <summary>Subtracts a scalar from every element.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator -(Tensor a, float b) => Subtract(a, b);

    /// <summary>Subtracts every element from a scalar.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator -(float a, Tensor b) => Subtract(a, b);

    /// <summary>Elementwise (Hadamard) product; see <see cref="Multiply(Tensor, Tensor)"/>. For the matrix product use <see cref="MatMul"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator *(Tensor a, Tensor b) => Multiply(a, b);

    /// <summary>Multiplies every element by a scalar.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator *(Tensor a, float b) => Multiply(a, b);

    /// <summary>Multiplies every element by a scalar.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator *(float a, Tensor b) => Multiply(a, b);

    /// <summary>Elementwise quotient; see <see cref="Divide(Tensor, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator /(Tensor a, Tensor b) => Divide(a, b);

    /// <summary>Divides every element by a scalar.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator /(Tensor a, float b) => Divide(a, b);

    /// <summary>Divides a scalar by every element.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    public static Tensor operator /(float a, Tensor b) => Divide(a, b);

    /// <summary>Elementwise negation; see <see cref="Negate"/>.</summary>
    /// <param name="a">The operand.</param>
    public static Tensor operator -(Tensor a) => Negate(a);

    /// <summary>The pullback of the <c>(Tensor, Tensor)</c> addition operator; see <see cref="AddPullback(Tensor, Tensor, Tensor, Tensor, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Addition")]
    public static void AdditionOperatorPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db) =>
        AddPullback(a, b, dResult, da, db);

    /// <summary>The pullback of the <c>(Tensor, float)</c> addition operator; see <see cref="AddPullback(Tensor, float, Tensor, Tensor, ref float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Addition")]
    public static void AdditionOperatorPullback(Tensor a, float b, Tensor dResult, Tensor da, ref float db) =>
        AddPullback(a, b, dResult, da, ref db);

    /// <summary>The pullback of the <c>(float, Tensor)</c> addition operator; see <see cref="AddPullback(float, Tensor, Tensor, ref float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Addition")]
    public static void AdditionOperatorPullback(float a, Tensor b, Tensor dResult, ref float da, Tensor db) =>
        AddPullback(a, b, dResult, ref da, db);

    /// <summary>The pullback of the <c>(Tensor, Tensor)</c> subtraction operator; see <see cref="SubtractPullback(Tensor, Tensor, Tensor, Tensor, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Subtraction")]
    public static void SubtractionOperatorPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db) =>
        SubtractPullback(a, b, dResult, da, db);

    /// <summary>The pullback of the <c>(Tensor, float)</c> subtraction operator; see <see cref="SubtractPullback(Tensor, float, Tensor, Tensor, ref float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Subtraction")]
    public static void SubtractionOperatorPullback(Tensor a, float b, Tensor dResult, Tensor da, ref float db) =>
        SubtractPullback(a, b, dResult, da, ref db);

    /// <summary>The pullback of the <c>(float, Tensor)</c> subtraction operator; see <see cref="SubtractPullback(float, Tensor, Tensor, ref float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Subtraction")]
    public static void SubtractionOperatorPullback(float a, Tensor b, Tensor dResult, ref float da, Tensor db) =>
        SubtractPullback(a, b, dResult, ref da, db);

    /// <summary>The pullback of the <c>(Tensor, Tensor)</c> multiply operator; see <see cref="MultiplyPullback(Tensor, Tensor, Tensor, Tensor, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Multiply")]
    public static void MultiplyOperatorPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db) =>
        MultiplyPullback(a, b, dResult, da, db);

    /// <summary>The pullback of the <c>(Tensor, float)</c> multiply operator; see <see cref="MultiplyPullback(Tensor, float, Tensor, Tensor, ref float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Multiply")]
    public static void MultiplyOperatorPullback(Tensor a, float b, Tensor dResult, Tensor da, ref float db) =>
        MultiplyPullback(a, b, dResult, da, ref db);

    /// <summary>The pullback of the <c>(float, Tensor)</c> multiply operator; see <see cref="MultiplyPullback(float, Tensor, Tensor, ref float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Multiply")]
    public static void MultiplyOperatorPullback(float a, Tensor b, Tensor dResult, ref float da, Tensor db) =>
        MultiplyPullback(a, b, dResult, ref da, db);

    /// <summary>The pullback of the <c>(Tensor, Tensor)</c> division operator; see <see cref="DividePullback(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="result">The value the operator returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Division")]
    public static void DivisionOperatorPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor da, Tensor db) =>
        DividePullback(a, b, result, dResult, da, db);

    /// <summary>The pullback of the <c>(Tensor, float)</c> division operator; see <see cref="DividePullback(Tensor, float, Tensor, Tensor, Tensor, ref float)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="result">The value the operator returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Division")]
    public static void DivisionOperatorPullback(Tensor a, float b, Tensor result, Tensor dResult, Tensor da, ref float db) =>
        DividePullback(a, b, result, dResult, da, ref db);

    /// <summary>The pullback of the <c>(float, Tensor)</c> division operator; see <see cref="DividePullback(float, Tensor, Tensor, Tensor, ref float, Tensor)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="result">The value the operator returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf("op_Division")]
    public static void DivisionOperatorPullback(float a, Tensor b, Tensor result, Tensor dResult, ref float da, Tensor db) =>
        DividePullback(a, b, result, dResult, ref da, db);

    /// <summary>The pullback of the unary negation operator; see <see cref="NegatePullback"/>.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    [DerivativeOf("op_UnaryNegation")]
    public static void UnaryNegationOperatorPullback(Tensor a, Tensor dResult, Tensor da) => NegatePullback(a, dResult, da);
}
