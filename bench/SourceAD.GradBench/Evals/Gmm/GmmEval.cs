using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Gmm;

/// <summary>
/// The <c>gmm</c> eval: <c>objective</c> is the log-posterior, <c>jacobian</c> its generated gradient as the object
/// <c>{alpha: [k], mu: [k][d], q: [k][d], l: [k][d(d−1)/2]}</c>.
/// </summary>
public static class GmmEval
{
    public static EvalModule Module { get; } = new EvalModule<GmmInput>(
        "gmm",
        GradBenchJson.Default.GmmInput,
        WarmUpInput,
        [
            ("objective", input => Objective(GmmProblem.From(input))),
            ("jacobian", input => Jacobian(GmmProblem.From(input))),
        ]);

    private static IComputation Objective(GmmProblem p) =>
        Computation.Of(() => GmmObjective.Objective(p.Alpha, p.Mu, p.Q, p.L, p.X, p.D, p.K, p.N, p.Gamma, p.M), GradBenchJson.Default.Double);

    private static IComputation Jacobian(GmmProblem p)
    {
        var alpha = new double[p.Alpha.Length];
        var mu = new double[p.Mu.Length];
        var q = new double[p.Q.Length];
        var l = new double[p.L.Length];
        return Computation.Of(
            () => GmmObjective.ObjectiveBackward(p.Alpha, p.Mu, p.Q, p.L, p.X, p.D, p.K, p.N, p.Gamma, p.M, alpha, mu, q, l),
            _ => new GmmJacobian(alpha, Layout.Rows(mu, p.K, p.D), Layout.Rows(q, p.K, p.D), Layout.Rows(l, p.K, p.D * (p.D - 1) / 2)),
            GradBenchJson.Default.GmmJacobian);
    }

    private static GmmInput WarmUpInput()
    {
        const int d = 3, k = 4, n = 10;
        return new GmmInput(
            d, k, n, Layout.Rows(WarmUpData.Uniform(n * d, seed: 5), n, d), 0, 1.0, WarmUpData.Uniform(k, seed: 6),
            Layout.Rows(WarmUpData.Uniform(k * d, seed: 7), k, d), Layout.Rows(WarmUpData.Uniform(k * d, seed: 8), k, d),
            Layout.Rows(WarmUpData.Uniform(k * 3, seed: 9), k, 3));
    }
}

/// <summary>The input of <c>gmm</c>, as the eval sends it (nested lists row by row).</summary>
public sealed record GmmInput(
    [property: JsonPropertyName("d")] int D,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("x")] double[][] X,
    [property: JsonPropertyName("m")] int M,
    [property: JsonPropertyName("gamma")] double Gamma,
    [property: JsonPropertyName("alpha")] double[] Alpha,
    [property: JsonPropertyName("mu")] double[][] Mu,
    [property: JsonPropertyName("q")] double[][] Q,
    [property: JsonPropertyName("l")] double[][] L);

/// <summary>The output of <c>gmm</c>'s <c>jacobian</c>: the gradient, shaped like the parameters.</summary>
public sealed record GmmJacobian(
    [property: JsonPropertyName("alpha")] double[] Alpha,
    [property: JsonPropertyName("mu")] double[][] Mu,
    [property: JsonPropertyName("q")] double[][] Q,
    [property: JsonPropertyName("l")] double[][] L);

/// <summary>A <see cref="GmmInput"/> checked and flattened row by row, as the reference's <c>from_json</c> does.</summary>
public sealed record GmmProblem(int D, int K, int N, double[] X, int M, double Gamma, double[] Alpha, double[] Mu, double[] Q, double[] L)
{
    public static GmmProblem From(GmmInput input)
    {
        if (input.D < 1 || input.K < 1 || input.N < 1)
        {
            throw new InvalidInputException($"gmm needs d, k, n ≥ 1 (got d = {input.D}, k = {input.K}, n = {input.N}).");
        }
        int triangle = input.D * (input.D - 1) / 2;
        return new GmmProblem(
            input.D, input.K, input.N,
            Layout.Flatten(input.X, input.N, input.D, "x"),
            input.M, input.Gamma,
            Layout.Checked(input.Alpha, input.K, "alpha"),
            Layout.Flatten(input.Mu, input.K, input.D, "mu"),
            Layout.Flatten(input.Q, input.K, input.D, "q"),
            Layout.Flatten(input.L, input.K, triangle, "l"));
    }
}
