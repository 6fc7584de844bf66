using System;

namespace SourceAD.GradBench.Evals.Llsq;

/// <summary>
/// GradBench's <c>llsq</c> (<c>cpp/gradbench/evals/llsq.hpp</c>): ½ Σᵢ (sign(tᵢ) − Σⱼ xⱼ tᵢʲ)² with
/// tᵢ = −1 + 2i/(n − 1), i = 0..n−1.
/// </summary>
public static partial class LlsqObjective
{
    [Differentiable]
    public static double Primal(ReadOnlySpan<double> x, int n)
    {
        int m = x.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double ti = -1 + i * 2.0 / (n - 1);
            double innerSum = Math.Sign(ti);
            double mul = 1;
            for (int j = 0; j < m; j++)
            {
                innerSum -= x[j] * mul;
                mul *= ti;
            }
            sum += innerSum * innerSum;
        }
        return sum / 2;
    }
}
