using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SourceAD.Generator;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>An edit inside one [Differentiable] method regenerates that method only; the others stay cached.</summary>
public class IncrementalEditTests
{
    private static string Method(string name, string constant) => $$"""
        using System;
        using SourceAD;

        namespace Demo;

        public static partial class {{name}}Holder
        {
            [Differentiable]
            public static double {{name}}(double a) => Math.Sin(a * {{constant}});
        }
        """;

    [Fact]
    public void EditingOneMethod_RegeneratesOnlyThatMethod()
    {
        var trees = new[] { GeneratorHarness.Parse(Method("F", "1.5"), "F.cs"), GeneratorHarness.Parse(Method("G", "2.5"), "G.cs") };
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(trees);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(trees[0], GeneratorHarness.Parse(Method("F", "1.6"), "F.cs"));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results[0];

        var models = run.TrackedSteps[TrackingNames.Models].SelectMany(step => step.Outputs).ToList();
        Assert.Equal(2, models.Count);
        Assert.Single(models, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(models, output => output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Equal("F", ((SourceAD.Generator.Model.MethodModel)models.Single(o => o.Reason == IncrementalStepRunReason.Modified).Value).Name);
        Assert.Contains(run.GeneratedSources, source => source.HintName.StartsWith("Demo.FHolder.F(") && source.SourceText.ToString().Contains("1.6"));
    }
}
