namespace SourceAD.Runtime.Tests;

/// <summary>The pool generated pullbacks take tensor adjoints from: reuse after dispose, cleared, nested scopes apart, per thread.</summary>
public sealed class AdjointPoolTests
{
    [Fact]
    public void ADisposedAdjointIsReusedClearedForTheSameShape()
    {
        Tensor shape = Tensor.Zeros(3, 4);
        Tensor first;
        AdjointPool<Tensor> pool = AdjointPool<Tensor>.Enter();
        first = pool.ZerosLike(shape);
        first.Span.Fill(7f);
        pool.Dispose();

        AdjointPool<Tensor> again = AdjointPool<Tensor>.Enter();
        Tensor reused = again.ZerosLike(shape);              // the last one freed is looked at first
        Tensor other = again.ZerosLike(Tensor.Zeros(4, 3));   // same length, other shape: never that one
        again.Dispose();
        Assert.Same(first, reused);
        Assert.NotSame(first, other);
        Assert.All(reused.ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal([3, 4], reused.Shape.ToArray());
    }

    [Fact]
    public void ANestedPoolNeverHandsOutItsCallersAdjoints()
    {
        Tensor shape = Tensor.Zeros(2, 2);
        AdjointPool<Tensor> outer = AdjointPool<Tensor>.Enter();
        Tensor a = outer.ZerosLike(shape);
        AdjointPool<Tensor> inner = AdjointPool<Tensor>.Enter();
        Tensor b = inner.ZerosLike(shape);
        inner.Dispose();
        Tensor c = outer.ZerosLike(shape);                    // b is free again, a is still the outer's
        outer.Dispose();
        Assert.NotSame(a, b);
        Assert.Same(b, c);
        Assert.NotSame(a, c);
    }

    [Fact]
    public void EachThreadHasItsOwnPool()
    {
        Tensor shape = Tensor.Zeros(5);
        Tensor mine;
        AdjointPool<Tensor> pool = AdjointPool<Tensor>.Enter();
        mine = pool.ZerosLike(shape);
        pool.Dispose();
        Tensor? theirs = null;
        var thread = new Thread(() =>
        {
            AdjointPool<Tensor> p = AdjointPool<Tensor>.Enter();
            theirs = p.ZerosLike(shape);
            p.Dispose();
        });
        thread.Start();
        thread.Join();
        Assert.NotSame(mine, theirs);
    }
}
