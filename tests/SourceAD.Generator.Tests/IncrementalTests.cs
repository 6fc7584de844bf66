using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Incrementality: edits that cannot affect the output must leave every tracked step cached, edits to a
/// [Differentiable] method must flow through, and the pipeline must hold only equatable data.
/// </summary>
public class IncrementalTests
{
    private const string ModelSource = """
        using System;
        using SourceAD;

        namespace Demo;

        public static partial class Model
        {
            [Differentiable]
            public static double F(double a, double b)
            {
                return a * b + Math.Sin(a);
            }

            [Differentiable]
            public static double G(double x, [NoDiff] double y, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += x * y;
                }
                return s;
            }
        }

        public static partial class Second
        {
            [Differentiable]
            public static float H(float u) { return u * u; }
        }
        """;

    private const string ModelSourceEditedBody = """
        using System;
        using SourceAD;

        namespace Demo;

        public static partial class Model
        {
            [Differentiable]
            public static double F(double a, double b)
            {
                return a * b + Math.Cos(a) * b;
            }

            [Differentiable]
            public static double G(double x, [NoDiff] double y, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += x * y;
                }
                return s;
            }
        }

        public static partial class Second
        {
            [Differentiable]
            public static float H(float u) { return u * u; }
        }
        """;

    private const string UnrelatedSource = """
        namespace Other;

        public static class Util
        {
            public static int Twice(int x) { return x * 2; }
        }
        """;

    private const string UnrelatedSourceEdited = """
        namespace Other;

        // An edit that has nothing to do with [Differentiable] methods.
        public static class Util
        {
            public static int Twice(int x) { return x + x; }

            public static double Half(double x) { return x / 2; }
        }
        """;

    private static readonly string[] PipelineSteps = { TrackingNames.Parse, TrackingNames.Models, TrackingNames.Derive, TrackingNames.Availability };

    private static (GeneratorDriver Driver, GeneratorResult First, CSharpCompilation Compilation, SyntaxTree Model, SyntaxTree Unrelated) RunInitial()
    {
        SyntaxTree model = GeneratorHarness.Parse(ModelSource, "Model.cs");
        SyntaxTree unrelated = GeneratorHarness.Parse(UnrelatedSource, "Unrelated.cs");
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(model, unrelated);
        (GeneratorDriver driver, GeneratorResult first) = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        first.AssertCleanRun();
        return (driver, first, compilation, model, unrelated);
    }

    [Fact]
    public void EditingUnrelatedTree_EveryStepIsCachedOrUnchanged()
    {
        var (driver, first, compilation, _, unrelated) = RunInitial();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated, GeneratorHarness.Parse(UnrelatedSourceEdited, "Unrelated.cs"));
        (_, GeneratorResult second) = GeneratorHarness.Run(driver, edited);
        second.AssertCleanRun();

        GeneratorRunResult run = second.Single;
        var problems = new List<string>();
        foreach (string stepName in PipelineSteps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(stepName),
                $"Step '{stepName}' is not tracked (WithTrackingName missing?). Tracked: {string.Join(", ", run.TrackedSteps.Keys)}");
            problems.AddRange(NotCachedOutputs(stepName, run.TrackedSteps[stepName]));
        }
        Assert.NotEmpty(run.TrackedOutputSteps);
        foreach ((string name, var steps) in run.TrackedOutputSteps)
        {
            problems.AddRange(NotCachedOutputs(name, steps));
        }
        Assert.True(problems.Count == 0, "Outputs recomputed after an unrelated edit:\n" + string.Join("\n", problems));

        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void RerunWithSameCompilation_EveryStepIsCached()
    {
        var (driver, first, compilation, _, _) = RunInitial();
        (_, GeneratorResult second) = GeneratorHarness.Run(driver, compilation);

        GeneratorRunResult run = second.Single;
        var problems = new List<string>();
        foreach (string stepName in PipelineSteps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(stepName), $"Step '{stepName}' is not tracked.");
            problems.AddRange(NotCachedOutputs(stepName, run.TrackedSteps[stepName]));
        }
        foreach ((string name, var steps) in run.TrackedOutputSteps)
        {
            problems.AddRange(NotCachedOutputs(name, steps));
        }
        Assert.True(problems.Count == 0, "Outputs recomputed on an identical compilation:\n" + string.Join("\n", problems));
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void EditingDifferentiableBody_ModifiesOutput()
    {
        var (driver, first, compilation, model, _) = RunInitial();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(model, GeneratorHarness.Parse(ModelSourceEditedBody, "Model.cs"));
        (_, GeneratorResult second) = GeneratorHarness.Run(driver, edited);
        second.AssertCleanRun();

        GeneratorRunResult run = second.Single;
        Assert.True(run.TrackedSteps.ContainsKey(TrackingNames.Parse), "Parse step is not tracked.");
        Assert.Contains(run.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs),
            o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains(run.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified || o.Reason == IncrementalStepRunReason.New);

        Assert.NotEqual(first.AllGeneratedSource, second.AllGeneratedSource);
        Assert.Contains("Cos", second.AllGeneratedSource);

        using LoadedAssembly asm = second.Load();
        asm.AssertGradient("Demo.Model", "F", new object[] { 0.4, 1.7 });
    }

    [Fact]
    public void PipelineHoldsOnlyEquatableData()
    {
        var (driver, _, compilation, _, unrelated) = RunInitial();
        // Check both the first run and an incremental one (cached values are the ones kept alive between runs).
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated, GeneratorHarness.Parse(UnrelatedSourceEdited, "Unrelated.cs"));
        (GeneratorDriver _, GeneratorResult second) = GeneratorHarness.Run(driver, edited);

        var problems = new List<string>();
        foreach (GeneratorRunResult run in new[] { driver.GetRunResult().Results[0], second.Single })
        {
            foreach (string stepName in PipelineSteps)
            {
                Assert.True(run.TrackedSteps.ContainsKey(stepName), $"Step '{stepName}' is not tracked.");
                foreach (IncrementalGeneratorRunStep step in run.TrackedSteps[stepName])
                {
                    foreach ((object value, _) in step.Outputs)
                    {
                        FindRoslynObjects(value, stepName, new HashSet<object>(ReferenceEqualityComparer.Instance), 0, problems);
                    }
                }
            }
            foreach ((string name, var steps) in run.TrackedOutputSteps)
            {
                foreach ((object value, _) in steps.SelectMany(s => s.Outputs))
                {
                    FindRoslynObjects(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), 0, problems);
                }
            }
        }
        Assert.True(problems.Count == 0, "Pipeline holds non-equatable Roslyn objects:\n" + string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void RoslynObjectWalker_FindsNestedSyntaxAndCompilation()
    {
        var problems = new List<string>();
        object planted = (1, new object[] { "a", (2.0, SyntaxFactory.IdentifierName("x")) }, GeneratorHarness.CreateCompilation("class A {}"));
        FindRoslynObjects(planted, "planted", new HashSet<object>(ReferenceEqualityComparer.Instance), 0, problems);
        Assert.Equal(2, problems.Count);
    }

    private static IEnumerable<string> NotCachedOutputs(string stepName, IEnumerable<IncrementalGeneratorRunStep> steps) =>
        steps.SelectMany(s => s.Outputs)
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .Select(o => $"  {stepName}: {o.Reason} {Describe(o.Value)}");

    private static string Describe(object? value)
    {
        string text = value?.ToString() ?? "null";
        return text.Length > 200 ? text[..200] + "..." : text;
    }

    private const int MaxDepth = 16;

    /// <summary>
    /// Walks a step output (records, tuples, collections — public properties and fields, with a visited set and
    /// a depth limit) and records every <see cref="ISymbol"/>, <see cref="SyntaxNode"/>, <see cref="SemanticModel"/>
    /// or <see cref="Compilation"/> it reaches.
    /// </summary>
    private static void FindRoslynObjects(object? value, string path, HashSet<object> visited, int depth, List<string> problems)
    {
        if (value is null)
        {
            return;
        }
        if (value is ISymbol or SyntaxNode or SemanticModel or Compilation)
        {
            problems.Add($"  {path}: {value.GetType().FullName}");
            return;
        }

        Type type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal or Type || depth >= MaxDepth)
        {
            return;
        }
        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable enumerable)
        {
            try
            {
                int index = 0;
                foreach (object? item in enumerable)
                {
                    FindRoslynObjects(item, $"{path}[{index}]", visited, depth + 1, problems);
                    if (++index >= 10_000)
                    {
                        break;
                    }
                }
            }
            catch (Exception)
            {
                // e.g. enumerating a default ImmutableArray: nothing inside it.
            }
            return;
        }

        if (!ShouldWalkMembers(type))
        {
            return;
        }
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }
            object? child;
            try
            {
                child = property.GetValue(value);
            }
            catch (Exception)
            {
                continue;
            }
            FindRoslynObjects(child, $"{path}.{property.Name}", visited, depth + 1, problems);
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            FindRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", visited, depth + 1, problems);
        }
    }

    /// <summary>Walk the generator's own types and the BCL's tuple-like containers; do not crawl arbitrary framework objects.</summary>
    private static bool ShouldWalkMembers(Type type)
    {
        if (type.Assembly == typeof(DifferentiableGenerator).Assembly)
        {
            return true;
        }
        if (type.IsGenericType)
        {
            Type definition = type.GetGenericTypeDefinition();
            string name = definition.FullName ?? "";
            return name.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
                || name.StartsWith("System.Tuple`", StringComparison.Ordinal)
                || definition == typeof(KeyValuePair<,>)
                || definition == typeof(Nullable<>);
        }
        return false;
    }
}
