using System;

namespace SourceAD.Samples.Gmm;

/// <summary>
/// One instance of the GMM objective (ADBench / GradBench "gmm"): sizes, data and parameters, in flat row-major arrays.
/// α has K entries, μ and q have K·D, l has K·D(D−1)/2 (each component's strictly lower triangle, column by column),
/// x has N·D.
/// </summary>
public sealed class GmmProblem
{
    private GmmProblem(int d, int k, int n, double[] alpha, double[] means, double[] q, double[] l, double[] x, double gamma, int m)
    {
        D = d;
        K = k;
        N = n;
        Alpha = alpha;
        Means = means;
        Q = q;
        L = l;
        X = x;
        Gamma = gamma;
        M = m;
    }

    public int D { get; }
    public int K { get; }
    public int N { get; }
    public double[] Alpha { get; }
    public double[] Means { get; }
    public double[] Q { get; }
    public double[] L { get; }
    public double[] X { get; }
    public double Gamma { get; }
    public int M { get; }

    /// <summary>Entries of l per component: D(D−1)/2.</summary>
    public int TriangleSize => D * (D - 1) / 2;

    /// <summary>
    /// The suites' typical data from a fixed seed: x, q, α and l standard normal, μ uniform on [0, 1), γ = 1, m = 0.
    /// </summary>
    public static GmmProblem Random(int d, int k, int n, int seed = 42)
    {
        var rng = new Random(seed);
        double[] Normal(int count)
        {
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                // Box–Muller: two uniforms to one standard normal.
                double u1 = 1.0 - rng.NextDouble();
                double u2 = rng.NextDouble();
                values[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            }
            return values;
        }
        double[] Uniform(int count)
        {
            var values = new double[count];
            for (int i = 0; i < count; i++) values[i] = rng.NextDouble();
            return values;
        }
        double[] alpha = Normal(k);
        double[] means = Uniform(k * d);
        double[] q = Normal(k * d);
        double[] l = Normal(k * d * (d - 1) / 2);
        double[] x = Normal(n * d);
        return new GmmProblem(d, k, n, alpha, means, q, l, x, gamma: 1.0, m: 0);
    }

    /// <summary>The objective at this instance's parameters.</summary>
    public double Objective() => GmmObjective.Objective(Alpha, Means, Q, L, X, D, K, N, Gamma, M);

    /// <summary>The objective's gradient by SourceAD's generated backward method; returns the objective.</summary>
    public double Gradient(GmmGradient into) =>
        GmmObjective.ObjectiveBackward(Alpha, Means, Q, L, X, D, K, N, Gamma, M, into.Alpha, into.Means, into.Q, into.L);

    /// <summary>A gradient buffer of this instance's sizes.</summary>
    public GmmGradient NewGradient() => new(Alpha.Length, Means.Length, Q.Length, L.Length);
}

/// <summary>Gradient storage for <see cref="GmmProblem"/>, allocated once and overwritten by each gradient call.</summary>
public sealed class GmmGradient
{
    public GmmGradient(int alpha, int means, int q, int l)
    {
        Alpha = new double[alpha];
        Means = new double[means];
        Q = new double[q];
        L = new double[l];
    }

    public double[] Alpha { get; }
    public double[] Means { get; }
    public double[] Q { get; }
    public double[] L { get; }
}
