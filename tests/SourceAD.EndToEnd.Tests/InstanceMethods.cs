using SourceAD.EndToEnd.Tests.Support;

namespace SourceAD.EndToEnd.Tests;

/// <summary>A class model: its loss is an instance method that calls another, and reads a computed property.</summary>
public partial class Line
{
    public double W;

    public double B { get; set; }

    public int Evaluations;

    /// <summary>Inlined where a differentiable method reads it.</summary>
    public double Intercept => B;

    [Differentiable]
    public double Predict(double x) => W * x + Intercept;

    [Differentiable]
    public double Loss(double x, [NoDiff] double t)
    {
        double e = Predict(x) - t;
        return 0.5 * e * e;
    }
}

/// <summary>A struct model whose methods call each other, on itself and on another instance.</summary>
public partial struct Quadratic
{
    public double A, B, C;

    [Differentiable]
    public readonly double Eval(double x) => A * x * x + B * x + C;

    [Differentiable]
    public readonly double Twice(double x, Quadratic other) => Eval(x) + this.Eval(2 * x) * other.Eval(x);
}

/// <summary>A class whose members are a tensor layer, a buffer and a nested class.</summary>
public partial class TinyNet
{
    public Tensor Weights = Tensor.Zeros(1);

    public double[] Offsets = [];

    public Scale Output = new();

    [Differentiable]
    public float Loss([NoDiff] Tensor x, [NoDiff] Tensor y)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, Weights));
        return (float)(Output.Factor * Offsets[0] + Offsets[1]) * Tensor.SumOfSquares(hidden - y);
    }
}

public sealed class Scale
{
    public double Factor;
}

public class InstanceMethods
{
    private static void AssertGradCheck(Func<double[], double> function, Func<double[], double[]> gradient, double[] point, double tolerance = 1e-6, double step = GradCheck.DefaultStep)
    {
        GradCheckReport report = GradCheck.Run(function, gradient, point, step: step);
        Assert.True(report.Passed(tolerance), report.ToString());
    }

    [Fact]
    public void ClassInstanceGradientIsWrittenIntoACallerAllocatedInstance()
    {
        var line = new Line { W = 2, B = 0.5, Evaluations = 3 };
        var dThis = new Line { W = 100, B = 100 };
        double loss = line.LossBackward(1.5, 1.0, dThis, out double dx);
        double e = 2 * 1.5 + 0.5 - 1.0;
        GradientAssert.Close(0.5 * e * e, loss);
        GradientAssert.Near([dThis.W, dThis.B, dx], 1e-14, e * 1.5, e, e * 2);
        Assert.Equal(0, dThis.Evaluations);

        Line zero = LineGradients.ZerosLike(line);
        line.LossPullback(1.5, 1.0, 2.0, zero, ref dx);
        GradientAssert.Near([zero.W, zero.B], 1e-14, 2 * e * 1.5, 2 * e);
        Assert.Throws<ArgumentNullException>(() => line.LossBackward(1.5, 1.0, null!, out _));
    }

    [Fact]
    public void StructInstanceGradientIsAnOutValueAndMethodsCompose()
    {
        static Quadratic Q(double[] p, int at) => new() { A = p[at], B = p[at + 1], C = p[at + 2] };
        double[] point = [0.5, -1.0, 2.0, 1.5, 0.25, -0.75, 0.8];
        AssertGradCheck(
            p => Q(p, 0).Twice(p[6], Q(p, 3)),
            p =>
            {
                Q(p, 0).TwiceBackward(p[6], Q(p, 3), out Quadratic dThis, out double dx, out Quadratic dother);
                return [dThis.A, dThis.B, dThis.C, dother.A, dother.B, dother.C, dx];
            },
            point);
        var q = new Quadratic { A = 1, B = 2, C = 3 };
        q.EvalBackward(2, out Quadratic dq, out double dxq);
        GradientAssert.Near([dq.A, dq.B, dq.C, dxq], 1e-14, 4, 2, 1, 2 * 2 + 2);
        q.EvalTangent(2, new Quadratic { A = 1 }, 0, out double tangent);
        GradientAssert.Close(4, tangent);
    }

    [Fact]
    public void ClassModelWithTensorBufferAndNestedClassMembers()
    {
        var rng = new Random(3);
        Tensor x = Tensor.RandomNormal(rng, 1, 4, 3), y = Tensor.RandomUniform(rng, 0, 1, 4, 2);
        var net = new TinyNet { Weights = Tensor.RandomNormal(rng, 0.5f, 3, 2), Offsets = [0.7, 0.2], Output = new Scale { Factor = 1.3 } };
        TinyNet gradient = TinyNetGradients.ZerosLike(net);
        Assert.Equal([3, 2], gradient.Weights.Shape.ToArray());
        Assert.NotSame(net.Output, gradient.Output);
        net.LossBackward(x, y, gradient);

        // Central differences over every differentiable member, flattened: the weights, the offsets, the factor.
        double[] point = [.. net.Weights.Span.ToArray().Select(v => (double)v), .. net.Offsets, net.Output.Factor];
        TinyNet At(double[] p) => new()
        {
            Weights = Tensor.FromArray(p[..6].Select(v => (float)v).ToArray(), 3, 2),
            Offsets = p[6..8],
            Output = new Scale { Factor = p[8] },
        };
        AssertGradCheck(
            p => At(p).Loss(x, y),
            p =>
            {
                TinyNet model = At(p), g = TinyNetGradients.ZerosLike(model);
                model.LossBackward(x, y, g);
                return [.. g.Weights.Span.ToArray().Select(v => (double)v), .. g.Offsets, g.Output.Factor];
            },
            point, tolerance: 2e-3, step: 1e-3);

        gradient.Offsets = null!;
        var error = Assert.Throws<ArgumentException>(() => net.LossBackward(x, y, gradient));
        Assert.Contains("dThis.Offsets", error.Message);
    }
}
