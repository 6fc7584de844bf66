using System;

namespace SourceAD.GradBench.Evals.Lse;

/// <summary>GradBench's <c>lse</c> (<c>cpp/gradbench/evals/lse.hpp</c>): log Σ exp(xᵢ − A) + A with A = max x.</summary>
public static partial class LseObjective
{
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double max = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            max = Math.Max(max, x[i]);
        }
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i] - max);
        }
        return Math.Log(sum) + max;
    }
}
