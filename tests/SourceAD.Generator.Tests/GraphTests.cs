using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// The computational-graph variant (FGraph and its recorder, in each method's <c>.graph.g.cs</c>): a snapshot of the
/// generated code for straight-line code, a loop, an if, a ?:, a call, a [DerivativeOf] rule and float arithmetic;
/// free of warnings and deterministic; and SAD0020 naming what a graph cannot show.
/// </summary>
public class GraphTests
{
    private const string Graphs = """
        using System;
        using SourceAD;

        namespace Demo;

        public static partial class Rules
        {
            public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

            [DerivativeOf(nameof(Softplus))]
            public static void SoftplusPullback(double x, double dResult, ref double dx) => dx += dResult / (1 + Math.Exp(-x));
        }

        public static partial class Seeds
        {
            [Differentiable]
            public static double J(double a, double b, double c)
            {
                double u = b * c;
                double v = a + u;
                return 3 * v;
            }

            [Differentiable]
            public static double Sigmoid(double z) { return 1 / (1 + Math.Exp(-z)); }

            [Differentiable]
            public static double Loss(double w1, double w2, [NoDiff] double x, [NoDiff] double t)
            {
                double a = Sigmoid(w1 * x);
                double y = w2 * a;
                return 0.5 * (y - t) * (y - t);
            }

            [Differentiable]
            public static double Series(double x, int n, [NoDiff] double[] c)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += c[i] * Math.Pow(x, i);
                }
                return s;
            }

            [Differentiable]
            public static double Leaky(double x)
            {
                if (x > 0)
                {
                    return x * x;
                }
                return 0.5 * x;
            }

            [Differentiable]
            public static double Choose(double x, double y) { return x > y ? Math.Log(x) : y * 2; }

            [Differentiable]
            public static double Smooth(double w) { return Rules.Softplus(2 * w) + 1; }

            [Differentiable]
            public static float Single(float x) { return MathF.Exp(x) * 2f; }
        }
        """;

    [Fact]
    public void GeneratedGraphs_MatchTheSnapshotCompileWithoutWarningsAndAreDeterministic()
    {
        GeneratorResult result = GeneratorHarness.Run(Graphs);
        result.AssertCleanRun();
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SAD0020" && d.GetMessage(CultureInfo.InvariantCulture).Contains("Graph"));
        Snapshot.Match(GraphSources(result), "ComputationalGraphs");
        var warnings = result.OutputDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".graph.g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(warnings.Count == 0, "Warnings in generated graph code:\n" + result.Format(warnings));
        Assert.Equal(GraphSources(result), GraphSources(GeneratorHarness.Run(Graphs)));
    }

    [Fact]
    public void BufferParameter_NoGraph_Sad0020NamesIt()
    {
        GeneratorResult result = GeneratorHarness.Run("""
            using SourceAD;

            public static partial class Model
            {
                [Differentiable]
                public static double Sum(double[] xs) { double s = 0; foreach (double x in xs) s += x; return s; }
            }
            """);
        result.AssertCleanRun();
        Diagnostic info = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SAD0020");
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal("'SumGraph' is not generated: its differentiable parameter 'xs' is a 'double[]', and a graph draws double and float values, one node each",
            info.GetMessage(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(result.Sources.Keys, hint => hint.EndsWith(".graph.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void BodyItCannotShow_OnlyTheRecorder_DrawsCallsAsOneNode_Sad0020AtTheConstruct()
    {
        const string markup = """
            using SourceAD;

            public static partial class Model
            {
                [Differentiable]
                public static double Work(double x)
                {
                    double[] t = new double[2];
                    [|t[0] = x|];
                    t[1] = x * x;
                    return t[0] + t[1];
                }

                [Differentiable]
                public static double Caller(double x) { return Work(x) * 2; }
            }
            """;
        (string source, TextSpan span) = Markup.Parse(markup);
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();
        Diagnostic info = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SAD0020");
        Assert.Equal("'WorkGraph(double)' is not generated: it writes elements of the buffer 't' (the graph draws double and float values, one node each); a graph that calls Work draws the call as one node",
            info.GetMessage(CultureInfo.InvariantCulture));
        DiagnosticAssert.Location(info.Location, span, source, result.Format(result.GeneratorDiagnostics));
        string work = Assert.Single(result.Sources, s => s.Key.StartsWith("Model.Work(", StringComparison.Ordinal) && s.Key.EndsWith(".graph.g.cs", StringComparison.Ordinal)).Value;
        Assert.Contains("WorkPullback(x, 1.0, ref _d0);", work);
        Assert.DoesNotContain("ComputationGraph WorkGraph(", work);
        string caller = Assert.Single(result.Sources, s => s.Key.StartsWith("Model.Caller(", StringComparison.Ordinal) && s.Key.EndsWith(".graph.g.cs", StringComparison.Ordinal)).Value;
        Assert.Contains("global::SourceAD.Graphs.ComputationGraph CallerGraph(double x", caller);
        Assert.Contains("global::Model.WorkGraph(graph, x, xNode, out _call0Node);", caller);
    }

    private static string GraphSources(GeneratorResult result) =>
        string.Concat(result.Sources.Where(s => s.Key.EndsWith(".graph.g.cs", StringComparison.Ordinal)).Select(s => "//----- " + s.Key + " -----\n" + s.Value.Replace("\r\n", "\n")));
}
