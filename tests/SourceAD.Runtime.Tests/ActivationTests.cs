namespace SourceAD.Runtime.Tests;

public sealed class ActivationTests
{
    public enum Unary { Exp, Log, Square, Sigmoid, Tanh, Relu }

    [Theory]
    [InlineData(Unary.Exp)]
    [InlineData(Unary.Log)]
    [InlineData(Unary.Square)]
    [InlineData(Unary.Sigmoid)]
    [InlineData(Unary.Tanh)]
    [InlineData(Unary.Relu)]
    public void Forward_MatchesClosedForm(Unary op)
    {
        Tensor x = Input(op);
        Func<double, double> reference = op switch
        {
            Unary.Exp => Math.Exp,
            Unary.Log => Math.Log,
            Unary.Square => v => v * v,
            Unary.Sigmoid => v => 1 / (1 + Math.Exp(-v)),
            Unary.Tanh => Math.Tanh,
            _ => v => Math.Max(v, 0),
        };
        Tensor y = Apply(op, x);
        Assert.Equal(x.Shape.ToArray(), y.Shape.ToArray());
        Reference.AssertClose(y.Span, x.ToArray().Select(v => reference(v)).ToArray(), 1e-6);
    }

    [Theory]
    [InlineData(Unary.Exp)]
    [InlineData(Unary.Log)]
    [InlineData(Unary.Square)]
    [InlineData(Unary.Sigmoid)]
    [InlineData(Unary.Tanh)]
    [InlineData(Unary.Relu)]
    public void Pullback_MatchesFiniteDifferences(Unary op)
    {
        PullbackCheck.Run([Input(op)], v => Apply(op, v[0]), (v, r, dr, d) =>
        {
            switch (op)
            {
                case Unary.Exp: Tensor.ExpPullback(v[0], r, dr, d[0]); break;
                case Unary.Log: Tensor.LogPullback(v[0], dr, d[0]); break;
                case Unary.Square: Tensor.SquarePullback(v[0], dr, d[0]); break;
                case Unary.Sigmoid: Tensor.SigmoidPullback(v[0], r, dr, d[0]); break;
                case Unary.Tanh: Tensor.TanhPullback(v[0], r, dr, d[0]); break;
                default: Tensor.ReluPullback(v[0], dr, d[0]); break;
            }
        });
    }

    [Fact]
    public void Softmax_MatchesNaiveRowsAndIsStableForLargeLogits()
    {
        Tensor x = Tensor.FromArray([1, 2, 3, 1000, 1001, 999, -5, 0, 5], 3, 3);
        Tensor y = Tensor.Softmax(x);
        var expected = new List<double>();
        for (int r = 0; r < 3; r++)
        {
            double[] row = Enumerable.Range(0, 3).Select(c => (double)x[r, c]).ToArray();
            double max = row.Max();
            double z = row.Sum(v => Math.Exp(v - max));
            expected.AddRange(row.Select(v => Math.Exp(v - max) / z));
        }
        Reference.AssertClose(y.Span, expected, 1e-6);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void LogSoftmax_MatchesNaiveRowsAndIsStableForLargeLogits()
    {
        Tensor x = Tensor.FromArray([1, 2, 3, 4, 1000, 1001, 999, 998], 2, 4);
        Tensor y = Tensor.LogSoftmax(x);
        var expected = new List<double>();
        for (int r = 0; r < 2; r++)
        {
            double[] row = Enumerable.Range(0, 4).Select(c => (double)x[r, c]).ToArray();
            double max = row.Max();
            double lse = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            expected.AddRange(row.Select(v => v - lse));
        }
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], y.Span[i], 1e-4);
        }
    }

    [Theory]
    [InlineData(new[] { 5 })]
    [InlineData(new[] { 3, 4 })]
    [InlineData(new[] { 2, 2, 3 })]
    public void SoftmaxPullbacks_MatchFiniteDifferences(int[] shape)
    {
        Tensor x = Reference.Uniform(4, 0f, 2f, signed: true, shape);
        PullbackCheck.Run([x], v => Tensor.Softmax(v[0]), (v, r, dr, d) => Tensor.SoftmaxPullback(v[0], r, dr, d[0]));
        PullbackCheck.Run([x], v => Tensor.LogSoftmax(v[0]), (v, r, dr, d) => Tensor.LogSoftmaxPullback(v[0], r, dr, d[0]));
    }

    [Fact]
    public void Softmax_RejectsScalars()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.Softmax(Tensor.Scalar(1)));
        Assert.StartsWith("Softmax:", e.Message);
    }

    /// <summary>Inputs inside each function's domain and, for ReLU, away from the kink at 0.</summary>
    private static Tensor Input(Unary op) => op switch
    {
        Unary.Log => Reference.Uniform(3, 0.3f, 3f, signed: false, 3, 5),
        Unary.Relu => Reference.Uniform(3, 0.05f, 2f, signed: true, 3, 7),
        _ => Reference.Uniform(3, 0f, 2f, signed: true, 3, 5),
    };

    private static Tensor Apply(Unary op, Tensor x) => op switch
    {
        Unary.Exp => Tensor.Exp(x),
        Unary.Log => Tensor.Log(x),
        Unary.Square => Tensor.Square(x),
        Unary.Sigmoid => Tensor.Sigmoid(x),
        Unary.Tanh => Tensor.Tanh(x),
        _ => Tensor.Relu(x),
    };
}
