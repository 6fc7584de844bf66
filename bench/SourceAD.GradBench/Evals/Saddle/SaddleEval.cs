using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Saddle;

/// <summary>
/// The <c>saddle</c> eval: all four functions differentiate, with respect to p₁, a gradient-descent loop over p₂ that
/// calls the generated <c>ObjectiveBackward</c>: nested derivatives (and forward mode for the 'f' variants).
/// </summary>
public static class SaddleEval
{
    private const string Nested =
        "nested derivatives: the derivative, with respect to p1, of a gradient-descent loop that calls the generated "
        + "ObjectiveBackward (reverse over reverse for rr; forward mode for the 'f' variants)";

    public static EvalModule Module { get; } = new EvalModule<SaddleInput>(
        "saddle",
        GradBenchJson.Default.SaddleInput,
        () => new SaddleInput([1.0, 1.0]),
        [
            ("rr", _ => throw new MissingGeneratorFeatureException("saddle::rr", Nested)),
            ("ff", _ => throw new MissingGeneratorFeatureException("saddle::ff", Nested)),
            ("fr", _ => throw new MissingGeneratorFeatureException("saddle::fr", Nested)),
            ("rf", _ => throw new MissingGeneratorFeatureException("saddle::rf", Nested)),
        ]);
}

/// <summary>The input of <c>saddle</c>: <c>{start: [x, y]}</c>.</summary>
public sealed record SaddleInput([property: JsonPropertyName("start")] double[] Start);
