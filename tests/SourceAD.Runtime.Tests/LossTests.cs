namespace SourceAD.Runtime.Tests;

public sealed class LossTests
{
    [Fact]
    public void CrossEntropy_MatchesNaiveMeanNegativeLogLikelihood()
    {
        Tensor logits = Tensor.FromArray([1, 2, 3, 0.5f, -1, 2, 800, 801, 799], 3, 3);
        int[] labels = [2, 0, 1];
        double total = 0;
        for (int b = 0; b < 3; b++)
        {
            double[] row = Enumerable.Range(0, 3).Select(c => (double)logits[b, c]).ToArray();
            double max = row.Max();
            total += max + Math.Log(row.Sum(v => Math.Exp(v - max))) - row[labels[b]];
        }
        Assert.Equal(total / 3, Tensor.CrossEntropy(logits, labels), 5);
    }

    [Fact]
    public void CrossEntropy_OfUniformLogits_IsLogClasses()
    {
        Assert.Equal(Math.Log(10), Tensor.CrossEntropy(Tensor.Zeros(4, 10), [0, 3, 9, 5]), 5);
    }

    [Fact]
    public void CrossEntropyPullback_MatchesFiniteDifferences()
    {
        Tensor logits = Reference.Uniform(5, 0f, 3f, signed: true, 4, 5);
        int[] labels = [4, 0, 2, 2];
        PullbackCheck.RunScalar([logits], v => Tensor.CrossEntropy(v[0], labels), (v, dr, d) => Tensor.CrossEntropyPullback(v[0], labels, dr, d[0]));
    }

    [Fact]
    public void CrossEntropy_RejectsMismatchedLabels()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.CrossEntropy(Tensor.Zeros(2, 3), [0]));
        Assert.Contains("CrossEntropy", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.CrossEntropy(Tensor.Zeros(2, 3), [0, 3]));
        Assert.Throws<ArgumentException>(() => Tensor.CrossEntropy(Tensor.Zeros(6), [0]));
    }

    [Fact]
    public void MeanSquaredError_MatchesNaive()
    {
        Tensor p = Reference.Uniform(6, 0f, 2f, signed: true, 3, 4), t = Reference.Uniform(7, 0f, 2f, signed: true, 3, 4);
        double expected = p.ToArray().Zip(t.ToArray(), (a, b) => (double)(a - b) * (a - b)).Average();
        Assert.Equal(expected, Tensor.MeanSquaredError(p, t), 5);
    }

    [Fact]
    public void MeanSquaredErrorPullback_MatchesFiniteDifferences()
    {
        Tensor p = Reference.Uniform(8, 0f, 2f, signed: true, 2, 3), t = Reference.Uniform(9, 0f, 2f, signed: true, 2, 3);
        PullbackCheck.RunScalar([p, t], v => Tensor.MeanSquaredError(v[0], v[1]), (v, dr, d) => Tensor.MeanSquaredErrorPullback(v[0], v[1], dr, d[0], d[1]));
    }

    [Fact]
    public void MeanSquaredError_RejectsDifferentShapes()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.MeanSquaredError(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Equal("MeanSquaredError: shapes differ: [2, 3] and [3, 2]", e.Message);
    }
}
