using SourceAD;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Hand-written pullbacks declared with [DerivativeOf]: the generator calls them instead of differentiating the
/// function, for users' scalar functions and for the runtime's tensor operations alike.
/// </summary>
public class DerivativeRuleTests
{
    private const string ScalarRule = """
        using System;
        using SourceAD;

        namespace Demo;

        public static partial class Functions
        {
            // Softplus has a closed-form derivative (the logistic function); the rule says so.
            public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

            [DerivativeOf(nameof(Softplus))]
            public static void SoftplusPullback(double x, double dResult, ref double dx) => dx += dResult / (1 + Math.Exp(-x));

            // A rule that takes the function's value ('result') to avoid recomputing it.
            public static double Cube(double x) => x * x * x;

            [DerivativeOf(nameof(Cube))]
            public static void CubePullback(double x, double result, double dResult, ref double dx) => dx += dResult * 3 * result / x;

            [Differentiable]
            public static double UsesRules(double a, double b) => Softplus(a * b) * a + Cube(b);
        }
        """;

    [Fact]
    public void ScalarRule_IsCalledAndGradientMatchesFiniteDifferences()
    {
        GeneratorResult result = GeneratorHarness.Run(ScalarRule);
        result.AssertCleanRun();
        Snapshot.Match(result.AllGeneratedSource, "ScalarDerivativeRule");
        Assert.Contains("SoftplusPullback(", result.AllGeneratedSource);
        Assert.Contains("CubePullback(", result.AllGeneratedSource);

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("Demo.Functions", "UsesRules", new object[] { 0.7, 1.3 });
        asm.AssertGradient("Demo.Functions", "UsesRules", new object[] { -1.1, 0.4 });
    }

    [Fact]
    public void RuleWithWrongSignature_IsReportedWithTheExpectedSignature()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Functions
            {
                public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

                [DerivativeOf(nameof(Softplus))]
                public static void [|SoftplusPullback|](double x, double dResult, double dx) { }

                [Differentiable]
                public static double F(double a) => Softplus(a);
            }
            """;
        (string code, Microsoft.CodeAnalysis.Text.TextSpan span) = Markup.Parse(source);
        GeneratorResult result = GeneratorHarness.Run(code);
        Assert.Null(result.GeneratorException);
        Microsoft.CodeAnalysis.Diagnostic rule = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SAD0017");
        Assert.Equal(span, rule.Location.SourceSpan);
        Assert.Contains("static void SoftplusPullback(double x, [double result], double dResult, ref double dx)", rule.GetMessage());
    }

    [Fact]
    public void TensorNetwork_GeneratedBackwardMatchesFiniteDifferences()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Net
            {
                [Differentiable]
                public static float Loss(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x, [NoDiff] Tensor y)
                {
                    Tensor h = Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1);
                    Tensor o = Tensor.Tanh(Tensor.MatMul(h, w2) + b2);
                    return 0.5f * Tensor.SumOfSquares(o - y) / x.Shape[0];
                }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();
        Snapshot.Match(result.AllGeneratedSource, "TensorNetworkLoss");

        using LoadedAssembly asm = result.Load();
        var rng = new Random(7);
        Tensor w1 = Tensor.RandomNormal(rng, 0.5f, 4, 3), b1 = Tensor.RandomNormal(rng, 0.5f, 3);
        Tensor w2 = Tensor.RandomNormal(rng, 0.5f, 3, 2), b2 = Tensor.RandomNormal(rng, 0.5f, 2);
        Tensor x = Tensor.RandomNormal(rng, 1f, 5, 4), y = Tensor.RandomNormal(rng, 1f, 5, 2);
        Tensor[] parameters = { w1, b1, w2, b2 };
        Tensor[] gradients = { Tensor.Zeros(4, 3), Tensor.Full(9f, 3), Tensor.Zeros(3, 2), Tensor.Zeros(2) };
        Func<float> loss = () => (float)asm.Invoke("Demo.Net", "Loss", new object[] { w1, b1, w2, b2, x, y })!;
        float value = (float)asm.Invoke("Demo.Net", "LossBackward", new object[] { w1, b1, w2, b2, x, y, gradients[0], gradients[1], gradients[2], gradients[3] })!;
        Assert.Equal(loss(), value, 6);

        AssertMatchesFiniteDifferences(loss, parameters, gradients);
    }

    [Fact]
    public void LoopOverLayers_WithArraysOfWeightTensors_MatchesFiniteDifferences()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Deep
            {
                [Differentiable]
                public static float Loss(Tensor[] weights, Tensor[] biases, [NoDiff] Tensor x, int[] labels)
                {
                    Tensor h = x;
                    for (int layer = 0; layer < weights.Length; layer++)
                    {
                        Tensor z = Tensor.MatMul(h, weights[layer]) + biases[layer];
                        h = layer < weights.Length - 1 ? Tensor.Tanh(z) : z;
                    }
                    return Tensor.CrossEntropy(h, labels);
                }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();

        using LoadedAssembly asm = result.Load();
        var rng = new Random(11);
        int[] sizes = { 5, 4, 3, 3 };
        var weights = new Tensor[3];
        var biases = new Tensor[3];
        for (int l = 0; l < 3; l++)
        {
            weights[l] = Tensor.RandomNormal(rng, 0.7f, sizes[l], sizes[l + 1]);
            biases[l] = Tensor.RandomNormal(rng, 0.3f, sizes[l + 1]);
        }
        Tensor x = Tensor.RandomNormal(rng, 1f, 6, 5);
        int[] labels = { 0, 2, 1, 1, 0, 2 };
        Tensor[] dWeights = Array.ConvertAll(weights, Tensor.ZerosLike);
        Tensor[] dBiases = Array.ConvertAll(biases, t => Tensor.Full(5f, t.Shape.ToArray()));
        Func<float> loss = () => (float)asm.Invoke("Demo.Deep", "Loss", new object[] { weights, biases, x, labels })!;
        float value = (float)asm.Invoke("Demo.Deep", "LossBackward", new object[] { weights, biases, x, labels, dWeights, dBiases })!;
        Assert.Equal(loss(), value, 5);

        AssertMatchesFiniteDifferences(loss, weights.Concat(biases).ToArray(), dWeights.Concat(dBiases).ToArray());
    }

    /// <summary>A [Differentiable] tensor method calling another (a layer): composed through the layer's generated pullback.</summary>
    [Fact]
    public void CallsBetweenTensorMethods_MatchFiniteDifferences()
    {
        const string source = """
            using SourceAD;

            namespace Demo;

            public static partial class Layers
            {
                [Differentiable]
                public static Tensor Dense(Tensor x, Tensor w, Tensor b) => Tensor.Tanh(Tensor.MatMul(x, w) + b);

                [Differentiable]
                public static float Loss(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x, int[] labels)
                {
                    Tensor hidden = Dense(x, w1, b1);
                    return Tensor.CrossEntropy(Tensor.MatMul(hidden, w2) + b2, labels);
                }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();
        Assert.Contains("DensePullback(", result.AllGeneratedSource);

        using LoadedAssembly asm = result.Load();
        var rng = new Random(3);
        Tensor w1 = Tensor.RandomNormal(rng, 0.6f, 4, 3), b1 = Tensor.RandomNormal(rng, 0.3f, 3);
        Tensor w2 = Tensor.RandomNormal(rng, 0.6f, 3, 3), b2 = Tensor.RandomNormal(rng, 0.3f, 3);
        Tensor x = Tensor.RandomNormal(rng, 1f, 5, 4);
        int[] labels = { 0, 1, 2, 1, 0 };
        Tensor[] parameters = { w1, b1, w2, b2 };
        Tensor[] gradients = Array.ConvertAll(parameters, Tensor.ZerosLike);
        Func<float> loss = () => (float)asm.Invoke("Demo.Layers", "Loss", new object[] { w1, b1, w2, b2, x, labels })!;
        float value = (float)asm.Invoke("Demo.Layers", "LossBackward", new object[] { w1, b1, w2, b2, x, labels, gradients[0], gradients[1], gradients[2], gradients[3] })!;
        Assert.Equal(loss(), value, 5);
        AssertMatchesFiniteDifferences(loss, parameters, gradients);
    }

    /// <summary>
    /// Each gradient element against a central difference of the float loss, taken in double with a step of 1e-3
    /// (small enough for the curvature here, large enough to keep float rounding out).
    /// </summary>
    private static void AssertMatchesFiniteDifferences(Func<float> loss, Tensor[] parameters, Tensor[] gradients)
    {
        for (int p = 0; p < parameters.Length; p++)
        {
            Span<float> values = parameters[p].Span;
            for (int i = 0; i < values.Length; i++)
            {
                float saved = values[i];
                values[i] = saved + 1e-3f;
                double plus = loss();
                values[i] = saved - 1e-3f;
                double minus = loss();
                values[i] = saved;
                double numeric = (plus - minus) / ((double)(saved + 1e-3f) - (saved - 1e-3f));
                double analytic = gradients[p].Span[i];
                Assert.True(Math.Abs(numeric - analytic) <= 2e-3 * Math.Max(1, Math.Abs(numeric)),
                    $"parameter {p} element {i}: analytic {analytic}, numeric {numeric}");
            }
        }
    }

    /// <summary>A method returning a rank-0 tensor: Backward seeds the reverse sweep with ones and returns the tensor.</summary>
    [Fact]
    public void RankZeroTensorResult_GradientIsClosedForm()
    {
        const string source = """
            using SourceAD;

            namespace Demo;

            public static partial class Energy
            {
                [Differentiable]
                public static Tensor Weighted(Tensor x, Tensor w) => Tensor.Sum(Tensor.Square(x) * w, 0);
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();

        using LoadedAssembly asm = result.Load();
        Tensor x = Tensor.FromArray(new[] { 0.5f, -1.5f, 2f }, 3), w = Tensor.FromArray(new[] { 2f, 0.25f, -1f }, 3);
        Tensor dx = Tensor.Full(7f, 3), dw = Tensor.Zeros(3);
        var value = (Tensor)asm.Invoke("Demo.Energy", "WeightedBackward", new object[] { x, w, dx, dw })!;
        Assert.Equal(0, value.Rank);
        // E = Σ wᵢxᵢ²: ∂E/∂x = 2wx, ∂E/∂w = x².
        Assert.Equal(2f * 0.25f + 0.25f * 2.25f - 4f, value.Item(), 5);
        Assert.Equal(new[] { 2f, -0.75f, -4f }, dx.ToArray());
        Assert.Equal(new[] { 0.25f, 2.25f, 4f }, dw.ToArray());
    }
}
