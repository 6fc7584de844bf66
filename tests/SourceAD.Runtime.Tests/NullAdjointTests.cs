namespace SourceAD.Runtime.Tests;

/// <summary>
/// Generated code passes null for the adjoint of an operand that needs no gradient: the pullback must skip it and
/// still accumulate the others exactly as when all are given.
/// </summary>
public sealed class NullAdjointTests
{
    public delegate void BinaryPullback(Tensor dResult, Tensor? da, Tensor? db);

    public static TheoryData<string> BinaryOps() => new() { "Add", "Subtract", "Multiply", "Divide", "MatMul", "MatMulTransposeA", "MatMulTransposeB", "MeanSquaredError" };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryPullback_SkipsANullAdjoint(string op)
    {
        (Tensor a, Tensor b, Tensor dResult, BinaryPullback pullback) = Binary(op);
        Tensor fullA = Tensor.ZerosLike(a), fullB = Tensor.ZerosLike(b), onlyA = Tensor.ZerosLike(a), onlyB = Tensor.ZerosLike(b);
        pullback(dResult, fullA, fullB);
        pullback(dResult, onlyA, null);
        pullback(dResult, null, onlyB);
        pullback(dResult, null, null);
        Assert.Equal(fullA.ToArray(), onlyA.ToArray());
        Assert.Equal(fullB.ToArray(), onlyB.ToArray());
        Assert.Contains(fullA.ToArray(), v => v != 0);
        Assert.Contains(fullB.ToArray(), v => v != 0);
    }

    [Fact]
    public void UnaryPullbacks_AcceptANullAdjoint()
    {
        Tensor x = Reference.Uniform(1, 0.5f, 1f, signed: false, 2, 3), d = Tensor.Full(1, 2, 3);
        Tensor.ExpPullback(x, Tensor.Exp(x), d, null!);
        Tensor.LogPullback(x, d, null!);
        Tensor.SquarePullback(x, d, null!);
        Tensor.SigmoidPullback(x, Tensor.Sigmoid(x), d, null!);
        Tensor.TanhPullback(x, Tensor.Tanh(x), d, null!);
        Tensor.ReluPullback(x, d, null!);
        Tensor.SoftmaxPullback(x, Tensor.Softmax(x), d, null!);
        Tensor.LogSoftmaxPullback(x, Tensor.LogSoftmax(x), d, null!);
        Tensor.NegatePullback(x, d, null!);
        Tensor.TransposePullback(x, Tensor.Full(1, 3, 2), null!);
        Tensor.ReshapePullback(x, [6], Tensor.Full(1, 6), null!);
        Tensor.RowsPullback(x, 1, 1, Tensor.Full(1, 1, 3), null!);
        Tensor.SumPullback(x, 1f, null!);
        Tensor.MeanPullback(x, 1f, null!);
        Tensor.SumPullback(x, 0, Tensor.Full(1, 3), null!);
        Tensor.MeanPullback(x, 1, Tensor.Full(1, 2), null!);
        Tensor.SumOfSquaresPullback(x, 1f, null!);
        Tensor.CrossEntropyPullback(x, [0, 2], 1f, null!);
        float ds = 0;
        Tensor.MultiplyPullback(x, 2f, d, null!, ref ds);
        Assert.Equal(Tensor.Sum(x), ds, 5);
    }

    private static (Tensor A, Tensor B, Tensor DResult, BinaryPullback Pullback) Binary(string op)
    {
        Tensor m34 = Reference.Uniform(1, 0.5f, 2f, signed: true, 3, 4), v4 = Reference.Uniform(2, 0.5f, 2f, signed: true, 4);
        Tensor m42 = Reference.Uniform(3, 0.5f, 2f, signed: true, 4, 2), m32 = Reference.Uniform(4, 0.5f, 2f, signed: true, 3, 2);
        Tensor m24 = Reference.Uniform(5, 0.5f, 2f, signed: true, 2, 4), d34 = Reference.Uniform(6, 0.5f, 2f, signed: true, 3, 4);
        Tensor d32 = Reference.Uniform(7, 0.5f, 2f, signed: true, 3, 2), d42 = Reference.Uniform(8, 0.5f, 2f, signed: true, 4, 2);
        Tensor m34b = Reference.Uniform(9, 0.5f, 2f, signed: true, 3, 4);
        return op switch
        {
            "Add" => (m34, v4, d34, (d, da, db) => Tensor.AddPullback(m34, v4, d, da!, db!)),
            "Subtract" => (m34, v4, d34, (d, da, db) => Tensor.SubtractPullback(m34, v4, d, da!, db!)),
            "Multiply" => (m34, v4, d34, (d, da, db) => Tensor.MultiplyPullback(m34, v4, d, da!, db!)),
            "Divide" => (m34, v4, d34, (d, da, db) => Tensor.DividePullback(m34, v4, Tensor.Divide(m34, v4), d, da!, db!)),
            "MatMul" => (m34, m42, d32, (d, da, db) => Tensor.MatMulPullback(m34, m42, d, da!, db!)),
            "MatMulTransposeA" => (m34, m32, d42, (d, da, db) => Tensor.MatMulTransposeAPullback(m34, m32, d, da!, db!)),
            "MatMulTransposeB" => (m34, m24, d32, (d, da, db) => Tensor.MatMulTransposeBPullback(m34, m24, d, da!, db!)),
            _ => (m34, m34b, Tensor.Scalar(1.5f), (d, da, db) => Tensor.MeanSquaredErrorPullback(m34, m34b, d.Item(), da!, db!)),
        };
    }
}
