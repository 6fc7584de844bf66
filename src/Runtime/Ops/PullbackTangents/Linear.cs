namespace SourceAD;

// Second-order rules: the tangents of the pullbacks, which forward over reverse (a Hessian-vector product) calls.
// Each takes the pullback's parameters, then one tangent each (see TangentOfAttribute): a null tensor tangent is zero,
// and a null adjoint tangent is one nobody wants. It runs the pullback, then adds the pullback's directional derivative
// into the adjoints' tangents. The pullbacks in this file do not depend on the operands' values (they only route or
// sum the result's adjoint), so their tangent is the pullback applied to the adjoint's tangent.
public sealed partial class Tensor
{
    /// <summary>The tangent of <see cref="AddPullback(Tensor, Tensor, Tensor, Tensor, Tensor)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused: the pullback does not read it).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(AddPullback))]
    public static void AddPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot)
    {
        AddPullback(a, b, dResult, da, db);
        if (dResultDot is not null)
        {
            AddPullback(a, b, dResultDot, daDot!, dbDot!);
        }
    }

    /// <summary>The tangent of <see cref="AddPullback(Tensor, float, Tensor, Tensor, ref float)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to.</param>
    [TangentOf(nameof(AddPullback))]
    public static void AddPullbackTangent(Tensor a, float b, Tensor dResult, Tensor da, ref float db, Tensor? aDot, float bDot, Tensor? dResultDot, Tensor? daDot, ref float dbDot)
    {
        AddPullback(a, b, dResult, da, ref db);
        if (dResultDot is not null)
        {
            AddPullback(a, b, dResultDot, daDot!, ref dbDot);
        }
    }

    /// <summary>The tangent of <see cref="AddPullback(float, Tensor, Tensor, ref float, Tensor)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to.</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(AddPullback))]
    public static void AddPullbackTangent(float a, Tensor b, Tensor dResult, ref float da, Tensor db, float aDot, Tensor? bDot, Tensor? dResultDot, ref float daDot, Tensor? dbDot)
    {
        AddPullback(a, b, dResult, ref da, db);
        if (dResultDot is not null)
        {
            AddPullback(a, b, dResultDot, ref daDot, dbDot!);
        }
    }

    /// <summary>The tangent of <see cref="SubtractPullback(Tensor, Tensor, Tensor, Tensor, Tensor)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SubtractPullback))]
    public static void SubtractPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot)
    {
        SubtractPullback(a, b, dResult, da, db);
        if (dResultDot is not null)
        {
            SubtractPullback(a, b, dResultDot, daDot!, dbDot!);
        }
    }

    /// <summary>The tangent of <see cref="SubtractPullback(Tensor, float, Tensor, Tensor, ref float)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to.</param>
    [TangentOf(nameof(SubtractPullback))]
    public static void SubtractPullbackTangent(Tensor a, float b, Tensor dResult, Tensor da, ref float db, Tensor? aDot, float bDot, Tensor? dResultDot, Tensor? daDot, ref float dbDot)
    {
        SubtractPullback(a, b, dResult, da, ref db);
        if (dResultDot is not null)
        {
            SubtractPullback(a, b, dResultDot, daDot!, ref dbDot);
        }
    }

    /// <summary>The tangent of <see cref="SubtractPullback(float, Tensor, Tensor, ref float, Tensor)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to.</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SubtractPullback))]
    public static void SubtractPullbackTangent(float a, Tensor b, Tensor dResult, ref float da, Tensor db, float aDot, Tensor? bDot, Tensor? dResultDot, ref float daDot, Tensor? dbDot)
    {
        SubtractPullback(a, b, dResult, ref da, db);
        if (dResultDot is not null)
        {
            SubtractPullback(a, b, dResultDot, ref daDot, dbDot!);
        }
    }

    /// <summary>The tangent of the <c>(Tensor, Tensor)</c> addition operator's pullback; see <see cref="AddPullbackTangent(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor?, Tensor?, Tensor?, Tensor?, Tensor?)"/>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(AdditionOperatorPullback))]
    public static void AdditionOperatorPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot) =>
        AddPullbackTangent(a, b, dResult, da, db, aDot, bDot, dResultDot, daDot, dbDot);

    /// <summary>The tangent of the <c>(Tensor, float)</c> addition operator's pullback.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to.</param>
    [TangentOf(nameof(AdditionOperatorPullback))]
    public static void AdditionOperatorPullbackTangent(Tensor a, float b, Tensor dResult, Tensor da, ref float db, Tensor? aDot, float bDot, Tensor? dResultDot, Tensor? daDot, ref float dbDot) =>
        AddPullbackTangent(a, b, dResult, da, ref db, aDot, bDot, dResultDot, daDot, ref dbDot);

    /// <summary>The tangent of the <c>(float, Tensor)</c> addition operator's pullback.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to.</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(AdditionOperatorPullback))]
    public static void AdditionOperatorPullbackTangent(float a, Tensor b, Tensor dResult, ref float da, Tensor db, float aDot, Tensor? bDot, Tensor? dResultDot, ref float daDot, Tensor? dbDot) =>
        AddPullbackTangent(a, b, dResult, ref da, db, aDot, bDot, dResultDot, ref daDot, dbDot);

    /// <summary>The tangent of the <c>(Tensor, Tensor)</c> subtraction operator's pullback.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SubtractionOperatorPullback))]
    public static void SubtractionOperatorPullbackTangent(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db, Tensor? aDot, Tensor? bDot, Tensor? dResultDot, Tensor? daDot, Tensor? dbDot) =>
        SubtractPullbackTangent(a, b, dResult, da, db, aDot, bDot, dResultDot, daDot, dbDot);

    /// <summary>The tangent of the <c>(Tensor, float)</c> subtraction operator's pullback.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to.</param>
    [TangentOf(nameof(SubtractionOperatorPullback))]
    public static void SubtractionOperatorPullbackTangent(Tensor a, float b, Tensor dResult, Tensor da, ref float db, Tensor? aDot, float bDot, Tensor? dResultDot, Tensor? daDot, ref float dbDot) =>
        SubtractPullbackTangent(a, b, dResult, da, ref db, aDot, bDot, dResultDot, daDot, ref dbDot);

    /// <summary>The tangent of the <c>(float, Tensor)</c> subtraction operator's pullback.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to.</param>
    /// <param name="dbDot">The tangent of <paramref name="db"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SubtractionOperatorPullback))]
    public static void SubtractionOperatorPullbackTangent(float a, Tensor b, Tensor dResult, ref float da, Tensor db, float aDot, Tensor? bDot, Tensor? dResultDot, ref float daDot, Tensor? dbDot) =>
        SubtractPullbackTangent(a, b, dResult, ref da, db, aDot, bDot, dResultDot, ref daDot, dbDot);

    /// <summary>The tangent of <see cref="NegatePullback"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(NegatePullback))]
    public static void NegatePullbackTangent(Tensor a, Tensor dResult, Tensor da, Tensor? aDot, Tensor? dResultDot, Tensor? daDot)
    {
        NegatePullback(a, dResult, da);
        if (dResultDot is not null)
        {
            NegatePullback(a, dResultDot, daDot!);
        }
    }

    /// <summary>The tangent of the unary negation operator's pullback.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="daDot">The tangent of <paramref name="da"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(UnaryNegationOperatorPullback))]
    public static void UnaryNegationOperatorPullbackTangent(Tensor a, Tensor dResult, Tensor da, Tensor? aDot, Tensor? dResultDot, Tensor? daDot) =>
        NegatePullbackTangent(a, dResult, da, aDot, dResultDot, daDot);

    /// <summary>The tangent of <see cref="SumPullback(Tensor, float, Tensor)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the sum.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/>.</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SumPullback))]
    public static void SumPullbackTangent(Tensor x, float dResult, Tensor dx, Tensor? xDot, float dResultDot, Tensor? dxDot)
    {
        SumPullback(x, dResult, dx);
        SumPullback(x, dResultDot, dxDot!);
    }

    /// <summary>The tangent of <see cref="MeanPullback(Tensor, float, Tensor)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the mean.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/>.</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MeanPullback))]
    public static void MeanPullbackTangent(Tensor x, float dResult, Tensor dx, Tensor? xDot, float dResultDot, Tensor? dxDot)
    {
        MeanPullback(x, dResult, dx);
        MeanPullback(x, dResultDot, dxDot!);
    }

    /// <summary>The tangent of <see cref="SumPullback(Tensor, int, Tensor, Tensor)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(SumPullback))]
    public static void SumPullbackTangent(Tensor x, int axis, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? dResultDot, Tensor? dxDot)
    {
        SumPullback(x, axis, dResult, dx);
        if (dResultDot is not null)
        {
            SumPullback(x, axis, dResultDot, dxDot!);
        }
    }

    /// <summary>The tangent of <see cref="MeanPullback(Tensor, int, Tensor, Tensor)"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(MeanPullback))]
    public static void MeanPullbackTangent(Tensor x, int axis, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? dResultDot, Tensor? dxDot)
    {
        MeanPullback(x, axis, dResult, dx);
        if (dResultDot is not null)
        {
            MeanPullback(x, axis, dResultDot, dxDot!);
        }
    }

    /// <summary>The tangent of <see cref="TransposePullback"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(TransposePullback))]
    public static void TransposePullbackTangent(Tensor x, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? dResultDot, Tensor? dxDot)
    {
        TransposePullback(x, dResult, dx);
        if (dResultDot is not null)
        {
            TransposePullback(x, dResultDot, dxDot!);
        }
    }

    /// <summary>The tangent of <see cref="ReshapePullback"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="shape">The new shape.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(ReshapePullback))]
    public static void ReshapePullbackTangent(Tensor x, int[] shape, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? dResultDot, Tensor? dxDot)
    {
        ReshapePullback(x, shape, dResult, dx);
        if (dResultDot is not null)
        {
            ReshapePullback(x, shape, dResultDot, dxDot!);
        }
    }

    /// <summary>The tangent of <see cref="RowsPullback"/>: the pullback of <paramref name="dResultDot"/>.</summary>
    /// <param name="x">The operand.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="dResult">The adjoint of the result.</param>
    /// <param name="dx">The adjoint of <paramref name="x"/>.</param>
    /// <param name="xDot">The tangent of <paramref name="x"/> (unused).</param>
    /// <param name="dResultDot">The tangent of <paramref name="dResult"/> (null: zero).</param>
    /// <param name="dxDot">The tangent of <paramref name="dx"/>, added to (null: not wanted).</param>
    [TangentOf(nameof(RowsPullback))]
    public static void RowsPullbackTangent(Tensor x, int start, int count, Tensor dResult, Tensor dx, Tensor? xDot, Tensor? dResultDot, Tensor? dxDot)
    {
        RowsPullback(x, start, count, dResult, dx);
        if (dResultDot is not null)
        {
            RowsPullback(x, start, count, dResultDot, dxDot!);
        }
    }
}
