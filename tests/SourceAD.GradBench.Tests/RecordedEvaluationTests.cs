using System.Text.Json;
using SourceAD.GradBench.Evals;
using SourceAD.GradBench.Evals.Ode;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Tests;

/// <summary>
/// Every recorded GradBench evaluation in <c>Data/</c> goes through the tool's protocol handler; its output must match
/// the golden (manual) output under GradBench's rule (for particle and saddle, which have no manual tool, the
/// constants GradBench's evals check against).
/// </summary>
public sealed class RecordedEvaluationTests
{
    private static readonly string[] Files = ["hello", "lse", "llsq", "det", "ode", "gmm", "lstm", "ba", "kmeans", "ht", "ht-simple", "particle", "saddle"];

    private static readonly ProtocolHandler Handler = new(EvalRegistry.All, TextWriter.Null);

    public static TheoryData<string, int> Implemented() => Select(r => !IsAnalyticOdeGradient(r));

    [Theory]
    [MemberData(nameof(Implemented))]
    public void MatchesTheGoldenOutput(string file, int line)
    {
        RecordedEvaluation record = Find(file, line);
        JsonElement response = Evaluate(record);
        Assert.True(response.GetProperty("success").GetBoolean(), response.GetRawText());
        List<string> mismatches = GradBenchComparison.Mismatches(record.Output, response.GetProperty("output"));
        Assert.True(mismatches.Count == 0, $"{record}: {string.Join("; ", mismatches.Take(5))}");
    }

    /// <summary>
    /// manual's ode gradient is the derivative of the ODE's analytic solution (Πxᵢ·2ⁿ/n!), not of the RK4 steps the
    /// primal takes; at n = 6, s = 3 the two differ by RK4's error (≈ 6%). The tool differentiates its primal: its
    /// gradient is the central difference of the recorded primal's last component, and the primal matches manual.
    /// </summary>
    [Fact]
    public void OdeGradientAtThreeStepsIsTheDerivativeOfTheRk4Primal()
    {
        RecordedEvaluation record = RecordedEvaluation.Read("ode").Single(IsAnalyticOdeGradient);
        JsonElement response = Evaluate(record);
        double[] gradient = response.GetProperty("output").Deserialize(GradBenchJson.Default.DoubleArray)!;
        double[] x = record.Input.GetProperty("x").Deserialize(GradBenchJson.Default.DoubleArray)!;
        int s = record.Input.GetProperty("s").GetInt32();
        double[] expected = CentralDifference.Gradient(v => LastComponent(v, s), x);
        GradientAssert.Close(expected, gradient, 1e-7);
        Assert.NotEmpty(GradBenchComparison.Mismatches(record.Output, response.GetProperty("output")));
    }

    private static double LastComponent(double[] x, int s)
    {
        var y = new double[x.Length];
        OdeObjective.Integrate(x, s, y);
        return y[^1];
    }

    private static JsonElement Evaluate(RecordedEvaluation record)
    {
        using var document = JsonDocument.Parse(Handler.Handle(record.EvaluateMessage(7)));
        Assert.Equal(7, document.RootElement.GetProperty("id").GetInt32());
        return document.RootElement.Clone();
    }


    private static bool IsAnalyticOdeGradient(RecordedEvaluation record) =>
        record is { Eval: "ode", Function: "gradient", Description: "n=6,s=3" };

    private static RecordedEvaluation Find(string file, int line) => RecordedEvaluation.Read(file).Single(r => r.Line == line);

    private static TheoryData<string, int> Select(Func<RecordedEvaluation, bool> predicate)
    {
        var data = new TheoryData<string, int>();
        foreach (RecordedEvaluation record in Files.SelectMany(RecordedEvaluation.Read).Where(predicate))
        {
            data.Add(record.File, record.Line);
        }
        return data;
    }
}
