using SourceAD.EndToEnd.Tests.Support;
using SourceAD.Samples.Gmm;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// The GMM objective of samples/Gmm (ADBench/GradBench "gmm"): the value against a naive dense evaluation written from
/// shared/reference/gmm.md, the generated gradient against central finite differences for every parameter and against
/// the hand-written gradient, and the generated gradient's allocations, which must not grow with N.
/// </summary>
public sealed class GmmTests(ITestOutputHelper output)
{
    // ---- (a) the objective against a naive, dense evaluation ----

    [Theory]
    [InlineData(2, 3, 10, 42)]
    [InlineData(2, 3, 10, 7)]
    [InlineData(3, 2, 5, 1)]
    public void ObjectiveMatchesANaiveDenseEvaluation(int d, int k, int n, int seed)
    {
        GmmProblem p = GmmProblem.Random(d, k, n, seed);
        double expected = NaiveObjective(p.D, p.K, p.N, p.Alpha, p.Means, p.Q, p.L, p.X, p.Gamma, p.M);

        GradientAssert.Close(expected, p.Objective(), 1e-12, "objective");
        GradientAssert.Close(expected, p.Gradient(p.NewGradient()), 1e-12, "value returned by ObjectiveBackward");
        GradientAssert.Close(expected, GmmHandWritten.Gradient(p, p.NewGradient(), new GmmScratch(p)), 1e-12, "value returned by the hand-written gradient");
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.5)]
    [InlineData(5, 3.0)]
    [InlineData(10, 5.5)]
    public void LogMultivariateGammaMatchesExactHalfIntegerValues(int d, double a)
    {
        // Lanczos (samples/Gmm) against exact factorials; absolute near 0 (log Γ(1) = 0), relative above 1.
        double expected = ExactLogMultivariateGamma(d, a), actual = SpecialFunctions.LogMultivariateGamma(d, a);
        Assert.True(Math.Abs(actual - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"log Γ_{d}({a}): expected {expected:R}, actual {actual:R}");
    }

    [Fact]
    public void PriorConstantWithNonDefaultGammaAndM()
    {
        // γ ≠ 1 and m > 0 exercise the constant and the m·Σq term, which the suites' defaults (γ = 1, m = 0) leave out.
        GmmProblem p = GmmProblem.Random(2, 3, 10);
        const double gamma = 0.7;
        const int m = 2;
        double expected = NaiveObjective(p.D, p.K, p.N, p.Alpha, p.Means, p.Q, p.L, p.X, gamma, m);
        double actual = GmmObjective.Objective(p.Alpha, p.Means, p.Q, p.L, p.X, p.D, p.K, p.N, gamma, m);
        GradientAssert.Close(expected, actual, 1e-12, "objective with γ = 0.7, m = 2");

        // And the gradient of that variant against finite differences.
        GradCheckReport report = CheckAgainstFiniteDifferences(p, gamma, m);
        Assert.True(report.Passed(1e-6), report.ToString());
    }

    // ---- (b) the generated gradient against central finite differences, every parameter ----

    [Fact]
    public void GeneratedGradientMatchesFiniteDifferencesForEveryParameter()
    {
        GmmProblem p = GmmProblem.Random(2, 3, 10);
        GradCheckReport report = CheckAgainstFiniteDifferences(p, p.Gamma, p.M);
        Assert.Equal(new[] { "alpha", "means", "q", "l" }, report.Entries.Select(e => e.Name));
        Assert.True(report.Passed(1e-6), report.ToString());
    }

    /// <summary>GradCheck over (α, μ, q, l) concatenated, one group per parameter, each element perturbed in turn.</summary>
    private static GradCheckReport CheckAgainstFiniteDifferences(GmmProblem p, double gamma, int m)
    {
        int ka = p.Alpha.Length, km = p.Means.Length, kq = p.Q.Length, kl = p.L.Length;
        double[] point = [.. p.Alpha, .. p.Means, .. p.Q, .. p.L];
        double Function(double[] v) =>
            GmmObjective.Objective(v[..ka], v[ka..(ka + km)], v[(ka + km)..(ka + km + kq)], v[(ka + km + kq)..], p.X, p.D, p.K, p.N, gamma, m);
        double[] Gradient(double[] v)
        {
            double[] g = new double[v.Length];
            Span<double> all = g;
            GmmObjective.ObjectiveBackward(v[..ka], v[ka..(ka + km)], v[(ka + km)..(ka + km + kq)], v[(ka + km + kq)..], p.X, p.D, p.K, p.N, gamma, m,
                all[..ka], all.Slice(ka, km), all.Slice(ka + km, kq), all[(ka + km + kq)..]);
            return g;
        }
        return GradCheck.Run(Function, Gradient, point, [("alpha", ka), ("means", km), ("q", kq), ("l", kl)]);
    }

    // ---- (c) the generated gradient against the hand-written one ----

    [Theory]
    [InlineData(2, 3, 10)]
    [InlineData(5, 4, 50)]
    [InlineData(1, 2, 7)] // D = 1: no l at all
    public void GeneratedGradientMatchesHandWrittenGradient(int d, int k, int n)
    {
        GmmProblem p = GmmProblem.Random(d, k, n);
        GmmGradient generated = p.NewGradient(), hand = p.NewGradient();
        double generatedValue = p.Gradient(generated);
        double handValue = GmmHandWritten.Gradient(p, hand, new GmmScratch(p));
        GradientAssert.Close(handValue, generatedValue, 1e-12, "objective");

        AssertElementwise("alpha", hand.Alpha, generated.Alpha);
        AssertElementwise("means", hand.Means, generated.Means);
        AssertElementwise("q", hand.Q, generated.Q);
        AssertElementwise("l", hand.L, generated.L);
    }

    /// <summary>Each element within 1e-10 relative to max(1, |hand-written|): relative for large entries, absolute near 0.</summary>
    private static void AssertElementwise(string name, double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
            if (!(error <= 1e-10))
            {
                throw new XunitException($"d{name}[{i}]: hand-written {expected[i]:R}, generated {actual[i]:R} (error {error:E2}).");
            }
        }
    }

    // ---- (d) allocations do not grow with N ----

    [Fact]
    public void GeneratedGradientAllocationsDoNotGrowWithN()
    {
        long small = AllocatedBytesPerGradient(GmmProblem.Random(3, 4, 100));
        long large = AllocatedBytesPerGradient(GmmProblem.Random(3, 4, 2000));
        output.WriteLine($"D = 3, K = 4: {small} bytes per gradient call at N = 100, {large} at N = 2000");

        // What a call allocates: the adjoints of Objective's two local buffers (diagonal, logDeterminant) and the
        // buffers themselves, K·D + K doubles each pair; PointLogLikelihood's buffers are stackalloc, and the primal
        // stacks rent from ArrayPool.Shared, which after the warm-up call hands back the same arrays.
        Assert.True(Math.Abs(large - small) < 1024, $"Allocated {small} bytes per gradient at N = 100 but {large} bytes at N = 2000.");
        Assert.True(small < 4096, $"Allocated {small} bytes per gradient at D = 3, K = 4 (expected a few hundred bytes of buffers).");
    }

    private static long AllocatedBytesPerGradient(GmmProblem p)
    {
        GmmGradient g = p.NewGradient();
        p.Gradient(g); // warm-up: JIT, ArrayPool buckets
        p.Gradient(g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        p.Gradient(g);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // ---- the naive reference, written from shared/reference/gmm.md ----

    /// <summary>
    /// F = −N·((D/2)·log 2π + logsumexp α) + Σᵢ logsumexpₖ βᵢₖ + K·(n·D·log(γ/√2) − log Γ_D(n/2)) + Σₖ(−(γ²/2)‖Qₖ‖²_F + m·Σⱼ qₖⱼ),
    /// with every Qₖ built as a dense D×D matrix, full matrix–vector products, and logsumexp without the max shift.
    /// </summary>
    private static double NaiveObjective(int d, int k, int n, double[] alpha, double[] means, double[] q, double[] l, double[] x, double gamma, int m)
    {
        int triangle = d * (d - 1) / 2;
        var qs = new double[k][,];
        for (int c = 0; c < k; c++)
        {
            var qk = new double[d, d];
            for (int j = 0; j < d; j++)
            {
                qk[j, j] = Math.Exp(q[c * d + j]);
            }
            int idx = 0;
            for (int j = 0; j < d; j++)
            {
                for (int i = j + 1; i < d; i++)
                {
                    qk[i, j] = l[c * triangle + idx];
                    idx++;
                }
            }
            qs[c] = qk;
        }

        double logLikelihood = 0;
        for (int i = 0; i < n; i++)
        {
            double[] beta = new double[k];
            for (int c = 0; c < k; c++)
            {
                double sumQ = 0;
                for (int j = 0; j < d; j++) sumQ += q[c * d + j];
                double squaredNorm = 0;
                for (int r = 0; r < d; r++)
                {
                    double y = 0;
                    for (int col = 0; col < d; col++)
                    {
                        y += qs[c][r, col] * (x[i * d + col] - means[c * d + col]);
                    }
                    squaredNorm += y * y;
                }
                beta[c] = alpha[c] + sumQ - 0.5 * squaredNorm;
            }
            logLikelihood += NaiveLogSumExp(beta);
        }
        logLikelihood -= n * (0.5 * d * Math.Log(2 * Math.PI) + NaiveLogSumExp(alpha));

        int dof = d + m + 1;
        double logPrior = k * (dof * d * Math.Log(gamma / Math.Sqrt(2)) - ExactLogMultivariateGamma(d, 0.5 * dof));
        for (int c = 0; c < k; c++)
        {
            double frobenius = 0, sumQ = 0;
            for (int r = 0; r < d; r++)
            {
                for (int col = 0; col < d; col++) frobenius += qs[c][r, col] * qs[c][r, col];
                sumQ += q[c * d + r];
            }
            logPrior += -0.5 * gamma * gamma * frobenius + m * sumQ;
        }
        return logLikelihood + logPrior;
    }

    private static double NaiveLogSumExp(double[] v) => Math.Log(v.Sum(Math.Exp));

    /// <summary>log Γ_D(a) for a a multiple of ½ with a − (D − 1)/2 ≥ ½, from exact factorials: no Lanczos series.</summary>
    private static double ExactLogMultivariateGamma(int d, double a)
    {
        double result = 0.25 * d * (d - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= d; j++)
        {
            result += ExactLogGammaOfHalfInteger(a + 0.5 * (1 - j));
        }
        return result;
    }

    /// <summary>log Γ(a) for a ∈ {½, 1, 3/2, 2, …}: Γ(k) = (k − 1)!, Γ(k + ½) = (2k)!·√π / (4ᵏ·k!).</summary>
    private static double ExactLogGammaOfHalfInteger(double a)
    {
        int twice = (int)Math.Round(2 * a);
        Assert.True(twice >= 1 && Math.Abs(2 * a - twice) < 1e-12, $"{a} is not a positive multiple of 1/2");
        double LogFactorial(int k)
        {
            double s = 0;
            for (int i = 2; i <= k; i++) s += Math.Log(i);
            return s;
        }
        if (twice % 2 == 0)
        {
            return LogFactorial(twice / 2 - 1);
        }
        int half = twice / 2; // a = half + ½
        return LogFactorial(2 * half) + 0.5 * Math.Log(Math.PI) - half * Math.Log(4) - LogFactorial(half);
    }
}
