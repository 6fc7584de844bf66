using System.Collections.Generic;
using System.Diagnostics;
using SourceAD.GradBench.Evals;

namespace SourceAD.GradBench.Protocol;

/// <summary>Runs a computation until both <see cref="Runs.MinRuns"/> and <see cref="Runs.MinSeconds"/> are met, one timing per run.</summary>
public static class TimedRuns
{
    public static List<Timing> Measure(IComputation computation, Runs runs)
    {
        var timings = new List<Timing>();
        long totalTicks = 0;
        long minTicks = (long)(runs.MinSeconds * Stopwatch.Frequency);
        while (timings.Count < runs.MinRuns || totalTicks < minTicks)
        {
            long start = Stopwatch.GetTimestamp();
            computation.Run();
            long elapsed = Stopwatch.GetTimestamp() - start;
            totalTicks += elapsed;
            timings.Add(new Timing("evaluate", ToNanoseconds(elapsed)));
        }
        return timings;
    }

    private static long ToNanoseconds(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)((double)ticks * 1e9 / Stopwatch.Frequency);
}
