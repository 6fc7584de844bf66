using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace SourceAD.Benchmarks;

/// <summary>
/// Round-robin timing in one process: each round times every action back to back, each for a fixed budget, so that a
/// ratio's two sides run under the same conditions on a machine whose speed drifts. Quote medians of per-round ratios.
/// </summary>
public static class Interleaving
{
    /// <summary>Per action, its milliseconds per call in each of <paramref name="rounds"/> rounds (after one warm-up round).</summary>
    public static List<double>[] Measure(IReadOnlyList<Action> actions, int rounds, double budget)
    {
        foreach (Action action in actions)
        {
            Time(action, budget); // warm-up: tiering and caches
        }
        var times = actions.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < actions.Count; i++)
            {
                times[i].Add(Time(actions[i], budget));
            }
        }
        return times;
    }

    /// <summary>The median over rounds of <paramref name="times"/>[a] / <paramref name="times"/>[b], round by round.</summary>
    public static double MedianRatio(List<double>[] times, int a, int b) =>
        Median(times[a].Zip(times[b], (x, y) => x / y).ToList());

    /// <summary>Milliseconds per call, over as many calls as fit in <paramref name="budget"/> milliseconds.</summary>
    public static double Time(Action action, double budget)
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

    public static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : 0.5 * (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]);
    }

    public static string Format(double milliseconds) =>
        milliseconds >= 1 ? $"{milliseconds:F2} ms" : milliseconds >= 1e-3 ? $"{milliseconds * 1000:F1} μs" : $"{milliseconds * 1e6:F1} ns";
}
