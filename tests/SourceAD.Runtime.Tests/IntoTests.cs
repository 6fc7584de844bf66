namespace SourceAD.Runtime.Tests;

/// <summary>The operations that write into a caller's tensor give the allocating operations' results, and check the destination.</summary>
public sealed class IntoTests
{
    private static readonly Random Rng = new(11);

    [Fact]
    public void MatMulIntoIsMatMul()
    {
        Tensor a = Tensor.RandomNormal(Rng, 1, 7, 5), b = Tensor.RandomNormal(Rng, 1, 5, 3), destination = Tensor.Full(9f, 7, 3);
        Assert.Same(destination, Tensor.MatMulInto(destination, a, b));
        Assert.Equal(Tensor.MatMul(a, b).ToArray(), destination.ToArray());
        Assert.Throws<ArgumentException>(() => Tensor.MatMulInto(Tensor.Zeros(3, 7), a, b));
        Tensor square = Tensor.RandomNormal(Rng, 1, 3, 3);
        Assert.Throws<ArgumentException>(() => Tensor.MatMulInto(square, square, square));
    }

    [Fact]
    public void AddIntoBroadcastsAndWorksInPlace()
    {
        Tensor a = Tensor.RandomNormal(Rng, 1, 4, 6), row = Tensor.RandomNormal(Rng, 1, 6);
        Tensor expected = a + row;
        Assert.Equal(expected.ToArray(), Tensor.AddInto(Tensor.Zeros(4, 6), a, row).ToArray());
        Assert.Equal(expected.ToArray(), Tensor.AddInto(a, a, row).ToArray());
        Assert.Throws<ArgumentException>(() => Tensor.AddInto(row, a, row));
    }

    [Fact]
    public void SigmoidIntoIsSigmoid()
    {
        Tensor x = Tensor.RandomNormal(Rng, 2, 3, 4);
        Tensor expected = Tensor.Sigmoid(x);
        Assert.Equal(expected.ToArray(), Tensor.SigmoidInto(Tensor.Zeros(3, 4), x).ToArray());
        Assert.Equal(expected.ToArray(), Tensor.SigmoidInto(x, x).ToArray());
        Assert.Throws<ArgumentException>(() => Tensor.SigmoidInto(Tensor.Zeros(4, 3), x));
    }
}
