using System;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SourceAD.Generator.Model;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// <c>[Differentiable(Variants = …)]</c> chooses what is generated beyond Backward and Pullback: what it leaves out is
/// not generated and not reported, and what would call a left-out variant of another method is reported instead.
/// </summary>
public class VariantOptionTests
{
    private static string Source(string members) => $$"""
        using System;
        using SourceAD;

        namespace V;

        public static partial class M
        {
        {{members}}
        }
        """;

    /// <summary>The names of the public methods the generator wrote into the partial class.</summary>
    private static string[] Generated(GeneratorResult result) =>
        Regex.Matches(result.AllGeneratedSource, @"public static \S+ (\w+)\(").Select(m => m.Groups[1].Value).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();

    [Fact]
    public void NoneGeneratesOnlyBackwardAndPullback()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
                [Differentiable(Variants = DerivativeVariants.None)]
                public static double F(double x, double[] c) => x * c[0] + Math.Sin(x);
            """));
        result.AssertCleanRun();
        Assert.Equal(new[] { "FBackward", "FPullback" }, Generated(result));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.DoesNotContain(result.Sources.Keys, k => k.EndsWith(".graph.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void TheNamedVariantsAreGenerated()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
                [Differentiable(Variants = DerivativeVariants.Tangent | DerivativeVariants.Hessian)]
                public static double F(double x, double y) => x * y + Math.Sin(x * y);
            """));
        result.AssertCleanRun();
        Assert.Equal(new[] { "FBackward", "FHessian", "FHessianVector", "FPullback", "FPullbackTangent", "FTangent" }, Generated(result));
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void AllIsTheDefault()
    {
        GeneratorResult named = GeneratorHarness.Run(Source("""
                [Differentiable(Variants = DerivativeVariants.All)]
                public static double F(double x, double y) => x * y;
            """));
        GeneratorResult plain = GeneratorHarness.Run(Source("""
                [Differentiable]
                public static double F(double x, double y) => x * y;
            """));
        Assert.Equal(Generated(plain), Generated(named));
        Assert.Contains("FTangents", Generated(plain));
        Assert.Contains("FGradient", Generated(plain));
        Assert.Contains(plain.Sources.Keys, k => k.EndsWith(".graph.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void ACallerLosesWhatWouldCallALeftOutVariant()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
                [Differentiable(Variants = DerivativeVariants.None)]
                public static double G(double x) => x * x;

                [Differentiable]
                public static double F(double x) => G(x) + 1;
            """));
        result.AssertOutputCompiles();
        string[] generated = Generated(result);
        Assert.Contains("FBackward", generated);
        Assert.DoesNotContain("FTangent", generated);
        Assert.DoesNotContain("FPullbackTangent", generated);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "SAD0020" && d.GetMessage().Contains("'FTangent'", StringComparison.Ordinal) && d.GetMessage().Contains("GTangent", StringComparison.Ordinal));
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "SAD0020" && d.GetMessage().Contains("leaves out its graph", StringComparison.Ordinal));
    }

    [Fact]
    public void ANestedGradientNeedsTheInnerSecondOrder()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
                [Differentiable(Variants = DerivativeVariants.Tangent)]
                public static double G(double x, double a) => a * x * x;

                [Differentiable]
                public static double F(double x, double a)
                {
                    GBackward(x, a, out double dx, out double da);
                    return x - 0.1 * dx;
                }
            """));
        Diagnostic error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("SAD0019", error.Id);
        Assert.Contains("GPullbackTangent", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ATensorLossGetsSecondDerivativesUnlessARuleItCallsHasNoSecondOrderRule()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
                [Differentiable]
                public static float Quadratic(Tensor w, Tensor b, [NoDiff] Tensor x) => Tensor.SumOfSquares(Tensor.Tanh(Tensor.MatMul(x, w) + b));

                [Differentiable]
                public static float Classifier(Tensor w, [NoDiff] Tensor x, int[] labels) => Tensor.CrossEntropy(Tensor.Softmax(Tensor.MatMul(x, w)) / 2f, labels);

                public static Tensor Swish(Tensor x) => x * Tensor.Sigmoid(x);

                [DerivativeOf(nameof(Swish))]
                public static void SwishPullback(Tensor x, Tensor dResult, Tensor dx) { }

                [TangentOf(nameof(Swish))]
                public static Tensor SwishTangent(Tensor x, Tensor? xDot, out Tensor? resultDot) { resultDot = null; return Swish(x); }

                [Differentiable]
                public static float Activated(Tensor w, [NoDiff] Tensor x) => Tensor.Sum(Swish(Tensor.MatMul(x, w)));
            """));
        result.AssertCleanRun();
        string[] generated = Generated(result);
        Assert.Contains("QuadraticPullbackTangent", generated);
        Assert.Contains("QuadraticHessianVector", generated);
        Assert.Contains("QuadraticHessian", generated);
        Assert.Contains("ClassifierHessianVector", generated);
        Assert.DoesNotContain("ActivatedPullbackTangent", generated);
        Assert.Contains("ActivatedTangent", generated);
        var skipped = result.GeneratorDiagnostics.Where(d => d.Id == "SAD0020").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(skipped, m => m.Contains("'ActivatedPullbackTangent' is not generated", StringComparison.Ordinal)
            && m.Contains("'SwishPullback' has no second-order rule", StringComparison.Ordinal));
    }

    [Fact]
    public void AJacobianWithoutTangentSaysWhy()
    {
        GeneratorResult result = GeneratorHarness.Run(Source("""
                [Differentiable(Variants = DerivativeVariants.Jacobian)]
                public static void G(ReadOnlySpan<double> x, [Output] Span<double> y) { y[0] = x[0] * x[1]; y[1] = x[0]; }
            """));
        result.AssertOutputCompiles();
        Assert.DoesNotContain("GJacobian", Generated(result));
        Diagnostic why = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SAD0020");
        Assert.Contains("GJacobian", why.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("DerivativeVariants.Tangent", why.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheGeneratorsFlagsAreTheRuntimes()
    {
        var runtime = Enum.GetValues<DerivativeVariants>().ToDictionary(v => v.ToString(), v => (int)v);
        var generator = Enum.GetValues<VariantFlags>().ToDictionary(v => v.ToString(), v => (int)v);
        Assert.Equal(runtime.OrderBy(p => p.Key, StringComparer.Ordinal), generator.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
