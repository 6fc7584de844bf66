using System;

namespace SourceAD.GradBench.Evals;

/// <summary>Small, fixed pseudo-random inputs for warming up the JIT (their values do not matter).</summary>
public static class WarmUpData
{
    public static double[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextDouble();
        }
        return values;
    }
}
