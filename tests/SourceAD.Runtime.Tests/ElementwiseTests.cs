namespace SourceAD.Runtime.Tests;

public sealed class ElementwiseTests
{
    public enum Op { Add, Subtract, Multiply, Divide }

    private static readonly int[][][] ShapePairs =
    [
        [[3, 4], [3, 4]],
        [[3, 4], [4]],
        [[4], [3, 4]],
        [[3, 4], []],
        [[], [3, 4]],
        [[2, 3, 4], [3, 4]],
        [[5], [5]],
    ];

    public static TheoryData<Op, int> Cases()
    {
        var data = new TheoryData<Op, int>();
        foreach (Op op in Enum.GetValues<Op>())
        {
            for (int i = 0; i < ShapePairs.Length; i++)
            {
                data.Add(op, i);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_MatchesNaiveBroadcast(Op op, int pair)
    {
        (Tensor a, Tensor b) = Operands(pair);
        Tensor result = Apply(op, a, b);
        int length = Math.Max(a.Length, b.Length);
        Assert.Equal((a.Length >= b.Length ? a : b).Shape.ToArray(), result.Shape.ToArray());
        double[] expected = Enumerable.Range(0, length).Select(i => Scalar(op, a.Span[i % a.Length], b.Span[i % b.Length])).ToArray();
        Reference.AssertClose(result.Span, expected, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pullback_MatchesFiniteDifferences(Op op, int pair)
    {
        (Tensor a, Tensor b) = Operands(pair);
        PullbackCheck.Run([a, b], v => Apply(op, v[0], v[1]), (v, r, dr, d) =>
        {
            switch (op)
            {
                case Op.Add: Tensor.AddPullback(v[0], v[1], dr, d[0], d[1]); break;
                case Op.Subtract: Tensor.SubtractPullback(v[0], v[1], dr, d[0], d[1]); break;
                case Op.Multiply: Tensor.MultiplyPullback(v[0], v[1], dr, d[0], d[1]); break;
                default: Tensor.DividePullback(v[0], v[1], r, dr, d[0], d[1]); break;
            }
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OperatorPullback_MatchesFiniteDifferences(Op op, int pair)
    {
        (Tensor a, Tensor b) = Operands(pair);
        Func<Tensor[], Tensor> forward = op switch
        {
            Op.Add => v => v[0] + v[1],
            Op.Subtract => v => v[0] - v[1],
            Op.Multiply => v => v[0] * v[1],
            _ => v => v[0] / v[1],
        };
        PullbackCheck.Run([a, b], forward, (v, r, dr, d) =>
        {
            switch (op)
            {
                case Op.Add: Tensor.AdditionOperatorPullback(v[0], v[1], dr, d[0], d[1]); break;
                case Op.Subtract: Tensor.SubtractionOperatorPullback(v[0], v[1], dr, d[0], d[1]); break;
                case Op.Multiply: Tensor.MultiplyOperatorPullback(v[0], v[1], dr, d[0], d[1]); break;
                default: Tensor.DivisionOperatorPullback(v[0], v[1], r, dr, d[0], d[1]); break;
            }
        });
    }

    [Theory]
    [InlineData(Op.Add)]
    [InlineData(Op.Subtract)]
    [InlineData(Op.Multiply)]
    [InlineData(Op.Divide)]
    public void ScalarOperands_MatchNaiveAndFiniteDifferences(Op op)
    {
        Tensor x = Reference.Uniform(1, 0.5f, 2f, signed: true, 2, 3);
        Tensor s = Tensor.Scalar(-1.3f);

        // Forward, with the float on either side, through the methods and the operators.
        float value = s.Item();
        double[] right = x.ToArray().Select(v => Scalar(op, v, value)).ToArray();
        double[] left = x.ToArray().Select(v => Scalar(op, value, v)).ToArray();
        (Tensor TensorFloat, Tensor FloatTensor, Tensor OpTensorFloat, Tensor OpFloatTensor) results = op switch
        {
            Op.Add => (Tensor.Add(x, value), Tensor.Add(value, x), x + value, value + x),
            Op.Subtract => (Tensor.Subtract(x, value), Tensor.Subtract(value, x), x - value, value - x),
            Op.Multiply => (Tensor.Multiply(x, value), Tensor.Multiply(value, x), x * value, value * x),
            _ => (Tensor.Divide(x, value), Tensor.Divide(value, x), x / value, value / x),
        };
        Reference.AssertClose(results.TensorFloat.Span, right, 1e-6);
        Reference.AssertClose(results.OpTensorFloat.Span, right, 1e-6);
        Reference.AssertClose(results.FloatTensor.Span, left, 1e-6);
        Reference.AssertClose(results.OpFloatTensor.Span, left, 1e-6);

        // Pullbacks: the float's adjoint is carried in a rank-0 tensor by the harness.
        PullbackCheck.Run([x, s], v => Apply(op, v[0], v[1].Item()), (v, r, dr, d) =>
        {
            float ds = d[1].Item();
            switch (op)
            {
                case Op.Add: Tensor.AddPullback(v[0], v[1].Item(), dr, d[0], ref ds); break;
                case Op.Subtract: Tensor.SubtractPullback(v[0], v[1].Item(), dr, d[0], ref ds); break;
                case Op.Multiply: Tensor.MultiplyPullback(v[0], v[1].Item(), dr, d[0], ref ds); break;
                default: Tensor.DividePullback(v[0], v[1].Item(), r, dr, d[0], ref ds); break;
            }
            d[1].Span[0] = ds;
        });
        PullbackCheck.Run([s, x], v => Apply(op, v[0].Item(), v[1]), (v, r, dr, d) =>
        {
            float ds = d[0].Item();
            switch (op)
            {
                case Op.Add: Tensor.AdditionOperatorPullback(v[0].Item(), v[1], dr, ref ds, d[1]); break;
                case Op.Subtract: Tensor.SubtractionOperatorPullback(v[0].Item(), v[1], dr, ref ds, d[1]); break;
                case Op.Multiply: Tensor.MultiplyOperatorPullback(v[0].Item(), v[1], dr, ref ds, d[1]); break;
                default: Tensor.DivisionOperatorPullback(v[0].Item(), v[1], r, dr, ref ds, d[1]); break;
            }
            d[0].Span[0] = ds;
        });
    }

    [Fact]
    public void Negate_ForwardAndPullback()
    {
        Tensor x = Reference.Uniform(2, 0.1f, 1f, signed: true, 3, 2);
        Assert.Equal(x.ToArray().Select(v => -v).ToArray(), (-x).ToArray());
        PullbackCheck.Run([x], v => -v[0], (v, _, dr, d) => Tensor.UnaryNegationOperatorPullback(v[0], dr, d[0]));
        PullbackCheck.Run([x], v => Tensor.Negate(v[0]), (v, _, dr, d) => Tensor.NegatePullback(v[0], dr, d[0]));
    }

    [Fact]
    public void IncompatibleShapes_ThrowNamingOpAndShapes()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tensor.Add(Tensor.Zeros(2, 3), Tensor.Zeros(2)));
        Assert.Equal("Add: shapes are not broadcast-compatible: [2, 3] and [2]", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 2) / Tensor.Zeros(3));
        Assert.StartsWith("Divide:", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MultiplyPullback(Tensor.Zeros(3), Tensor.Zeros(3), Tensor.Zeros(3), Tensor.Zeros(3), Tensor.Zeros(2)));
        Assert.Contains("Multiply", e.Message);
        Assert.Contains("db", e.Message);
    }

    private static (Tensor A, Tensor B) Operands(int pair) =>
        (Reference.Uniform(10 + pair, 0.5f, 2f, signed: true, ShapePairs[pair][0]),
         Reference.Uniform(20 + pair, 0.5f, 2f, signed: true, ShapePairs[pair][1]));

    private static Tensor Apply(Op op, Tensor a, Tensor b) => op switch
    {
        Op.Add => Tensor.Add(a, b),
        Op.Subtract => Tensor.Subtract(a, b),
        Op.Multiply => Tensor.Multiply(a, b),
        _ => Tensor.Divide(a, b),
    };

    private static Tensor Apply(Op op, Tensor a, float b) => op switch
    {
        Op.Add => Tensor.Add(a, b),
        Op.Subtract => Tensor.Subtract(a, b),
        Op.Multiply => Tensor.Multiply(a, b),
        _ => Tensor.Divide(a, b),
    };

    private static Tensor Apply(Op op, float a, Tensor b) => op switch
    {
        Op.Add => a + b,
        Op.Subtract => a - b,
        Op.Multiply => a * b,
        _ => a / b,
    };

    private static double Scalar(Op op, double a, double b) => op switch
    {
        Op.Add => a + b,
        Op.Subtract => a - b,
        Op.Multiply => a * b,
        _ => a / b,
    };
}
