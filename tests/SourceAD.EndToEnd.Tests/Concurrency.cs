using M = SourceAD.EndToEnd.Tests.LoopModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Generated methods keep no shared state: concurrent calls give the single-threaded results bit for bit.</summary>
public sealed class ConcurrencyTests
{
    private const int Calls = 10_000;

    [Fact]
    public void BackwardCalledFromManyThreadsMatchesSingleThreadedCalls()
    {
        var expected = new (double Value, double Gradient)[Calls];
        for (int i = 0; i < Calls; i++)
        {
            expected[i] = Evaluate(i);
        }

        var actual = new (double Value, double Gradient)[Calls];
        Parallel.For(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount) }, i => actual[i] = Evaluate(i));

        Assert.Equal(expected, actual);
    }

    // A loop method with up to 49 iterations, so each call pushes to and pops from its own primal stack.
    private static (double Value, double Gradient) Evaluate(int i)
    {
        double x = 0.5 + (i % 97) * 0.005;
        double value = M.ForLoopBackward(x, i % 50, out double dx);
        return (value, dx);
    }
}
