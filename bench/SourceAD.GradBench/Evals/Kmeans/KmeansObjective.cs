using System;

namespace SourceAD.GradBench.Evals.Kmeans;

/// <summary>GradBench's <c>kmeans</c> cost (<c>cpp/gradbench/evals/kmeans.hpp</c>): Σᵢ minⱼ ‖Pᵢ − Cⱼ‖².</summary>
public static partial class KmeansObjective
{
    /// <summary>
    /// <paramref name="centroids"/> is k×d and <paramref name="points"/> n×d, both row-major. Each point's minimum is
    /// its nearest centroid's distance: <see cref="Nearest"/> finds that centroid (an index, which carries no
    /// derivative), and the distance is computed again here, with the reference's arithmetic, so that only it is
    /// differentiated. The value is the reference's, bit for bit, and so is the derivative wherever the nearest
    /// centroid is unique; the derivative of a min over k terms would have had every term's operands saved for the
    /// reverse sweep (n·k·d values), of which only the nearest's matter.
    /// </summary>
    [Differentiable]
    public static double Cost(ReadOnlySpan<double> centroids, [NoDiff] ReadOnlySpan<double> points, int d)
    {
        int n = points.Length / d;
        double cost = 0;
        for (int i = 0; i < n; i++)
        {
            int j = Nearest(centroids, points, i, d);
            double distance = 0;
            for (int l = 0; l < d; l++)
            {
                double difference = points[i * d + l] - centroids[j * d + l];
                distance += difference * difference;
            }
            cost += distance;
        }
        return cost;
    }

    /// <summary>The index of the centroid nearest point <paramref name="i"/>, the first one on a tie (as <c>std::min</c> keeps the first).</summary>
    private static int Nearest(ReadOnlySpan<double> centroids, ReadOnlySpan<double> points, int i, int d)
    {
        int k = centroids.Length / d;
        int nearest = 0;
        double closest = double.PositiveInfinity;
        for (int j = 0; j < k; j++)
        {
            double distance = 0;
            for (int l = 0; l < d; l++)
            {
                double difference = points[i * d + l] - centroids[j * d + l];
                distance += difference * difference;
            }
            if (distance < closest)
            {
                closest = distance;
                nearest = j;
            }
        }
        return nearest;
    }
}
