using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Lse;

/// <summary>The <c>lse</c> eval: <c>primal</c> is log-sum-exp of x, <c>gradient</c> its generated gradient.</summary>
public static class LseEval
{
    public static EvalModule Module { get; } = new EvalModule<LseInput>(
        "lse",
        GradBenchJson.Default.LseInput,
        () => new LseInput(WarmUpData.Uniform(16, seed: 1)),
        [
            ("primal", input => Primal(Checked(input))),
            ("gradient", input => Gradient(Checked(input))),
        ]);

    private static IComputation Primal(double[] x) =>
        Computation.Of(() => LseObjective.LogSumExp(x), GradBenchJson.Default.Double);

    private static IComputation Gradient(double[] x)
    {
        var gradient = new double[x.Length];
        return Computation.Of(
            () =>
            {
                LseObjective.LogSumExpBackward(x, gradient);
                return gradient;
            },
            GradBenchJson.Default.DoubleArray);
    }

    private static double[] Checked(LseInput input) =>
        input.X.Length > 0 ? input.X : throw new InvalidInputException("lse needs a non-empty x.");
}

/// <summary>The input of <c>lse</c>: <c>{x: double[n]}</c>.</summary>
public sealed record LseInput([property: JsonPropertyName("x")] double[] X);
