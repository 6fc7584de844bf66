using System;
using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Kmeans;

/// <summary>
/// The <c>kmeans</c> eval: <c>cost</c> is the objective; <c>dir</c> = J ⊙ diag(H)⁻¹, from the generated
/// Hessian-vector product.
/// </summary>
public static class KmeansEval
{
    public static EvalModule Module { get; } = new EvalModule<KmeansInput>(
        "kmeans",
        GradBenchJson.Default.KmeansInput,
        () => new KmeansInput(Layout.Rows(WarmUpData.Uniform(20, seed: 15), 10, 2), Layout.Rows(WarmUpData.Uniform(6, seed: 16), 3, 2)),
        [
            ("cost", input => Cost(KmeansProblem.From(input))),
            ("dir", input => Direction(KmeansProblem.From(input))),
        ]);

    private static IComputation Cost(KmeansProblem p) =>
        Computation.Of(() => KmeansObjective.Cost(p.Centroids, p.Points, p.D), GradBenchJson.Default.Double);

    /// <summary>
    /// dir = J ⊙ diag(H)⁻¹. The cost's Hessian is diagonal (each centroid coordinate enters only its own squared
    /// differences), so H·1 is its diagonal: one generated <c>CostHessianVector</c> (forward over the reverse sweep,
    /// tangent all ones) gives J and diag(H) together, as Enzyme's and JAX's tools do.
    /// </summary>
    private static IComputation Direction(KmeansProblem p)
    {
        int k = p.Centroids.Length / p.D;
        double[] ones = new double[p.Centroids.Length];
        Array.Fill(ones, 1.0);
        double[] gradient = new double[ones.Length], diagonal = new double[ones.Length], direction = new double[ones.Length];
        return Computation.Of(
            () =>
            {
                double cost = KmeansObjective.CostHessianVector(p.Centroids, p.Points, p.D, ones, gradient, diagonal);
                for (int i = 0; i < direction.Length; i++)
                {
                    direction[i] = gradient[i] / diagonal[i];
                }
                return cost;
            },
            _ => Layout.Rows(direction, k, p.D),
            GradBenchJson.Default.DoubleArrayArray);
    }
}

/// <summary>The input of <c>kmeans</c>: <c>{points: [n][d], centroids: [k][d]}</c>.</summary>
public sealed record KmeansInput(
    [property: JsonPropertyName("points")] double[][] Points,
    [property: JsonPropertyName("centroids")] double[][] Centroids);

/// <summary>A <see cref="KmeansInput"/> checked and flattened row by row.</summary>
public sealed record KmeansProblem(int D, double[] Points, double[] Centroids)
{
    public static KmeansProblem From(KmeansInput input)
    {
        double[] points = Layout.Flatten(input.Points, "points", out int d);
        if (d == 0)
        {
            throw new InvalidInputException("kmeans needs points with at least one coordinate.");
        }
        return new KmeansProblem(d, points, Layout.Flatten(input.Centroids, input.Centroids.Length, d, "centroids"));
    }
}
