namespace SourceAD;

// Second-order rules of division, r = a ⊘ b with pullback da += g ⊘ b, db −= g ⊙ r ⊘ b. Its tangent
// daDot += ġ ⊘ b − g ⊙ (ḃ ⊘ b) ⊘ b and dbDot += −ġ ⊙ r ⊘ b − g ⊙ (ṙ − r ⊙ ḃ ⊘ b) ⊘ b is the pullback three times: of
// ġ; of −g ⊙ (ḃ ⊘ b) into da; and of g with the result replaced by ṙ − r ⊙ (ḃ ⊘ b) into db. So the pullback's own
// broadcasting (sums over repetitions) applies to every term.
public sealed partial class Tensor
{
    /// <summary>The tangent of <see cref="DividePullback(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)"/>.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="result">The quotient.</param>
    /// <param name="dResult">The adjoint of the quotient.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused: the result's tangent carries it).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(DividePullback))]
    public static void DividePullbackTangent(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor da, Tensor db,
        Tensor? aDot, Tensor? bDot, Tensor? resultDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot)
    {
        DividePullback(a, b, result, dResult, da, db);
        if (dResultDot is not null)
        {
            DividePullback(a, b, result, dResultDot, daDot!, dbDot!);
        }
        Tensor? relative = bDot is null ? null : Divide(bDot, b);
        if (relative is not null && daDot is not null)
        {
            DividePullback(a, b, result, -Multiply(dResult, relative), daDot, null!);
        }
        if (ResultWithoutDivisor(result, resultDot, relative) is { } moved && dbDot is not null)
        {
            DividePullback(a, b, moved, dResult, null!, dbDot);
        }
    }

    /// <summary>The tangent of <see cref="DividePullback(Tensor, float, Tensor, Tensor, Tensor, ref float)"/>.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="result">The quotient.</param>
    /// <param name="dResult">The adjoint of the quotient.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused: the result's tangent carries it).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to.</param>
    [TangentOf(nameof(DividePullback))]
    public static void DividePullbackTangent(Tensor a, float b, Tensor result, Tensor dResult, Tensor da, ref float db,
        Tensor? aDot, float bDot, Tensor? resultDot, Tensor? dResultDot, Tensor? daDot, ref float dbDot)
    {
        DividePullback(a, b, result, dResult, da, ref db);
        float unused = 0f;
        if (dResultDot is not null)
        {
            DividePullback(a, b, result, dResultDot, daDot!, ref dbDot);
        }
        float relative = bDot / b;
        if (relative != 0f && daDot is not null)
        {
            DividePullback(a, b, result, Multiply(dResult, -relative), daDot, ref unused);
        }
        Tensor? moved = relative == 0f ? resultDot : resultDot is null ? Multiply(result, -relative) : Subtract(resultDot, Multiply(result, relative));
        if (moved is not null)
        {
            DividePullback(a, b, moved, dResult, null!, ref dbDot);
        }
    }

    /// <summary>The tangent of <see cref="DividePullback(float, Tensor, Tensor, Tensor, ref float, Tensor)"/>.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="result">The quotient.</param>
    /// <param name="dResult">The adjoint of the quotient.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused: the result's tangent carries it).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to.</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(DividePullback))]
    public static void DividePullbackTangent(float a, Tensor b, Tensor result, Tensor dResult, ref float da, Tensor db,
        float aDot, Tensor? bDot, Tensor? resultDot, Tensor? dResultDot, ref float daDot, Tensor? dbDot)
    {
        DividePullback(a, b, result, dResult, ref da, db);
        float unused = 0f;
        if (dResultDot is not null)
        {
            DividePullback(a, b, result, dResultDot, ref daDot, dbDot!);
        }
        Tensor? relative = bDot is null ? null : Divide(bDot, b);
        if (relative is not null)
        {
            DividePullback(a, b, result, -Multiply(dResult, relative), ref daDot, null!);
        }
        if (ResultWithoutDivisor(result, resultDot, relative) is { } moved && dbDot is not null)
        {
            DividePullback(a, b, moved, dResult, ref unused, dbDot);
        }
    }

    /// <summary>The tangent of the <c>(Tensor, Tensor)</c> division operator's pullback; see <see cref="DividePullbackTangent(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor?, Tensor?, Tensor?, Tensor?, Tensor?, Tensor?)"/>.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="result">The quotient.</param>
    /// <param name="dResult">The adjoint of the quotient.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(DivisionOperatorPullback))]
    public static void DivisionOperatorPullbackTangent(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor da, Tensor db,
        Tensor? aDot, Tensor? bDot, Tensor? resultDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot) =>
        DividePullbackTangent(a, b, result, dResult, da, db, aDot, bDot, resultDot, dResultDot, daDot, dbDot);

    /// <summary>The tangent of the <c>(Tensor, float)</c> division operator's pullback.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="result">The quotient.</param>
    /// <param name="dResult">The adjoint of the quotient.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/>.</param>
    /// <param name="resultDot">The tangent of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to.</param>
    [TangentOf(nameof(DivisionOperatorPullback))]
    public static void DivisionOperatorPullbackTangent(Tensor a, float b, Tensor result, Tensor dResult, Tensor da, ref float db,
        Tensor? aDot, float bDot, Tensor? resultDot, Tensor? dResultDot, Tensor? daDot, ref float dbDot) =>
        DividePullbackTangent(a, b, result, dResult, da, ref db, aDot, bDot, resultDot, dResultDot, daDot, ref dbDot);

    /// <summary>The tangent of the <c>(float, Tensor)</c> division operator's pullback.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="result">The quotient.</param>
    /// <param name="dResult">The adjoint of the quotient.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of <paramref name="result"/> (null: zero).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to.</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(DivisionOperatorPullback))]
    public static void DivisionOperatorPullbackTangent(float a, Tensor b, Tensor result, Tensor dResult, ref float da, Tensor db,
        float aDot, Tensor? bDot, Tensor? resultDot, Tensor? dResultDot, ref float daDot, Tensor? dbDot) =>
        DividePullbackTangent(a, b, result, dResult, ref da, db, aDot, bDot, resultDot, dResultDot, ref daDot, dbDot);

    /// <summary>ṙ − r ⊙ (ḃ ⊘ b), what db's tangent takes for the result; null when both terms are zero.</summary>
    private static Tensor? ResultWithoutDivisor(Tensor result, Tensor? resultDot, Tensor? relative) =>
        relative is null ? resultDot
        : resultDot is null ? -Multiply(result, relative)
        : Subtract(resultDot, Multiply(result, relative));
}
