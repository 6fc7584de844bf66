using NumericsTensor = System.Numerics.Tensors.Tensor;

namespace SourceAD.Runtime.Tests;

public sealed class TensorTests
{
    [Fact]
    public void Zeros_HasShapeRankAndLength()
    {
        Tensor t = Tensor.Zeros(2, 3, 4);
        Assert.Equal([2, 3, 4], t.Shape.ToArray());
        Assert.Equal(3, t.Rank);
        Assert.Equal(24, t.Length);
        Assert.All(t.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Scalar_IsRankZeroWithOneElement()
    {
        Tensor s = Tensor.Scalar(2.5f);
        Assert.Equal(0, s.Rank);
        Assert.Equal(1, s.Length);
        Assert.Equal(2.5f, s.Item());
    }

    [Fact]
    public void FromArray_CopiesAndIsRowMajor()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        Tensor t = Tensor.FromArray(data, 2, 3);
        data[0] = 100;
        Assert.Equal(1f, t[0, 0]);
        Assert.Equal(6f, t[1, 2]);
        Assert.Equal(4f, t[1, 0]);
        t[1, 0] = 9;
        Assert.Equal(9f, t.Span[3]);
    }

    [Fact]
    public void Indexer_ChecksRankAndBounds()
    {
        Tensor v = Tensor.FromArray([1, 2, 3], 3);
        Assert.Equal(3f, v[2]);
        Assert.Throws<IndexOutOfRangeException>(() => v[3]);
        Assert.Throws<InvalidOperationException>(() => v[0, 0]);
        Tensor m = Tensor.Zeros(2, 2);
        Assert.Throws<IndexOutOfRangeException>(() => m[0, 2]);
        Assert.Throws<InvalidOperationException>(() => m[0]);
    }

    [Fact]
    public void Factories_RejectInvalidShapes()
    {
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(1, 2, 3, 4, 5));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(-1));
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.FromArray([1, 2, 3], 2, 2));
        Assert.Contains("[2, 2]", e.Message);
    }

    [Fact]
    public void Item_RequiresOneElement()
    {
        Assert.Equal(7f, Tensor.Full(7, 1, 1).Item());
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2).Item());
    }

    [Fact]
    public void ZerosLike_HasSameShapeAndNewStorage()
    {
        Tensor t = Tensor.Full(3, 2, 5);
        Tensor z = Tensor.ZerosLike(t);
        Assert.Equal(t.Shape.ToArray(), z.Shape.ToArray());
        z.Span[0] = 1;
        Assert.Equal(3f, t.Span[0]);
        Assert.All(z.ToArray().Skip(1), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void RandomNormal_IsSeededAndHasRequestedMoments()
    {
        Tensor a = Tensor.RandomNormal(new Random(3), 0.5f, 200, 101);
        Tensor b = Tensor.RandomNormal(new Random(3), 0.5f, 200, 101);
        Assert.Equal(a.ToArray(), b.ToArray());
        double mean = a.ToArray().Average(v => (double)v);
        double std = Math.Sqrt(a.ToArray().Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(std, 0.49, 0.51);
    }

    [Fact]
    public void RandomUniform_StaysInRange()
    {
        float[] values = Tensor.RandomUniform(new Random(1), -2, 3, 1000).ToArray();
        Assert.All(values, v => Assert.InRange(v, -2f, 3f));
        Assert.InRange(values.Average(), 0.3, 0.7);
    }

    [Fact]
    public void Accumulate_AddsAndChecksShape()
    {
        Tensor t = Tensor.FromArray([1, 2, 3, 4], 2, 2);
        t.Accumulate(Tensor.FromArray([10, 20, 30, 40], 2, 2));
        Assert.Equal([11f, 22, 33, 44], t.ToArray());
        ArgumentException e = Assert.Throws<ArgumentException>(() => t.Accumulate(Tensor.Zeros(4)));
        Assert.Contains("Accumulate", e.Message);
        Assert.Contains("[2, 2]", e.Message);
        Assert.Contains("[4]", e.Message);
        t.Clear();
        Assert.All(t.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void InPlaceOperations_UpdateWithoutNewTensors()
    {
        Tensor t = Tensor.FromArray([1, 2, 3], 3);
        t.AddScaledInPlace(Tensor.FromArray([1, 1, 2], 3), -2);
        Assert.Equal([-1f, 0, -1], t.ToArray());
        t.ScaleInPlace(3);
        Assert.Equal([-3f, 0, -3], t.ToArray());
        t.CopyFrom(Tensor.FromArray([4, 5, 6], 3));
        Assert.Equal([4f, 5, 6], t.ToArray());
        t.Fill(1);
        Assert.Equal([1f, 1, 1], t.ToArray());
        Assert.Throws<ArgumentException>(() => t.CopyFrom(Tensor.Zeros(2)));
    }

    [Fact]
    public void NumericsTensor_RoundTripsShapeAndValues()
    {
        Tensor t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        System.Numerics.Tensors.Tensor<float> n = t.ToNumericsTensor();
        Assert.Equal([(nint)3, 2], n.Lengths.ToArray());
        Assert.Equal(4f, n[1, 1]);
        Tensor back = Tensor.FromNumericsTensor(n);
        Assert.Equal(t.Shape.ToArray(), back.Shape.ToArray());
        Assert.Equal(t.ToArray(), back.ToArray());
    }

    [Fact]
    public void FromNumericsTensor_CopiesAStridedTensor()
    {
        System.Numerics.Tensors.Tensor<float> dense = NumericsTensor.Create([1f, 2, 3, 4, 5, 6], [2, 3]);
        System.Numerics.Tensors.Tensor<float> strided = NumericsTensor.Create([1f, 2, 3, 4, 5, 6], [3, 2], [1, 3]);
        Assert.Equal([1f, 2, 3, 4, 5, 6], Tensor.FromNumericsTensor(dense).ToArray());
        Assert.Equal([1f, 4, 2, 5, 3, 6], Tensor.FromNumericsTensor(strided).ToArray());
    }
}
