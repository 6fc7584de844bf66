namespace SourceAD.Runtime.Tests;

public sealed class ReductionTests
{
    [Fact]
    public void SumMeanAndSumOfSquares_MatchNaive()
    {
        Tensor x = Reference.Uniform(1, 0f, 2f, signed: true, 3, 4, 5);
        double[] values = x.ToArray().Select(v => (double)v).ToArray();
        Assert.Equal(values.Sum(), Tensor.Sum(x), 4);
        Assert.Equal(values.Average(), Tensor.Mean(x), 5);
        Assert.Equal(values.Sum(v => v * v), Tensor.SumOfSquares(x), 4);
    }

    [Fact]
    public void FloatReductionPullbacks_MatchFiniteDifferences()
    {
        Tensor x = Reference.Uniform(2, 0f, 2f, signed: true, 4, 3);
        PullbackCheck.RunScalar([x], v => Tensor.Sum(v[0]), (v, dr, d) => Tensor.SumPullback(v[0], dr, d[0]));
        PullbackCheck.RunScalar([x], v => Tensor.Mean(v[0]), (v, dr, d) => Tensor.MeanPullback(v[0], dr, d[0]));
        PullbackCheck.RunScalar([x], v => Tensor.SumOfSquares(v[0]), (v, dr, d) => Tensor.SumOfSquaresPullback(v[0], dr, d[0]));
    }

    public static TheoryData<int[], int> AxisCases() => new()
    {
        { [5], 0 },
        { [3, 4], 0 },
        { [3, 4], 1 },
        { [3, 4], -1 },
        { [2, 3, 4], 1 },
        { [2, 3, 4, 2], 2 },
        { [2, 3, 4, 2], 3 },
    };

    [Theory]
    [MemberData(nameof(AxisCases))]
    public void AxisReductions_MatchNaive(int[] shape, int axis)
    {
        Tensor x = Reference.Uniform(3, 0f, 2f, signed: true, shape);
        int a = axis < 0 ? axis + shape.Length : axis;
        int[] outShape = shape.Where((_, i) => i != a).ToArray();
        int outer = shape.Take(a).Aggregate(1, (p, d) => p * d), n = shape[a], inner = shape.Skip(a + 1).Aggregate(1, (p, d) => p * d);
        var expected = new double[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < inner; i++)
                {
                    expected[o * inner + i] += x.Span[(o * n + j) * inner + i];
                }
            }
        }
        Tensor sum = Tensor.Sum(x, axis), mean = Tensor.Mean(x, axis);
        Assert.Equal(outShape, sum.Shape.ToArray());
        Assert.Equal(outShape, mean.Shape.ToArray());
        Reference.AssertClose(sum.Span, expected, 1e-6);
        Reference.AssertClose(mean.Span, expected.Select(v => v / n).ToArray(), 1e-6);
    }

    [Theory]
    [MemberData(nameof(AxisCases))]
    public void AxisReductionPullbacks_MatchFiniteDifferences(int[] shape, int axis)
    {
        Tensor x = Reference.Uniform(4, 0f, 2f, signed: true, shape);
        PullbackCheck.Run([x], v => Tensor.Sum(v[0], axis), (v, _, dr, d) => Tensor.SumPullback(v[0], axis, dr, d[0]));
        PullbackCheck.Run([x], v => Tensor.Mean(v[0], axis), (v, _, dr, d) => Tensor.MeanPullback(v[0], axis, dr, d[0]));
    }

    [Fact]
    public void AxisOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Sum(Tensor.Zeros(2, 3), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Mean(Tensor.Scalar(1), 0));
    }
}
