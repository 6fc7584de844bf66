namespace SourceAD.Runtime.Tests;

public sealed class MatMulTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 13, 5)]
    [InlineData(257, 129, 65)]
    [InlineData(64, 64, 64)]
    public void Variants_MatchTripleLoop(int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        float[] a = Reference.RandomArray(rng, m * k), b = Reference.RandomArray(rng, k * n);
        Reference.AssertClose(Tensor.MatMul(Tensor.FromArray(a, m, k), Tensor.FromArray(b, k, n)).Span,
            Reference.MatMul(a, b, m, n, k, false, false), 1e-5);
        Reference.AssertClose(Tensor.MatMulTransposeA(Tensor.FromArray(a, k, m), Tensor.FromArray(b, k, n)).Span,
            Reference.MatMul(a, b, m, n, k, true, false), 1e-5);
        Reference.AssertClose(Tensor.MatMulTransposeB(Tensor.FromArray(a, m, k), Tensor.FromArray(b, n, k)).Span,
            Reference.MatMul(a, b, m, n, k, false, true), 1e-5);
    }

    [Theory]
    [InlineData(4, 3, 5)]
    [InlineData(1, 7, 2)]
    [InlineData(9, 1, 6)]
    public void Pullbacks_MatchFiniteDifferences(int m, int n, int k)
    {
        Tensor Rand(int seed, int rows, int columns) => Reference.Uniform(seed, 0f, 1f, signed: true, rows, columns);
        PullbackCheck.Run([Rand(1, m, k), Rand(2, k, n)], v => Tensor.MatMul(v[0], v[1]),
            (v, _, dr, d) => Tensor.MatMulPullback(v[0], v[1], dr, d[0], d[1]));
        PullbackCheck.Run([Rand(3, k, m), Rand(4, k, n)], v => Tensor.MatMulTransposeA(v[0], v[1]),
            (v, _, dr, d) => Tensor.MatMulTransposeAPullback(v[0], v[1], dr, d[0], d[1]));
        PullbackCheck.Run([Rand(5, m, k), Rand(6, n, k)], v => Tensor.MatMulTransposeB(v[0], v[1]),
            (v, _, dr, d) => Tensor.MatMulTransposeBPullback(v[0], v[1], dr, d[0], d[1]));
    }

    [Fact]
    public void Pullback_OfLargeProduct_MatchesReferenceGradients()
    {
        // dA = dC·Bᵀ and dB = Aᵀ·dC by the triple loop, on sizes that exercise blocking and threads.
        const int m = 150, n = 90, k = 300;
        var rng = new Random(9);
        float[] a = Reference.RandomArray(rng, m * k), b = Reference.RandomArray(rng, k * n), dc = Reference.RandomArray(rng, m * n);
        Tensor da = Tensor.Zeros(m, k), db = Tensor.Zeros(k, n);
        Tensor.MatMulPullback(Tensor.FromArray(a, m, k), Tensor.FromArray(b, k, n), Tensor.FromArray(dc, m, n), da, db);
        Reference.AssertClose(da.Span, Reference.MatMul(dc, b, m, k, n, false, true), 1e-5);
        Reference.AssertClose(db.Span, Reference.MatMul(a, dc, k, n, m, true, false), 1e-5);
    }

    [Fact]
    public void MismatchedShapes_ThrowNamingOpAndShapes()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Equal("MatMul: inner dimensions differ: [2, 3] × [4, 5]", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MatMulTransposeB(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Equal("MatMulTransposeB: inner dimensions differ: [2, 3] × [3, 2]", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Zeros(3), Tensor.Zeros(3, 2)));
        Assert.StartsWith("MatMul: operands must be matrices", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MatMulPullback(Tensor.Zeros(2, 3), Tensor.Zeros(3, 4), Tensor.Zeros(2, 4), Tensor.Zeros(3, 2), Tensor.Zeros(3, 4)));
        Assert.Contains("da", e.Message);
    }
}
