using SourceAD.EndToEnd.Tests.Support;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Models as values for the tools: a partial type with a [Differentiable] instance method implements
/// IDifferentiableModel, so GradCheck, Sgd and Adam take the model and its gradient without listing its members.
/// Checked against central differences and against the optimisers' update rules written out by hand.
/// </summary>
public class Models
{
    private static Line Gradient(Line line, double x, double t)
    {
        Line dThis = LineGradients.ZerosLike(line);
        line.LossBackward(x, t, dThis, out _);
        return dThis;
    }

    [Fact]
    public void GradCheckTakesAClassModelAndNamesItsMembers()
    {
        var line = new Line { W = 0.7, B = -0.3, Evaluations = 5 };
        GradCheckReport report = GradCheck.Run(m => m.Loss(1.5, 2.0), m => Gradient(m, 1.5, 2.0), line);
        Assert.True(report.Passed(1e-7), report.ToString());
        Assert.Equal(["W", "B"], report.Entries.Select(e => e.Name));
        // The members are restored after the check.
        Assert.Equal((0.7, -0.3, 5), (line.W, line.B, line.Evaluations));
    }

    [Fact]
    public void GradCheckTakesAStructModel()
    {
        var q = new Quadratic { A = 0.5, B = -1, C = 2 };
        GradCheckReport report = GradCheck.Run(m => m.Eval(1.3), m => { m.EvalBackward(1.3, out Quadratic d, out _); return d; }, q);
        Assert.True(report.Passed(1e-7), report.ToString());
        Assert.Equal(["A", "B", "C"], report.Entries.Select(e => e.Name));
    }

    [Fact]
    public void GradCheckReportsAWrongGradient()
    {
        var q = new Quadratic { A = 0.5, B = -1, C = 2 };
        GradCheckReport report = GradCheck.Run(m => m.Eval(1.3), m => { m.EvalBackward(1.3, out Quadratic d, out _); d.B *= 2; return d; }, q);
        Assert.False(report.Passed(1e-3));
        Assert.Equal("B", report.Worst.Name);
    }

    [Fact]
    public void SgdStepsEveryMemberOfAModel()
    {
        var line = new Line { W = 0.7, B = -0.3 };
        Line d = Gradient(line, 1.5, 2.0);
        new Sgd(0.25f).Step(line, d);
        GradientAssert.Close(0.7 - 0.25 * d.W, line.W, 1e-15);
        GradientAssert.Close(-0.3 - 0.25 * d.B, line.B, 1e-15);

        var q = new Quadratic { A = 1, B = 2, C = 3 };
        q.EvalBackward(2, out Quadratic dq, out _);
        new Sgd(0.5f).Step(ref q, dq);
        Assert.Equal((1 - 0.5 * 4, 2 - 0.5 * 2, 3 - 0.5 * 1), (q.A, q.B, q.C));
    }

    [Fact]
    public void SgdFitsALineThroughTheModelAlone()
    {
        var line = new Line { W = 0, B = 0 };
        double[] xs = [0, 1, 2, 3], ts = [1, 3, 5, 7];   // t = 2x + 1
        var sgd = new Sgd(0.05f);
        for (int epoch = 0; epoch < 400; epoch++)
        {
            for (int i = 0; i < xs.Length; i++)
            {
                sgd.Step(line, Gradient(line, xs[i], ts[i]));
            }
        }
        GradientAssert.Close(2, line.W, 1e-6);
        GradientAssert.Close(1, line.B, 1e-6);
    }

    [Fact]
    public void AdamFirstStepMovesEachMemberByTheLearningRateTimesTheSignOfItsGradient()
    {
        var q = new Quadratic { A = 1, B = 2, C = 3 };
        q.EvalBackward(-2, out Quadratic dq, out _);   // dA = 4, dB = -2, dC = 1
        var adam = new Adam(0.1f);
        adam.Step(ref q, dq);
        // Bias-corrected first step: m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε).
        double lr = 0.1f, eps = 1e-8f;
        GradientAssert.Close(1 - lr * 4 / (4 + eps), q.A, 1e-12);
        GradientAssert.Close(2 + lr * 2 / (2 + eps), q.B, 1e-12);
        GradientAssert.Close(3 - lr * 1 / (1 + eps), q.C, 1e-12);
    }

    [Fact]
    public void TheVisitorReachesTensorBufferAndNestedClassMembers()
    {
        var rng = new Random(5);
        Tensor x = Tensor.RandomNormal(rng, 1, 4, 3), y = Tensor.RandomUniform(rng, 0, 1, 4, 2);
        var net = new TinyNet { Weights = Tensor.RandomNormal(rng, 0.5f, 3, 2), Offsets = [0.7, 0.2], Output = new Scale { Factor = 1.3 } };
        TinyNet gradient = TinyNetGradients.ZerosLike(net);
        net.LossBackward(x, y, gradient);
        float[] w = net.Weights.ToArray();
        double[] offsets = (double[])net.Offsets.Clone();
        double factor = net.Output.Factor;
        new Sgd(0.5f).Step(net, gradient);
        for (int i = 0; i < w.Length; i++)
        {
            GradientAssert.Close(w[i] - 0.5 * gradient.Weights.Span[i], net.Weights.Span[i], 1e-6);
        }
        GradientAssert.Close(offsets[1] - 0.5 * gradient.Offsets[1], net.Offsets[1], 1e-15);
        GradientAssert.Close(factor - 0.5 * gradient.Output.Factor, net.Output.Factor, 1e-15);

        gradient.Offsets = new double[1];
        var error = Assert.Throws<ArgumentException>(() => new Sgd(0.5f).Step(net, gradient));
        Assert.Contains("Offsets", error.Message);
    }
}
