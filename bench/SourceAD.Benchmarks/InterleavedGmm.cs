using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using SourceAD.Samples.Gmm;

namespace SourceAD.Benchmarks;

/// <summary>
/// The GMM ratios measured in one process, round-robin: each round times the objective, the generated gradient and
/// the hand-written gradient back to back (each for a fixed time budget), and the report gives the medians of the
/// per-round times and of the per-round ratios. On a shared machine whose speed drifts by tens of percent over
/// minutes, this keeps a ratio's two sides under the same conditions, which BenchmarkDotNet's one process per
/// benchmark, run one after the other, cannot. Run: <c>dotnet run -c Release --project bench/SourceAD.Benchmarks -- --interleaved [rounds]</c>.
/// </summary>
public static class InterleavedGmm
{
    public static void Run(int rounds)
    {
        Console.WriteLine($"GMM, interleaved: {rounds} rounds, medians ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
        Console.WriteLine("| Size | objective | generated gradient | hand-written gradient | generated / hand-written | generated / objective | hand-written / objective |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (GmmSize size in GmmBenchmarks.Sizes)
        {
            var problem = GmmProblem.Random(size.D, size.K, size.N, seed: 42);
            GmmGradient generated = problem.NewGradient(), hand = problem.NewGradient();
            var scratch = new GmmScratch(problem);
            Action[] actions =
            [
                () => problem.Objective(),
                () => problem.Gradient(generated),
                () => GmmHandWritten.Gradient(problem, hand, scratch),
            ];
            double budget = size.D >= 64 ? 400 : 60; // milliseconds per action per round
            foreach (Action action in actions)
            {
                Time(action, budget); // warm-up: tiering and caches
            }
            var times = new List<double>[] { [], [], [] };
            var ratios = new List<double>[] { [], [], [] };
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < actions.Length; i++)
                {
                    times[i].Add(Time(actions[i], budget));
                }
                ratios[0].Add(times[1][^1] / times[2][^1]);
                ratios[1].Add(times[1][^1] / times[0][^1]);
                ratios[2].Add(times[2][^1] / times[0][^1]);
            }
            Console.WriteLine($"| {size} | {Format(Median(times[0]))} | {Format(Median(times[1]))} | {Format(Median(times[2]))} | **{Median(ratios[0]):F2}** | {Median(ratios[1]):F2} | {Median(ratios[2]):F2} |");
        }
    }

    /// <summary>Milliseconds per call, over as many calls as fit in <paramref name="budget"/> milliseconds.</summary>
    private static double Time(Action action, double budget)
    {
        var watch = Stopwatch.StartNew();
        int calls = 0;
        while (watch.Elapsed.TotalMilliseconds < budget)
        {
            action();
            calls++;
        }
        return watch.Elapsed.TotalMilliseconds / calls;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : 0.5 * (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]);
    }

    private static string Format(double milliseconds) =>
        milliseconds >= 1 ? $"{milliseconds:F2} ms" : $"{milliseconds * 1000:F1} μs";
}
