namespace SourceAD;

// Second-order rules of the pullbacks that are bilinear: each adjoint is a product of the result's adjoint and an
// operand (da = g·bᵀ for a matrix product, da = g ⊙ b elementwise, dx = 2g·x for a sum of squares, dx = g ⊙ e^x with
// e^x the result). The derivative of a product is the sum of the products with one factor replaced by its tangent,
// and each of those is the same pullback called with that factor's tangent: no kernel of its own.
public sealed partial class Tensor
{
    /// <summary>
    /// The tangent of <see cref="MatMulPullback"/>: <c>daDot += ġ·bᵀ + g·ḃᵀ</c> and <c>dbDot += aᵀ·ġ + ȧᵀ·g</c>, each
    /// term the pullback with one factor replaced by its tangent.
    /// </summary>
    /// <param name="a">The left matrix.</param>
    /// <param name="b">The right matrix.</param>
    /// <param name="dResult">The adjoint of the product.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MatMulPullback))]
    public static void MatMulPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot)
    {
        MatMulPullback(a, b, dResult, da, db);
        ProductTangent(MatMulPullback, a, b, dResult, aDot, bDot, dResultDot, daDot, dbDot);
    }

    /// <summary>The tangent of <see cref="MatMulTransposeAPullback"/>, term by term as <see cref="MatMulPullbackTangent"/>.</summary>
    /// <param name="a">The left matrix (transposed in the product).</param>
    /// <param name="b">The right matrix.</param>
    /// <param name="dResult">The adjoint of the product.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MatMulTransposeAPullback))]
    public static void MatMulTransposeAPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot)
    {
        MatMulTransposeAPullback(a, b, dResult, da, db);
        ProductTangent(MatMulTransposeAPullback, a, b, dResult, aDot, bDot, dResultDot, daDot, dbDot);
    }

    /// <summary>The tangent of <see cref="MatMulTransposeBPullback"/>, term by term as <see cref="MatMulPullbackTangent"/>.</summary>
    /// <param name="a">The left matrix.</param>
    /// <param name="b">The right matrix (transposed in the product).</param>
    /// <param name="dResult">The adjoint of the product.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MatMulTransposeBPullback))]
    public static void MatMulTransposeBPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot)
    {
        MatMulTransposeBPullback(a, b, dResult, da, db);
        ProductTangent(MatMulTransposeBPullback, a, b, dResult, aDot, bDot, dResultDot, daDot, dbDot);
    }

    /// <summary>The tangent of <see cref="MultiplyPullback(Tensor, Tensor, Tensor, Tensor, Tensor)"/>: <c>daDot += ġ ⊙ b + g ⊙ ḃ</c>, <c>dbDot += ġ ⊙ a + g ⊙ ȧ</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MultiplyPullback))]
    public static void MultiplyPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot)
    {
        MultiplyPullback(a, b, dResult, da, db);
        ProductTangent(MultiplyPullback, a, b, dResult, aDot, bDot, dResultDot, daDot, dbDot);
    }

    /// <summary>The tangent of <see cref="MultiplyPullback(Tensor, float, Tensor, Tensor, ref float)"/>: <c>daDot += ġ·b + g·ḃ</c>, <c>dbDot += Σ ġ ⊙ a + Σ g ⊙ ȧ</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to.</param>
    [TangentOf(nameof(MultiplyPullback))]
    public static void MultiplyPullbackTangent(Tensor a, float b, Tensor dResult, Tensor da, ref float db, Tensor? aDot, float bDot, Tensor? dResultDot, Tensor? daDot, ref float dbDot)
    {
        MultiplyPullback(a, b, dResult, da, ref db);
        float unused = 0f;
        if (dResultDot is not null)
        {
            MultiplyPullback(a, b, dResultDot, daDot!, ref dbDot);
        }
        if (bDot != 0f && daDot is not null)
        {
            MultiplyPullback(a, bDot, dResult, daDot, ref unused);
        }
        if (aDot is not null)
        {
            MultiplyPullback(aDot, b, dResult, null!, ref dbDot);
        }
    }

    /// <summary>The tangent of <see cref="MultiplyPullback(float, Tensor, Tensor, ref float, Tensor)"/>: <c>daDot += Σ ġ ⊙ b + Σ g ⊙ ḃ</c>, <c>dbDot += ġ·a + g·ȧ</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to.</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MultiplyPullback))]
    public static void MultiplyPullbackTangent(float a, Tensor b, Tensor dResult, ref float da, Tensor db, float aDot, Tensor? bDot, Tensor? dResultDot, ref float daDot, Tensor? dbDot)
    {
        MultiplyPullback(a, b, dResult, ref da, db);
        float unused = 0f;
        if (dResultDot is not null)
        {
            MultiplyPullback(a, b, dResultDot, ref daDot, dbDot!);
        }
        if (aDot != 0f && dbDot is not null)
        {
            MultiplyPullback(aDot, b, dResult, ref unused, dbDot);
        }
        if (bDot is not null)
        {
            MultiplyPullback(a, bDot, dResult, ref daDot, null!);
        }
    }

    /// <summary>The tangent of the <c>(Tensor, Tensor)</c> multiplication operator's pullback; see <see cref="MultiplyPullbackTangent(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor?, Tensor?, Tensor?, Tensor?, Tensor?)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MultiplyOperatorPullback))]
    public static void MultiplyOperatorPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot) =>
        MultiplyPullbackTangent(a, b, dResult, da, db, aDot, bDot, dResultDot, daDot, dbDot);

    /// <summary>The tangent of the <c>(Tensor, float)</c> multiplication operator's pullback.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to.</param>
    [TangentOf(nameof(MultiplyOperatorPullback))]
    public static void MultiplyOperatorPullbackTangent(Tensor a, float b, Tensor dResult, Tensor da, ref float db, Tensor? aDot, float bDot, Tensor? dResultDot, Tensor? daDot, ref float dbDot) =>
        MultiplyPullbackTangent(a, b, dResult, da, ref db, aDot, bDot, dResultDot, daDot, ref dbDot);

    /// <summary>The tangent of the <c>(float, Tensor)</c> multiplication operator's pullback.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/>.</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to.</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MultiplyOperatorPullback))]
    public static void MultiplyOperatorPullbackTangent(float a, Tensor b, Tensor dResult, ref float da, Tensor db, float aDot, Tensor? bDot, Tensor? dResultDot, ref float daDot, Tensor? dbDot) =>
        MultiplyPullbackTangent(a, b, dResult, ref da, db, aDot, bDot, dResultDot, ref daDot, dbDot);

    /// <summary>The tangent of <see cref="SumOfSquaresPullback"/>: <c>dxDot += 2ġ·x + 2g·ẋ</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the sum of squares.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/>.</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SumOfSquaresPullback))]
    public static void SumOfSquaresPullbackTangent(Tensor x, float dResult, Tensor dx, Tensor? xDot, float dResultDot, Tensor? dxDot)
    {
        SumOfSquaresPullback(x, dResult, dx);
        SumOfSquaresPullback(x, dResultDot, dxDot!);
        if (xDot is not null)
        {
            SumOfSquaresPullback(xDot, dResult, dxDot!);
        }
    }

    /// <summary>The tangent of <see cref="SquarePullback"/>: <c>dxDot += 2ġ ⊙ x + 2g ⊙ ẋ</c>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SquarePullback))]
    public static void SquarePullbackTangent(Tensor x, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? dResultDot, Tensor? dxDot)
    {
        SquarePullback(x, dResult, dx);
        if (dResultDot is not null)
        {
            SquarePullback(x, dResultDot, dxDot!);
        }
        if (xDot is not null)
        {
            SquarePullback(xDot, dResult, dxDot!);
        }
    }

    /// <summary>The tangent of <see cref="ExpPullback"/>: <c>dxDot += ġ ⊙ eˣ + g ⊙ (eˣ)˙</c>, the pullback with the result replaced by its tangent.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="result">The value <see cref="Exp"/> returned.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused: the result's tangent carries it).</param>
    /// <param name="resultDot">The tangent of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(ExpPullback))]
    public static void ExpPullbackTangent(Tensor x, Tensor result, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? resultDot, Tensor? dResultDot, Tensor? dxDot)
    {
        ExpPullback(x, result, dResult, dx);
        if (dResultDot is not null)
        {
            ExpPullback(x, result, dResultDot, dxDot!);
        }
        if (resultDot is not null)
        {
            ExpPullback(x, resultDot, dResult, dxDot!);
        }
    }

    /// <summary>The tangent of <see cref="ReluPullback"/>: <c>dxDot += ġ</c> where <c>x &gt; 0</c> (the second derivative is zero away from 0).</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(ReluPullback))]
    public static void ReluPullbackTangent(Tensor x, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? dResultDot, Tensor? dxDot)
    {
        ReluPullback(x, dResult, dx);
        if (dResultDot is not null)
        {
            ReluPullback(x, dResultDot, dxDot!);
        }
    }

    /// <summary>
    /// The tangent terms of a pullback bilinear in (a, b) for each adjoint (a product's): the pullback of ġ, then, for
    /// da, the pullback at (a, ḃ) and, for db, at (ȧ, b), each into only the adjoint's tangent it belongs to.
    /// </summary>
    private static void ProductTangent(System.Action<Tensor, Tensor, Tensor, Tensor, Tensor> pullback, Tensor a, Tensor b, Tensor dResult,
        Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot)
    {
        if (dResultDot is not null)
        {
            pullback(a, b, dResultDot, daDot!, dbDot!);
        }
        if (bDot is not null && daDot is not null)
        {
            pullback(a, bDot, dResult, daDot, null!);
        }
        if (aDot is not null && dbDot is not null)
        {
            pullback(aDot, b, dResult, null!, dbDot);
        }
    }
}
