using System;
using System.Collections.Generic;
using SourceAD.Samples.Gmm;

using static SourceAD.Benchmarks.Interleaving;

namespace SourceAD.Benchmarks;

/// <summary>
/// The GMM ratios measured in one process, round-robin (<see cref="Interleaving"/>): the objective, the generated
/// gradient and the hand-written gradient; the report gives the medians of the per-round times and of the per-round
/// ratios. On a shared machine whose speed drifts by tens of percent over minutes, this keeps a ratio's two sides
/// under the same conditions, which BenchmarkDotNet's one process per benchmark, run one after the other, cannot. Run: <c>dotnet run -c Release --project bench/SourceAD.Benchmarks -- --interleaved [rounds]</c>.
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
            List<double>[] times = Interleaving.Measure(actions, rounds, budget);
            Console.WriteLine($"| {size} | {Format(Median(times[0]))} | {Format(Median(times[1]))} | {Format(Median(times[2]))} | **{MedianRatio(times, 1, 2):F2}** | {MedianRatio(times, 1, 0):F2} | {MedianRatio(times, 2, 0):F2} |");
        }
    }
}
