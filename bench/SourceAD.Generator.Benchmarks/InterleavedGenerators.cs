using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SourceAD.Generator.Benchmarks;

/// <summary>
/// The editor workload of <see cref="EditorBenchmarks"/> run round-robin in one process, for this build's generator and
/// any other builds of it (another branch's <c>SourceAD.Generator.dll</c>, each loaded into its own load context):
/// each round runs every generator cold and after the one-character edit, back to back, so that their ratios are
/// measured under the same load on a shared machine. Reports medians of the times, of the bytes allocated and of the
/// per-round ratios to the first generator.
/// </summary>
public static class InterleavedGenerators
{
    public static void Run(int rounds, IReadOnlyList<string> others)
    {
        var generators = new List<(string Name, IIncrementalGenerator Generator)> { ("this build", new DifferentiableGenerator()) };
        generators.AddRange(others.Select(path => (path, Load(path))));
        (CSharpCompilation compilation, CSharpCompilation edited) = EditorBenchmarks.Workload();
        var parse = (CSharpParseOptions)compilation.SyntaxTrees[0].Options;
        var warm = generators.Select(g => EditorBenchmarks.NewDriver(g.Generator, parse).RunGenerators(compilation)).ToList();
        var cold = generators.Select(_ => (Ms: new List<double>(), Mb: new List<double>())).ToList();
        var edit = generators.Select(_ => (Ms: new List<double>(), Mb: new List<double>())).ToList();
        for (int round = -3; round < rounds; round++) // three warm-up rounds: tiering
        {
            for (int g = 0; g < generators.Count; g++)
            {
                (double coldMs, double coldMb) = Measure(() => EditorBenchmarks.NewDriver(generators[g].Generator, parse).RunGenerators(compilation));
                (double editMs, double editMb) = Measure(() => warm[g].RunGenerators(edited));
                if (round >= 0)
                {
                    cold[g].Ms.Add(coldMs);
                    cold[g].Mb.Add(coldMb);
                    edit[g].Ms.Add(editMs);
                    edit[g].Mb.Add(editMb);
                }
            }
        }
        Console.WriteLine($"{EditorBenchmarks.Methods} methods, {rounds} rounds, medians:");
        for (int g = 0; g < generators.Count; g++)
        {
            Console.WriteLine($"{generators[g].Name}: cold {Median(cold[g].Ms):F0} ms ({Median(cold[g].Ms) / EditorBenchmarks.Methods:F2} ms per method), {Median(cold[g].Mb):F1} MB;"
                + $" edit {Median(edit[g].Ms):F0} ms, {Median(edit[g].Mb):F1} MB");
            if (g > 0)
            {
                Console.WriteLine($"  per-round ratio to this build: cold {Median(cold[g].Ms.Zip(cold[0].Ms, (a, b) => a / b).ToList()):F2}, edit {Median(edit[g].Ms.Zip(edit[0].Ms, (a, b) => a / b).ToList()):F2}");
            }
        }
    }

    private static (double Ms, double Mb) Measure(Action run)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        run();
        double ms = watch.Elapsed.TotalMilliseconds;
        return (ms, (GC.GetTotalAllocatedBytes(precise: true) - before) / 1e6);
    }

    /// <summary>Another build of the generator, in a load context of its own (Roslyn itself stays shared).</summary>
    private static IIncrementalGenerator Load(string path)
    {
        var context = new AssemblyLoadContext(path);
        Type type = context.LoadFromAssemblyPath(Path.GetFullPath(path)).GetType(typeof(DifferentiableGenerator).FullName!, throwOnError: true)!;
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
