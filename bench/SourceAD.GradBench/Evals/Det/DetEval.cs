using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Det;

/// <summary>The <c>det</c> eval: <c>primal</c> is det A (A row-major ell×ell), <c>gradient</c> its generated gradient (row-major).</summary>
public static class DetEval
{
    public static EvalModule Module { get; } = new EvalModule<DetInput>(
        "det",
        GradBenchJson.Default.DetInput,
        () => new DetInput(WarmUpData.Uniform(16, seed: 3), 4),
        [
            ("primal", input => Primal(Checked(input))),
            ("gradient", input => Gradient(Checked(input))),
        ]);

    private static IComputation Primal(DetInput input) =>
        Computation.Of(() => DetObjective.Determinant(input.A, input.Ell), GradBenchJson.Default.Double);

    private static IComputation Gradient(DetInput input)
    {
        var gradient = new double[input.A.Length];
        return Computation.Of(
            () =>
            {
                DetObjective.DeterminantBackward(input.A, input.Ell, gradient);
                return gradient;
            },
            GradBenchJson.Default.DoubleArray);
    }

    private static DetInput Checked(DetInput input) =>
        input.Ell >= 1 && input.A.Length == input.Ell * input.Ell
            ? input
            : throw new InvalidInputException($"det needs ell ≥ 1 and A with ell² = {input.Ell * input.Ell} entries (got ell = {input.Ell}, {input.A.Length} entries).");
}

/// <summary>The input of <c>det</c>: <c>{A: double[ell²] (row-major), ell: int}</c>.</summary>
public sealed record DetInput(
    [property: JsonPropertyName("A")] double[] A,
    [property: JsonPropertyName("ell")] int Ell);
