using System;
using System.Runtime.InteropServices;

namespace SourceAD.GradBench.Evals.Gmm;

/// <summary>log Γ from the C library (the reference calls the same <c>lgamma</c>), and the multivariate log Γ_p.</summary>
public static partial class LogGamma
{
    /// <summary>log Γ_p(a) = p(p−1)/4 · log π + Σⱼ₌₁..ₚ log Γ(a + (1 − j)/2) (<c>log_gamma_distrib</c>).</summary>
    public static double LogMultivariate(double a, int p)
    {
        double result = 0.25 * p * (p - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= p; j++)
        {
            result += Lgamma(a + 0.5 * (1 - j));
        }
        return result;
    }

    [LibraryImport("libm.so.6", EntryPoint = "lgamma")]
    private static partial double Lgamma(double x);
}
