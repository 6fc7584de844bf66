using System;
using SourceAD.GradBench.Evals.Lse;

namespace SourceAD.GradBench.Evals.Gmm;

/// <summary>
/// GradBench's <c>gmm</c> log-posterior (<c>cpp/gradbench/evals/gmm.hpp</c>, from ADBench): α (k), μ and q (k×d),
/// l (k × d(d−1)/2, each component's strictly lower triangle column by column), data x (n×d), Wishart prior (γ, m).
/// </summary>
public static partial class GmmObjective
{
    /// <summary>
    /// −(n·d/2)·log 2π + Σᵢ logsumexpₖ βᵢₖ − n·logsumexp(α) + Wishart prior, with
    /// βᵢₖ = αₖ + Σⱼ qₖⱼ − ½‖Qₖ(xᵢ − μₖ)‖² and Qₖ lower triangular with diagonal exp(qₖ) and lₖ below it.
    /// </summary>
    [Differentiable]
    public static double Objective(double[] alpha, double[] mu, double[] q, double[] l, [NoDiff] double[] x, int d, int k, int n, [NoDiff] double gamma, int m)
    {
        double[] qDiagonals = new double[d * k];
        double[] sumQs = new double[k];
        for (int i = 0; i < d * k; i++)
        {
            qDiagonals[i] = Math.Exp(q[i]);
        }
        for (int c = 0; c < k; c++)
        {
            double sumQ = 0;
            for (int j = 0; j < d; j++)
            {
                sumQ += q[c * d + j];
            }
            sumQs[c] = sumQ;
        }
        // One call per point: each is a checkpoint, and a sum of calls is taken by the reverse sweep alone.
        double sumLogSumExp = 0;
        for (int i = 0; i < n; i++)
        {
            sumLogSumExp += PointLogSumExp(alpha, mu, qDiagonals, sumQs, l, x.AsSpan(i * d, d), d, k);
        }
        double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
        return constant + sumLogSumExp - n * LseObjective.LogSumExp(alpha) + LogWishartPrior(qDiagonals, sumQs, l, d, k, gamma, m);
    }

    /// <summary>logsumexpₖ βₖ for one data point <paramref name="xi"/>.</summary>
    [Differentiable]
    public static double PointLogSumExp(ReadOnlySpan<double> alpha, ReadOnlySpan<double> mu, ReadOnlySpan<double> qDiagonals, ReadOnlySpan<double> sumQs, ReadOnlySpan<double> l, [NoDiff] ReadOnlySpan<double> xi, int d, int k)
    {
        int triangle = d * (d - 1) / 2;
        // Element (row r, column col) of Lₖ sits at k·triangle + col(2d − col − 1)/2 + r − col − 1: one start per column.
        Span<int> columnStart = stackalloc int[d];
        for (int col = 0; col < d; col++)
        {
            columnStart[col] = col * (2 * d - col - 1) / 2 - col - 1;
        }
        Span<double> mainTerm = stackalloc double[k];
        Span<double> centered = stackalloc double[d];
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d; j++)
            {
                centered[j] = xi[j] - mu[c * d + j];
            }
            // ‖Qₖ(xᵢ − μₖ)‖², one row of Qₖ at a time: the reference's Qtimesx adds the same products in the same order.
            double squaredNorm = 0;
            for (int r = 0; r < d; r++)
            {
                double y = qDiagonals[c * d + r] * centered[r];
                for (int col = 0; col < r; col++)
                {
                    y += l[c * triangle + columnStart[col] + r] * centered[col];
                }
                squaredNorm += y * y;
            }
            mainTerm[c] = alpha[c] + sumQs[c] - 0.5 * squaredNorm;
        }
        // logsumexp(mainTerm), in line (the reference's logsumexp): as a call it would be a checkpoint whose forward runs
        // again in its pullback, and keeping each exp in a buffer spares the reverse sweep from computing it again.
        double max = mainTerm[0];
        for (int c = 1; c < k; c++)
        {
            max = Math.Max(max, mainTerm[c]);
        }
        Span<double> terms = stackalloc double[k];
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            terms[c] = Math.Exp(mainTerm[c] - max);
            sum += terms[c];
        }
        return Math.Log(sum) + max;
    }

    /// <summary>log_wishart_prior: −Σₖ [½γ²(‖exp qₖ‖² + ‖lₖ‖²) − m·Σⱼ qₖⱼ] + k·C.</summary>
    [Differentiable]
    public static double LogWishartPrior(ReadOnlySpan<double> qDiagonals, ReadOnlySpan<double> sumQs, ReadOnlySpan<double> l, int d, int k, [NoDiff] double gamma, int m)
    {
        int triangle = d * (d - 1) / 2;
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            double frobenius = 0;
            for (int j = 0; j < d; j++)
            {
                frobenius += qDiagonals[c * d + j] * qDiagonals[c * d + j];
            }
            double lNorm = 0;
            for (int j = 0; j < triangle; j++)
            {
                lNorm += l[c * triangle + j] * l[c * triangle + j];
            }
            frobenius += lNorm;
            sum += 0.5 * gamma * gamma * frobenius - m * sumQs[c];
        }
        return -sum + k * WishartConstant(d, gamma, m);
    }

    /// <summary>C = N·d·(log γ − ½ log 2) − log Γ_d(N/2), N = d + m + 1.</summary>
    public static double WishartConstant(int d, double gamma, int m)
    {
        int n = d + m + 1;
        return n * d * (Math.Log(gamma) - 0.5 * Math.Log(2)) - LogGamma.LogMultivariate(0.5 * n, d);
    }
}
