using System;

namespace SourceAD.Samples.Gmm;

/// <summary>log Γ and the multivariate log Γ_D, which .NET does not provide.</summary>
public static class SpecialFunctions
{
    // Lanczos approximation with g = 7 and nine coefficients: about 15 significant digits for x > 0.5.
    private static readonly double[] Lanczos =
    {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    };

    /// <summary>log Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma is defined here for x > 0.");
        }
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }
        x -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>log Γ_D(a) = (D(D−1)/4)·log π + Σ_{j=1..D} log Γ(a + (1 − j)/2).</summary>
    public static double LogMultivariateGamma(int d, double a)
    {
        double result = 0.25 * d * (d - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= d; j++)
        {
            result += LogGamma(a + 0.5 * (1 - j));
        }
        return result;
    }
}
