using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Kmeans;

/// <summary>
/// The <c>kmeans</c> eval: <c>cost</c> is the objective; <c>dir</c> = J ⊙ diag(H)⁻¹ needs the Hessian's diagonal,
/// which needs a forward-mode derivative of the generated gradient. With it, <see cref="Direction"/> becomes
/// <c>CostHessianDiagonal(centroids, points, d, gradient, hessianDiagonal)</c> followed by the elementwise division.
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

    private static IComputation Direction(KmeansProblem p) =>
        throw new MissingGeneratorFeatureException(
            "kmeans::dir",
            "the diagonal of the cost's Hessian: forward mode over the generated reverse sweep (a tangent of CostBackward, e.g. a generated CostHessianVectorProduct or FHessian)");
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
