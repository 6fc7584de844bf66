using System;

namespace SourceAD.Samples.Gmm;

/// <summary>
/// The GMM objective's gradient derived by hand, as an expert would write it: one pass per point computes
/// yₖ = Qₖ(xᵢ − μₖ) and βₖ, then the softmax weights wₖ = exp(βₖ − logsumexp β) scale the closed-form partials
/// ∂β/∂α = 1, ∂β/∂qⱼ = 1 − yⱼ·exp(qⱼ)·(xᵢ − μ)ⱼ, ∂β/∂L_rc = −y_r·(xᵢ − μ)_c, ∂β/∂μ = Qᵀy.
/// It is the reference the generated gradient is tested and benchmarked against.
/// </summary>
public static class GmmHandWritten
{
    /// <summary>Writes ∂F/∂(α, μ, q, l) into <paramref name="gradient"/> and returns F.</summary>
    public static double Gradient(GmmProblem p, GmmGradient gradient, GmmScratch scratch)
    {
        int d = p.D, k = p.K, n = p.N, triangle = p.TriangleSize;
        double[] alpha = p.Alpha, means = p.Means, q = p.Q, l = p.L, x = p.X;
        double[] dAlpha = gradient.Alpha, dMeans = gradient.Means, dQ = gradient.Q, dL = gradient.L;
        Array.Clear(dAlpha);
        Array.Clear(dMeans);
        Array.Clear(dQ);
        Array.Clear(dL);
        double[] expQ = scratch.ExpQ, sumQ = scratch.SumQ, beta = scratch.Beta, centered = scratch.Centered, y = scratch.Y;

        for (int c = 0; c < k; c++)
        {
            double s = 0;
            for (int j = 0; j < d; j++)
            {
                expQ[c * d + j] = Math.Exp(q[c * d + j]);
                s += q[c * d + j];
            }
            sumQ[c] = s;
        }

        double logLikelihood = 0;
        for (int i = 0; i < n; i++)
        {
            int xi = i * d;
            double maxBeta = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double squaredNorm = QTimesCentered(x, xi, means, expQ, l, c, d, triangle, centered, y, store: false);
                beta[c] = alpha[c] + sumQ[c] - 0.5 * squaredNorm;
                maxBeta = Math.Max(maxBeta, beta[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                sum += Math.Exp(beta[c] - maxBeta);
            }
            double lse = maxBeta + Math.Log(sum);
            logLikelihood += lse;

            for (int c = 0; c < k; c++)
            {
                double w = Math.Exp(beta[c] - lse);
                QTimesCentered(x, xi, means, expQ, l, c, d, triangle, centered, y, store: true);
                dAlpha[c] += w;
                int lBase = c * triangle;
                for (int r = 0; r < d; r++)
                {
                    // ∂β/∂y = −y, so the upstream of row r is −w·y_r.
                    double upstream = -w * y[r];
                    dQ[c * d + r] += w + upstream * expQ[c * d + r] * centered[r];
                    double dCentered = upstream * expQ[c * d + r];
                    dMeans[c * d + r] -= dCentered;
                }
                for (int col = 0; col < d; col++)
                {
                    double dCentered = 0;
                    int idx = lBase + col * (2 * d - col - 1) / 2;
                    for (int r = col + 1; r < d; r++, idx++)
                    {
                        double upstream = -w * y[r];
                        dL[idx] += upstream * centered[col];
                        dCentered += upstream * l[idx];
                    }
                    dMeans[c * d + col] -= dCentered;
                }
            }
        }

        // −N·logsumexp(α): its gradient is −N·softmax(α).
        double maxAlpha = double.NegativeInfinity;
        for (int c = 0; c < k; c++) maxAlpha = Math.Max(maxAlpha, alpha[c]);
        double alphaSum = 0;
        for (int c = 0; c < k; c++) alphaSum += Math.Exp(alpha[c] - maxAlpha);
        double lseAlpha = maxAlpha + Math.Log(alphaSum);
        for (int c = 0; c < k; c++) dAlpha[c] -= n * Math.Exp(alpha[c] - lseAlpha);
        logLikelihood -= n * (lseAlpha + 0.5 * d * Math.Log(2 * Math.PI));

        // Log-prior: −(γ²/2)(Σ exp(2q) + Σ l²) + m·Σ q.
        double halfGammaSquared = 0.5 * p.Gamma * p.Gamma;
        double prior = 0;
        for (int i = 0; i < k * d; i++)
        {
            double e2 = expQ[i] * expQ[i];
            prior += p.M * q[i] - halfGammaSquared * e2;
            dQ[i] += p.M - 2 * halfGammaSquared * e2;
        }
        for (int i = 0; i < l.Length; i++)
        {
            prior -= halfGammaSquared * l[i] * l[i];
            dL[i] -= 2 * halfGammaSquared * l[i];
        }
        return logLikelihood + prior + k * GmmObjective.PriorConstant(d, p.Gamma, p.M);
    }

    /// <summary>Computes centered = xᵢ − μₖ and y = Qₖ·centered; returns ‖y‖².</summary>
    private static double QTimesCentered(double[] x, int xi, double[] means, double[] expQ, double[] l, int c, int d, int triangle, double[] centered, double[] y, bool store)
    {
        for (int j = 0; j < d; j++)
        {
            centered[j] = x[xi + j] - means[c * d + j];
            y[j] = expQ[c * d + j] * centered[j];
        }
        int idx = c * triangle;
        for (int col = 0; col < d; col++)
        {
            double v = centered[col];
            for (int r = col + 1; r < d; r++, idx++)
            {
                y[r] += l[idx] * v;
            }
        }
        double squaredNorm = 0;
        for (int j = 0; j < d; j++)
        {
            squaredNorm += y[j] * y[j];
        }
        return squaredNorm;
    }
}

/// <summary>Work buffers for <see cref="GmmHandWritten"/>, allocated once per problem size.</summary>
public sealed class GmmScratch
{
    public GmmScratch(GmmProblem p)
    {
        ExpQ = new double[p.K * p.D];
        SumQ = new double[p.K];
        Beta = new double[p.K];
        Centered = new double[p.D];
        Y = new double[p.D];
    }

    public double[] ExpQ { get; }
    public double[] SumQ { get; }
    public double[] Beta { get; }
    public double[] Centered { get; }
    public double[] Y { get; }
}
