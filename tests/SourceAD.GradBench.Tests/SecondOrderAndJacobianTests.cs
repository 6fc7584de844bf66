using System.Text.Json;
using SourceAD.GradBench.Evals;
using SourceAD.GradBench.Evals.Ht;
using SourceAD.GradBench.Evals.Kmeans;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Tests;

/// <summary>
/// The derivatives kmeans and ht report through the protocol, against central differences of their primals:
/// kmeans's dir = J ⊘ diag(H) (first and second differences of the cost), ht's Jacobian column by column
/// (differences of the residuals in each θ component, and in all u₀ or all u₁ at once for the compressed columns).
/// </summary>
public sealed class SecondOrderAndJacobianTests
{
    private static readonly ProtocolHandler Handler = new(EvalRegistry.All, TextWriter.Null);

    [Fact]
    public void KmeansDirIsTheGradientOverTheHessianDiagonal()
    {
        const int d = 2, k = 3, n = 12;
        double[] points = Values(n * d, 21), centroids = Values(k * d, 22);
        double[][] dir = Evaluate("kmeans", "dir", JsonSerializer.SerializeToElement(new KmeansInput(Layout.Rows(points, n, d), Layout.Rows(centroids, k, d)), GradBenchJson.Default.KmeansInput))
            .Deserialize(GradBenchJson.Default.DoubleArrayArray)!;
        double Cost(double[] c) => KmeansObjective.Cost(c, points, d);
        double[] gradient = CentralDifference.Gradient(Cost, centroids);
        const double h = 1e-4;
        for (int i = 0; i < centroids.Length; i++)
        {
            double[] plus = (double[])centroids.Clone(), minus = (double[])centroids.Clone();
            plus[i] += h;
            minus[i] -= h;
            double second = (Cost(plus) - 2 * Cost(centroids) + Cost(minus)) / (h * h);
            GradientAssert.Close([gradient[i] / second], [dir[i / d][i % d]], 1e-6);
        }
    }

    [Theory]
    [InlineData("ht")]
    [InlineData("ht-simple")]
    public void HtJacobianColumnsAreCentralDifferencesOfTheResiduals(string file)
    {
        RecordedEvaluation record = RecordedEvaluation.Read(file).First(r => r.Function == "jacobian");
        HtProblem p = HtProblem.From(record.Input.Deserialize(GradBenchJson.Default.HtInput)!);
        double[][] jacobian = Evaluate("ht", "jacobian", record.Input).Deserialize(GradBenchJson.Default.DoubleArrayArray)!;
        int rows = 3 * p.PointCount, usColumns = p.IsComplicated ? 2 : 0;
        Assert.Equal(rows, jacobian.Length);
        Assert.All(jacobian, row => Assert.Equal(usColumns + HtProblem.ThetaCount, row.Length));
        double[] Residuals(double[] theta, double[] us)
        {
            var err = new double[rows];
            HtObjective.Residuals(theta, us, p.BaseRelatives, p.InverseBaseAbsolutes, p.BasePositions, p.Weights, p.Points, p.Parents, p.Triangles, p.Correspondences, p.IsMirrored, err);
            return err;
        }
        void Check(int column, Func<double, double[]> at)
        {
            const double h = 1e-6;
            double[] up = at(h), down = at(-h);
            var expected = new double[rows];
            var actual = new double[rows];
            for (int row = 0; row < rows; row++)
            {
                expected[row] = (up[row] - down[row]) / (2 * h);
                actual[row] = jacobian[row][column];
            }
            GradientAssert.Close(expected, actual, 1e-5);
        }
        for (int u = 0; u < usColumns; u++)
        {
            // Every point's u moves only its own three residuals, so shifting all of them at once gives each row's own derivative.
            Check(u, step => Residuals(p.Theta, p.Us.Select((value, i) => i % 2 == u ? value + step : value).ToArray()));
        }
        for (int t = 0; t < HtProblem.ThetaCount; t++)
        {
            Check(usColumns + t, step => Residuals(p.Theta.Select((value, i) => i == t ? value + step : value).ToArray(), p.Us));
        }
    }

    private static JsonElement Evaluate(string module, string function, JsonElement input)
    {
        string message = JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = 1, ["kind"] = "evaluate", ["module"] = module, ["function"] = function, ["input"] = input });
        using var document = JsonDocument.Parse(Handler.Handle(message));
        Assert.True(document.RootElement.GetProperty("success").GetBoolean(), document.RootElement.GetRawText());
        return document.RootElement.GetProperty("output").Clone();
    }

    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 4 - 2).ToArray();
    }
}
