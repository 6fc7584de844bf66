using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Nested derivatives: calls to generated derivatives inside [Differentiable] methods that SourceAD cannot
/// differentiate through are SAD0019 at the call; variants that would need a third derivative are SAD0020.
/// </summary>
public class NestingTests
{
    private static string InClass(string members) => $$"""
        using System;
        using SourceAD;

        namespace T;

        public partial class C
        {
        {{members}}
        }
        """;

    [Fact]
    public void CallToAGeneratedHessian_IsSAD0019AtTheCall() =>
        DiagnosticAssert.AtMarkedSpan("SAD0019", InClass("""
                [Differentiable]
                public static double G(double x) => x * x * x;

                [Differentiable]
                public static double F(double x)
                {
                    double[] h = new double[1];
                    [|GHessian(x, h)|];
                    return h[0] * x;
                }
            """), "third derivatives");

    [Fact]
    public void OutVar_IsSAD0019AtTheVarNamingTheFix() =>
        DiagnosticAssert.AtMarkedSpan("SAD0019", InClass("""
                [Differentiable]
                public static double G(double x) => x * x * x;

                [Differentiable]
                public static double F(double x)
                {
                    GBackward(x, out [|var|] slope);
                    return slope * x;
                }
            """), "out double slope");

    [Fact]
    public void WritingIntoAnArrayElement_IsSAD0019AtTheArgument() =>
        DiagnosticAssert.AtMarkedSpan("SAD0019", InClass("""
                [Differentiable]
                public static double G(double x) => x * x * x;

                [Differentiable]
                public static double F(double x)
                {
                    double[] slopes = new double[1];
                    GPullback(x, 1.0, [|ref slopes[0]|]);
                    return slopes[0] * x;
                }
            """), "local variable");

    [Fact]
    public void InnerMethodWithoutPullbackTangent_IsSAD0019AtTheCall()
    {
        Diagnostic error = DiagnosticAssert.AtMarkedSpan("SAD0019", InClass("""
                public static double Cube(double x) => x * x * x;

                [DerivativeOf(nameof(Cube))]
                public static void CubePullback(double x, double dResult, ref double dx) => dx += dResult * 3 * x * x;

                [Differentiable]
                public static double G(double x) => Cube(x);

                [Differentiable]
                public static double F(double x)
                {
                    [|GBackward(x, out double slope)|];
                    return slope * x;
                }
            """), "'GPullbackTangent'");
        Assert.Contains("SAD0020 on 'G'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ActiveArgumentToANoDiffParameterOfTheInnerMethod_IsSAD0016() =>
        DiagnosticAssert.AtMarkedSpan("SAD0016", InClass("""
                [Differentiable]
                public static double G(double x, [NoDiff] double w) => w * x * x;

                [Differentiable]
                public static double F(double x, double w)
                {
                    [|GBackward(x, w, out double slope)|];
                    return slope;
                }
            """), "'w'");

    [Fact]
    public void SecondOrderOfANestedDerivative_IsNotGeneratedAndSaysWhy()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass("""
                [Differentiable]
                public static double G(double x) => x * x * x;

                [Differentiable]
                public static double F(double x)
                {
                    GBackward(x, out double slope);
                    return slope * x;
                }
            """));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var skipped = result.GeneratorDiagnostics.Where(d => d.Id == "SAD0020").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(skipped, m => m.Contains("'FPullbackTangent' is not generated") && m.Contains("'GPullbackTangentTangent'") && m.Contains("third"));
        Assert.Contains(skipped, m => m.Contains("'FHessian' is not generated") && m.Contains("'FHessianVector'"));
        Assert.Empty(result.OutputErrors);
    }

    [Fact]
    public void GraphOfANestedDerivative_IsOneNodeAndSaysWhy()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass("""
                [Differentiable]
                public static double G(double x) => x * x * x;

                [Differentiable]
                public static double F(double x)
                {
                    GBackward(x, out double slope);
                    return slope * x;
                }
            """));
        string? graph = result.Sources.Where(s => s.Key.StartsWith("T.C.F(", System.StringComparison.Ordinal) && s.Key.EndsWith(".graph.g.cs", System.StringComparison.Ordinal)).Select(s => s.Value).SingleOrDefault();
        Assert.NotNull(graph);
        // Only the one-node recorder: its local derivatives come from FPullback, not from drawing GBackward's operations.
        Assert.DoesNotContain("ComputationGraph FGraph(", graph);
        Assert.Contains("FPullback(", graph);
        var skipped = result.GeneratorDiagnostics.Where(d => d.Id == "SAD0020").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(skipped, m => m.Contains("FGraph(double)") && m.Contains("nested derivative"));
        Assert.Empty(result.OutputErrors);
    }
}
