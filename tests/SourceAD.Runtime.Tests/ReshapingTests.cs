namespace SourceAD.Runtime.Tests;

public sealed class ReshapingTests
{
    [Fact]
    public void Transpose_SwapsIndices()
    {
        Tensor x = Reference.Uniform(1, 0f, 1f, signed: true, 37, 45);
        Tensor y = Tensor.Transpose(x);
        Assert.Equal([45, 37], y.Shape.ToArray());
        for (int i = 0; i < 37; i++)
        {
            for (int j = 0; j < 45; j++)
            {
                Assert.Equal(x[i, j], y[j, i]);
            }
        }
        PullbackCheck.Run([Reference.Uniform(2, 0f, 1f, signed: true, 3, 5)], v => Tensor.Transpose(v[0]), (v, _, dr, d) => Tensor.TransposePullback(v[0], dr, d[0]));
        Assert.Throws<ArgumentException>(() => Tensor.Transpose(Tensor.Zeros(3)));
    }

    [Fact]
    public void Reshape_KeepsRowMajorOrderAndInfersOneDimension()
    {
        Tensor x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Tensor y = Tensor.Reshape(x, 3, -1);
        Assert.Equal([3, 2], y.Shape.ToArray());
        Assert.Equal(x.ToArray(), y.ToArray());
        y.Span[0] = 9;
        Assert.Equal(1f, x.Span[0]);
        PullbackCheck.Run([x], v => Tensor.Reshape(v[0], 6), (v, _, dr, d) => Tensor.ReshapePullback(v[0], [6], dr, d[0]));
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.Reshape(x, 4, 2));
        Assert.Equal("Reshape: cannot reshape [2, 3] to [4, 2] (Parameter 'shape')", e.Message);
    }

    [Fact]
    public void Rows_CopiesAMiniBatch()
    {
        Tensor x = Reference.Uniform(3, 0f, 1f, signed: true, 6, 2, 2);
        Tensor batch = Tensor.Rows(x, 2, 3);
        Assert.Equal([3, 2, 2], batch.Shape.ToArray());
        Assert.Equal(x.ToArray().Skip(8).Take(12).ToArray(), batch.ToArray());
        PullbackCheck.Run([x], v => Tensor.Rows(v[0], 2, 3), (v, _, dr, d) => Tensor.RowsPullback(v[0], 2, 3, dr, d[0]));
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.Rows(x, 5, 2));
        Assert.Equal("Rows: rows [5, 7) out of range for shape [6, 2, 2]", e.Message);
    }
}
