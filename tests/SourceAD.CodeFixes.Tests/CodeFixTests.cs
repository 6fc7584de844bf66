using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using static SourceAD.CodeFixes.Tests.CodeFixHarness;

namespace SourceAD.CodeFixes.Tests;

public class MakeTypePartialTests
{
    [Fact]
    public async Task AddsPartialAfterTheModifiers()
    {
        const string source = """
            using SourceAD;

            namespace Demo;

            public static class Net
            {
                [Differentiable]
                public static double Loss(double w) => w * w;
            }
            """;
        Project project = CreateProject(source);
        var (solution, action) = await FixAsync(new MakeTypePartialCodeFix(), project, "SAD0001");
        Assert.Equal("Make 'Net' partial", action.Title);
        Assert.Equal(MakeTypePartialCodeFix.EquivalenceKey, action.EquivalenceKey);
        Assert.Equal(Normalize(source.Replace("public static class Net", "public static partial class Net")), await TextAsync(solution, project, 0));

        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SAD0001");
        Assert.Contains(run.GeneratedSources, s => s.Contains("LossBackward("));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public async Task WithoutModifiersKeepsTheDocCommentAndIndentation()
    {
        const string source = """
            using SourceAD;

            namespace Demo
            {
                public static partial class Outer
                {
                    /// <summary>Inner.</summary>
                    [System.Obsolete]
                    class Inner
                    {
                        [Differentiable]
                        public static double F(double x) { return 3.0 * x; }
                    }
                }
            }
            """;
        Project project = CreateProject(source);
        var (solution, action) = await FixAsync(new MakeTypePartialCodeFix(), project, "SAD0001");
        Assert.Equal("Make 'Inner' partial", action.Title);
        Assert.Equal(Normalize(source.Replace("        class Inner", "        partial class Inner")), await TextAsync(solution, project, 0));

        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SAD0001");
        Assert.Contains(run.GeneratedSources, s => s.Contains("FBackward("));
    }

    [Fact]
    public async Task FixAllMakesEveryContainingTypePartial()
    {
        const string source = """
            using SourceAD;

            public static class Outer
            {
                public static class Inner
                {
                    [Differentiable]
                    public static double F(double x) => x * x;
                }
            }
            """;
        Project project = CreateProject(source);
        var diagnostics = await DiagnosticsAsync(project, "SAD0001");
        Assert.Equal(2, diagnostics.Length);
        var provider = new MakeTypePartialCodeFix();
        CodeAction action = Assert.Single(await ActionsAsync(provider, diagnostics[0].Document, diagnostics[0].Diagnostic));
        var fixAllContext = new Microsoft.CodeAnalysis.CodeFixes.FixAllContext(
            diagnostics[0].Document, provider, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Document, action.EquivalenceKey!,
            new[] { "SAD0001" }, new FixedDiagnostics(diagnostics.Select(d => d.Diagnostic)), CancellationToken.None);
        CodeAction fixAll = (await provider.GetFixAllProvider()!.GetFixAsync(fixAllContext))!;
        var apply = (ApplyChangesOperation)(await fixAll.GetOperationsAsync(CancellationToken.None)).Single();
        string expected = source.Replace("static class Outer", "static partial class Outer").Replace("static class Inner", "static partial class Inner");
        Assert.Equal(Normalize(expected), await TextAsync(apply.ChangedSolution, project, 0));

        GeneratorRun run = await RunGeneratorAsync(apply.ChangedSolution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SAD0001");
        Assert.Contains(run.GeneratedSources, s => s.Contains("FBackward("));
    }

    private sealed class FixedDiagnostics(IEnumerable<Diagnostic> diagnostics) : Microsoft.CodeAnalysis.CodeFixes.FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(diagnostics);
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree == document.GetSyntaxTreeAsync(cancellationToken).Result));
        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}

public class MarkCalleeDifferentiableTests
{
    [Fact]
    public async Task WorksWithTheLocationAsTheGeneratorReportsIt()
    {
        // The generator reports a path + span location (not tied to a SyntaxTree); the fix reads only the span.
        const string source = """
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) => Helper(x);

                public static double Helper(double x) => x * x;
            }
            """;
        Project project = CreateProject(source);
        GeneratorRun run = await RunGeneratorAsync(project);
        Diagnostic raw = Assert.Single(run.Diagnostics, d => d.Id == "SAD0005");
        Assert.Null(raw.Location.SourceTree);
        Document document = project.Documents.Single();
        CodeAction action = Assert.Single(await ActionsAsync(new MarkCalleeDifferentiableCodeFix(), document, raw));
        Assert.Equal("Mark 'Helper' [Differentiable]", action.Title);
    }

    [Fact]
    public async Task MarksAStaticHelperInTheSameFile()
    {
        const string source = """
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) { return Helper(x) * 2.0; }

                /// <summary>Squares.</summary>
                public static double Helper(double x) { return x * x; }
            }
            """;
        const string expected = """
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) { return Helper(x) * 2.0; }

                /// <summary>Squares.</summary>
                [Differentiable]
                public static double Helper(double x) { return x * x; }
            }
            """;
        Project project = CreateProject(source);
        var (solution, action) = await FixAsync(new MarkCalleeDifferentiableCodeFix(), project, "SAD0005");
        Assert.Equal("Mark 'Helper' [Differentiable]", action.Title);
        Assert.Equal(MarkCalleeDifferentiableCodeFix.EquivalenceKey, action.EquivalenceKey);
        Assert.Equal(Normalize(expected), await TextAsync(solution, project, 0));

        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id.StartsWith("SAD", StringComparison.Ordinal));
        Assert.Contains(run.GeneratedSources, s => s.Contains("HelperPullback("));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public async Task MarksAHelperInAnotherFileAndAddsTheUsingAfterSystem()
    {
        const string caller = """
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) => Tools.Cube(x) + 1.0;
            }
            """;
        const string helper = """
            using System;
            using Zeta;

            public static partial class Tools
            {
                public static double Cube(double x) => x * x * x;
            }

            namespace Zeta { public static class Z { } }
            """;
        const string expected = """
            using System;
            using SourceAD;
            using Zeta;

            public static partial class Tools
            {
                [Differentiable]
                public static double Cube(double x) => x * x * x;
            }

            namespace Zeta { public static class Z { } }
            """;
        Project project = CreateProject(caller, helper);
        var (solution, action) = await FixAsync(new MarkCalleeDifferentiableCodeFix(), project, "SAD0005");
        Assert.Equal("Mark 'Cube' [Differentiable]", action.Title);
        Assert.Equal(Normalize(caller), await TextAsync(solution, project, 0));
        Assert.Equal(Normalize(expected), await TextAsync(solution, project, 1));

        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id.StartsWith("SAD", StringComparison.Ordinal));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public async Task AddsTheUsingBelowTheFileHeaderWhenTheFileHasNone()
    {
        const string caller = """
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) => Tools.Twice(x);
            }
            """;
        const string helper = """
            // Copyright header.

            namespace Demo.Tools;

            public static partial class Helpers { }
            """;
        const string helper2 = """
            public static partial class Tools
            {
                public static double Twice(double x) => 2.0 * x;
            }
            """;
        const string expected = """
            using SourceAD;

            public static partial class Tools
            {
                [Differentiable]
                public static double Twice(double x) => 2.0 * x;
            }
            """;
        Project project = CreateProject(caller, helper, helper2);
        var (solution, _) = await FixAsync(new MarkCalleeDifferentiableCodeFix(), project, "SAD0005");
        Assert.Equal(Normalize(helper), await TextAsync(solution, project, 1));
        Assert.Equal(Normalize(expected), await TextAsync(solution, project, 2));
        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SAD0005");
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public async Task NoFixForAMetadataMethod()
    {
        const string source = """
            using System;
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) => Math.ReciprocalEstimate(x) + Math.BitIncrement(x);
            }
            """;
        Project project = CreateProject(source);
        var diagnostics = await DiagnosticsAsync(project, "SAD0005");
        Assert.Equal(2, diagnostics.Length);
        foreach (var (document, diagnostic) in diagnostics)
        {
            Assert.Empty(await ActionsAsync(new MarkCalleeDifferentiableCodeFix(), document, diagnostic));
        }
    }

    [Fact]
    public async Task NoFixForAnInstanceMethodInSource()
    {
        const string source = """
            using SourceAD;

            public sealed class Scaler
            {
                public double Scale(double x) => 2.0 * x;
            }

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) => new Scaler().Scale(x);
            }
            """;
        Project project = CreateProject(source);
        var (document, diagnostic) = Assert.Single(await DiagnosticsAsync(project, "SAD0005"));
        Assert.Empty(await ActionsAsync(new MarkCalleeDifferentiableCodeFix(), document, diagnostic));
    }
}

public class MarkParameterNoDiffTests
{
    [Fact]
    public async Task MarksADecimalParameter()
    {
        const string source = """
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x, decimal m) { return x * (double)m; }
            }
            """;
        Project project = CreateProject(source);
        var (solution, action) = await FixAsync(new MarkParameterNoDiffCodeFix(), project, "SAD0003");
        Assert.Equal("Mark parameter 'm' [NoDiff]", action.Title);
        Assert.Equal(MarkParameterNoDiffCodeFix.EquivalenceKey, action.EquivalenceKey);
        Assert.Equal(Normalize(source.Replace("decimal m", "[NoDiff] decimal m")), await TextAsync(solution, project, 0));

        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id.StartsWith("SAD", StringComparison.Ordinal));
        Assert.Contains(run.GeneratedSources, s => s.Contains("FBackward("));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public async Task MarksAnInParameterAndAddsTheUsing()
    {
        const string source = """
            using System;

            namespace Demo
            {
                public static partial class Net
                {
                    [SourceAD.Differentiable]
                    public static double F(
                        double x,
                        in double b)
                    {
                        return Math.Sin(x) * b;
                    }
                }
            }
            """;
        const string expected = """
            using System;
            using SourceAD;

            namespace Demo
            {
                public static partial class Net
                {
                    [SourceAD.Differentiable]
                    public static double F(
                        double x,
                        [NoDiff] in double b)
                    {
                        return Math.Sin(x) * b;
                    }
                }
            }
            """;
        Project project = CreateProject(source);
        var (solution, action) = await FixAsync(new MarkParameterNoDiffCodeFix(), project, "SAD0004");
        Assert.Equal("Mark parameter 'b' [NoDiff]", action.Title);
        Assert.Equal(Normalize(expected), await TextAsync(solution, project, 0));

        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id.StartsWith("SAD", StringComparison.Ordinal));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public async Task UsesTheQualifiedNameWhenAnotherNoDiffIsInScope()
    {
        const string source = """
            using SourceAD;

            namespace Demo
            {
                public sealed class NoDiffAttribute : System.Attribute { }

                public static partial class Net
                {
                    [Differentiable]
                    public static double F(double x, decimal m) => x;
                }
            }
            """;
        Project project = CreateProject(source);
        var (solution, _) = await FixAsync(new MarkParameterNoDiffCodeFix(), project, "SAD0003");
        Assert.Equal(Normalize(source.Replace("decimal m", "[global::SourceAD.NoDiff] decimal m")), await TextAsync(solution, project, 0));
        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SAD0003");
    }

    [Theory]
    [InlineData("ref")]
    [InlineData("out")]
    public async Task NoFixForRefOrOut(string modifier)
    {
        string source = $$"""
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x, {{modifier}} double b) { b = 1.0; return x; }
            }
            """;
        Project project = CreateProject(source);
        var (document, diagnostic) = Assert.Single(await DiagnosticsAsync(project, "SAD0004"));
        Assert.Empty(await ActionsAsync(new MarkParameterNoDiffCodeFix(), document, diagnostic));
    }
}

public class RemoveNoDiffTests
{
    [Fact]
    public async Task RemovesNoDiffFromTheCalleeParameter()
    {
        const string source = """
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) => G(x, x, 1.0);
            }
            """;
        const string callee = """
            using SourceAD;

            public static partial class Net
            {
                [Differentiable]
                public static double G(double x, [NoDiff] double s, [NoDiff] double t) => x * s * t;
            }
            """;
        // The active value x reaches [NoDiff] 's'; 't' receives a constant and keeps its [NoDiff].
        Project project = CreateProject(source, callee);
        var (solution, action) = await FixAsync(new RemoveNoDiffCodeFix(), project, "SAD0016");
        Assert.Equal("Remove [NoDiff] from parameter 's' of 'G'", action.Title);
        Assert.Equal(Normalize(callee.Replace("[NoDiff] double s", "double s")), await TextAsync(solution, project, 1));

        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id.StartsWith("SAD", StringComparison.Ordinal));
        Assert.Empty(run.CompilationErrors);
    }
}

public class DeclareOutVariableTypeTests
{
    [Fact]
    public async Task WritesTheTypeTheGeneratedMethodDeclares()
    {
        const string source = """
            using SourceAD;

            namespace Demo;

            public static partial class Steps
            {
                [Differentiable]
                public static double G(double x, double a) => a * (x - 1) * (x - 1);

                // One gradient step on G from x, as a function of a.
                [Differentiable]
                public static double F(double x, double a)
                {
                    GBackward(x, a, out var dx, out double da);
                    return x - 0.1 * dx;
                }
            }
            """;
        Project project = CreateProject(source);
        var (solution, action) = await FixAsync(new DeclareOutVariableTypeCodeFix(), project, "SAD0019");
        Assert.Equal("Declare 'dx' as 'double'", action.Title);
        Assert.Equal(DeclareOutVariableTypeCodeFix.EquivalenceKey, action.EquivalenceKey);
        Assert.Equal(Normalize(source.Replace("out var dx", "out double dx")), await TextAsync(solution, project, 0));

        GeneratorRun run = await RunGeneratorAsync(solution.GetProject(project.Id)!);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "SAD0019");
        Assert.Contains(run.GeneratedSources, s => s.Contains("FBackward("));
        Assert.Empty(run.CompilationErrors);
    }
}
