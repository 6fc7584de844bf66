using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Llsq;

/// <summary>The <c>llsq</c> eval: <c>primal</c> is the least-squares objective, <c>gradient</c> its generated gradient.</summary>
public static class LlsqEval
{
    public static EvalModule Module { get; } = new EvalModule<LlsqInput>(
        "llsq",
        GradBenchJson.Default.LlsqInput,
        () => new LlsqInput(WarmUpData.Uniform(8, seed: 2), 16),
        [
            ("primal", input => Primal(Checked(input))),
            ("gradient", input => Gradient(Checked(input))),
        ]);

    private static IComputation Primal(LlsqInput input) =>
        Computation.Of(() => LlsqObjective.Primal(input.X, input.N), GradBenchJson.Default.Double);

    private static IComputation Gradient(LlsqInput input)
    {
        var gradient = new double[input.X.Length];
        return Computation.Of(
            () =>
            {
                LlsqObjective.PrimalBackward(input.X, input.N, gradient);
                return gradient;
            },
            GradBenchJson.Default.DoubleArray);
    }

    private static LlsqInput Checked(LlsqInput input) =>
        input.N >= 2 ? input : throw new InvalidInputException($"llsq needs n ≥ 2 sample points (got n = {input.N}).");
}

/// <summary>The input of <c>llsq</c>: <c>{x: double[m], n: int}</c>.</summary>
public sealed record LlsqInput(
    [property: JsonPropertyName("x")] double[] X,
    [property: JsonPropertyName("n")] int N);
