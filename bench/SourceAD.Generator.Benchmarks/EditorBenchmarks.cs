using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SourceAD.Generator.Benchmarks;

/// <summary>
/// What the generator costs in the editor: a compilation with 200 [Differentiable] methods of mixed size (one file
/// per method, as in a real project). Cold: the first run over all of them. Edit: the run after a one-character edit
/// inside one method's body, on a driver that has already run (the other 199 stay cached).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EditorBenchmarks
{
    public const int Methods = 200;

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _edited = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_compilation, _edited) = Workload();
        _warmDriver = NewDriver((CSharpParseOptions)_compilation.SyntaxTrees[0].Options).RunGenerators(_compilation);
    }

    /// <summary>The compilation of the 200 methods, and the same with a one-character edit in the body of method 100.</summary>
    public static (CSharpCompilation Compilation, CSharpCompilation Edited) Workload()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Enumerable.Range(0, Methods).Select(i => CSharpSyntaxTree.ParseText(MethodSource(i, "1.5"), parse, $"M{i}.cs")).ToList();
        var compilation = CSharpCompilation.Create("Bench", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        SyntaxTree old = trees[Methods / 2];
        return (compilation, compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(MethodSource(Methods / 2, "1.6"), parse, old.FilePath)));
    }

    /// <summary>All 200 methods parsed, differentiated and emitted from scratch.</summary>
    [Benchmark]
    public GeneratorDriver Cold() => NewDriver((CSharpParseOptions)_compilation.SyntaxTrees[0].Options).RunGenerators(_compilation);

    /// <summary>One method edited; the driver reuses every other method's cached output.</summary>
    [Benchmark]
    public GeneratorDriver OneCharacterEdit() => _warmDriver.RunGenerators(_edited);

    private static GeneratorDriver NewDriver(CSharpParseOptions parse) => NewDriver(new DifferentiableGenerator(), parse);

    public static GeneratorDriver NewDriver(IIncrementalGenerator generator, CSharpParseOptions parse) =>
        CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, parseOptions: parse);

    private static IEnumerable<MetadataReference> References()
    {
        string platform = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return platform.Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location));
    }

    /// <summary>Method i: a third straight-line, a third with a loop and a branch, a third over a buffer with a call.</summary>
    public static string MethodSource(int i, string constant)
    {
        var body = new StringBuilder();
        switch (i % 3)
        {
            case 0:
                body.AppendLine($"double y = Math.Sin(a * {constant}) * b + Math.Exp(-a * a);");
                body.AppendLine("double z = y / (1 + b * b);");
                body.AppendLine("return z * z + Math.Log(1 + y * y);");
                break;
            case 1:
                body.AppendLine("double s = 0;");
                body.AppendLine("for (int k = 0; k < n; k++)");
                body.AppendLine("{");
                body.AppendLine($"    double t = Math.Tanh(a * k + b * {constant});");
                body.AppendLine("    if (t > 0.5) s += t * a; else s -= Math.Sqrt(1 + t * t) * b;");
                body.AppendLine("}");
                body.AppendLine("return s;");
                break;
            default:
                body.AppendLine("double s = 0;");
                body.AppendLine($"for (int k = 0; k < p.Length; k++) s += p[k] * p[k] * {constant};");
                body.AppendLine("double m = p[0];");
                body.AppendLine("for (int k = 1; k < p.Length; k++) if (p[k] > m) m = p[k];");
                body.AppendLine("return s + m * a + Math.Atan2(a, b);");
                break;
        }
        string parameters = i % 3 == 2 ? "double a, double b, double[] p" : "double a, double b, int n";
        return $$"""
            using System;
            using SourceAD;

            namespace Bench;

            public static partial class C{{i}}
            {
                [Differentiable]
                public static double F{{i}}({{parameters}})
                {
            {{body}}
                }
            }
            """;
    }
}
