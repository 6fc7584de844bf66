using System;

namespace SourceAD.GradBench.Evals.Kmeans;

/// <summary>GradBench's <c>kmeans</c> cost (<c>cpp/gradbench/evals/kmeans.hpp</c>): Σᵢ minⱼ ‖Pᵢ − Cⱼ‖².</summary>
public static partial class KmeansObjective
{
    /// <summary><paramref name="centroids"/> is k×d and <paramref name="points"/> n×d, both row-major.</summary>
    [Differentiable]
    public static double Cost(ReadOnlySpan<double> centroids, [NoDiff] ReadOnlySpan<double> points, int d)
    {
        int n = points.Length / d;
        int k = centroids.Length / d;
        double cost = 0;
        for (int i = 0; i < n; i++)
        {
            double closest = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                double distance = 0;
                for (int l = 0; l < d; l++)
                {
                    double difference = points[i * d + l] - centroids[j * d + l];
                    distance += difference * difference;
                }
                closest = Math.Min(closest, distance);
            }
            cost += closest;
        }
        return cost;
    }
}
