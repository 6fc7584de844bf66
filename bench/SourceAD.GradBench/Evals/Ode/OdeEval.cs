using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Ode;

/// <summary>The <c>ode</c> eval: <c>primal</c> is y(2) (n values), <c>gradient</c> the generated ∇ₓ yₙ₋₁(2).</summary>
public static class OdeEval
{
    public static EvalModule Module { get; } = new EvalModule<OdeInput>(
        "ode",
        GradBenchJson.Default.OdeInput,
        () => new OdeInput(WarmUpData.Uniform(8, seed: 4), 3),
        [
            ("primal", input => Primal(Checked(input))),
            ("gradient", input => Gradient(Checked(input))),
        ]);

    private static IComputation Primal(OdeInput input)
    {
        var y = new double[input.X.Length];
        return Computation.Of(
            () =>
            {
                OdeObjective.Integrate(input.X, input.S, y);
                return y;
            },
            GradBenchJson.Default.DoubleArray);
    }

    private static IComputation Gradient(OdeInput input)
    {
        var gradient = new double[input.X.Length];
        return Computation.Of(
            () =>
            {
                OdeObjective.LastComponentBackward(input.X, input.S, gradient);
                return gradient;
            },
            GradBenchJson.Default.DoubleArray);
    }

    private static OdeInput Checked(OdeInput input) =>
        input.X.Length > 0 && input.S >= 1
            ? input
            : throw new InvalidInputException($"ode needs a non-empty x and s ≥ 1 steps (got {input.X.Length} values, s = {input.S}).");
}

/// <summary>The input of <c>ode</c>: <c>{x: double[n], s: int}</c>.</summary>
public sealed record OdeInput(
    [property: JsonPropertyName("x")] double[] X,
    [property: JsonPropertyName("s")] int S);
