using System;

namespace SourceAD.Samples.Gmm;

/// <summary>
/// The GMM log-posterior of ADBench/GradBench written once, as plain C# over flat arrays, and differentiated by SourceAD.
/// The per-point log-likelihood is a method of its own: each call is a checkpoint, so the reverse sweep recomputes one
/// point at a time instead of storing the whole forward pass (memory stays O(K·D²), independent of N).
/// </summary>
public static partial class GmmObjective
{
    /// <summary>
    /// F(α, μ, q, l) = Σᵢ logsumexpₖ βᵢₖ − N·(logsumexp(α) + (D/2)·log 2π) + log-prior, with
    /// βᵢₖ = αₖ + Σⱼ qₖⱼ − ½‖Qₖ(xᵢ − μₖ)‖².
    /// </summary>
    [Differentiable]
    public static double Objective(double[] alpha, double[] means, double[] q, double[] l, [NoDiff] double[] x, int d, int k, int n, [NoDiff] double gamma, int m)
    {
        // Per component, once: the diagonal of Qₖ (exp q) and log det Qₖ = Σⱼ qₖⱼ, which every point reuses.
        double[] diagonal = new double[k * d];
        double[] logDeterminant = new double[k];
        for (int c = 0; c < k; c++)
        {
            double sumQ = 0;
            for (int j = 0; j < d; j++)
            {
                diagonal[c * d + j] = Math.Exp(q[c * d + j]);
                sumQ += q[c * d + j];
            }
            logDeterminant[c] = sumQ;
        }
        double logLikelihood = 0;
        for (int i = 0; i < n; i++)
        {
            logLikelihood += PointLogLikelihood(alpha, means, diagonal, logDeterminant, l, x.AsSpan(i * d, d), d, k);
        }
        logLikelihood -= n * (LogSumExp(alpha) + 0.5 * d * Math.Log(2 * Math.PI));
        return logLikelihood + LogPrior(q, l, d, k, gamma, m) + k * PriorConstant(d, gamma, m);
    }

    /// <summary>logsumexpₖ βₖ for one data point xᵢ, given each component's diagonal exp(qₖ) and log det Qₖ.</summary>
    [Differentiable]
    public static double PointLogLikelihood(ReadOnlySpan<double> alpha, ReadOnlySpan<double> means, ReadOnlySpan<double> diagonal, ReadOnlySpan<double> logDeterminant, ReadOnlySpan<double> l, [NoDiff] ReadOnlySpan<double> xi, int d, int k)
    {
        int triangle = d * (d - 1) / 2;
        // Column col of each Lₖ is stored from l[c·triangle + col·(2D − col − 1)/2] down: element (r, col) sits at
        // c·triangle + columnStart[col] + r. One division per column here, instead of one per element below.
        Span<int> columnStart = stackalloc int[d];
        for (int col = 0; col < d; col++)
        {
            columnStart[col] = col * (2 * d - col - 1) / 2 - col - 1;
        }
        Span<double> beta = stackalloc double[k];
        Span<double> centered = stackalloc double[d];
        double maxBeta = double.NegativeInfinity;
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d; j++)
            {
                centered[j] = xi[j] - means[c * d + j];
            }
            // ‖Qₖ(xᵢ − μₖ)‖², row by row of the lower-triangular Qₖ (diagonal exp(q), below it l column by column).
            double squaredNorm = 0;
            for (int r = 0; r < d; r++)
            {
                double y = diagonal[c * d + r] * centered[r];
                for (int col = 0; col < r; col++)
                {
                    y += l[c * triangle + columnStart[col] + r] * centered[col];
                }
                squaredNorm += y * y;
            }
            beta[c] = alpha[c] + logDeterminant[c] - 0.5 * squaredNorm;
            if (beta[c] > maxBeta)
            {
                maxBeta = beta[c];
            }
        }
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            sum += Math.Exp(beta[c] - maxBeta);
        }
        return maxBeta + Math.Log(sum);
    }

    /// <summary>log Σₖ exp(vₖ), made stable by subtracting the maximum.</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> v)
    {
        double max = v[0];
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] > max)
            {
                max = v[i];
            }
        }
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += Math.Exp(v[i] - max);
        }
        return max + Math.Log(sum);
    }

    /// <summary>The Wishart log-prior without its constant: Σₖ −(γ²/2)·‖Qₖ‖²_F + m·Σⱼ qₖⱼ.</summary>
    [Differentiable]
    public static double LogPrior(ReadOnlySpan<double> q, ReadOnlySpan<double> l, int d, int k, [NoDiff] double gamma, int m)
    {
        double halfGammaSquared = 0.5 * gamma * gamma;
        double sum = 0;
        for (int i = 0; i < k * d; i++)
        {
            sum += m * q[i] - halfGammaSquared * Math.Exp(2 * q[i]);
        }
        for (int i = 0; i < l.Length; i++)
        {
            sum -= halfGammaSquared * l[i] * l[i];
        }
        return sum;
    }

    /// <summary>The log-prior's constant per component: n·D·log(γ/√2) − log Γ_D(n/2), with n = D + m + 1.</summary>
    public static double PriorConstant(int d, double gamma, int m)
    {
        int n = d + m + 1;
        return n * d * Math.Log(gamma / Math.Sqrt(2)) - SpecialFunctions.LogMultivariateGamma(d, 0.5 * n);
    }
}
