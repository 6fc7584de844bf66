using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Particle;

/// <summary>
/// The <c>particle</c> eval: all four functions (rr, ff, fr, rf: outer mode, inner mode) differentiate a method that
/// itself calls a generated derivative (<c>PotentialBackward</c> inside the Euler loop) with respect to w, which that
/// inner call treats as a constant: nested derivatives, and for the f variants forward mode.
/// </summary>
public static class ParticleEval
{
    private const string Nested =
        "nested derivatives: the derivative, with respect to w, of a method that calls the generated PotentialBackward "
        + "(reverse over reverse for rr; forward mode for the 'f' variants)";

    public static EvalModule Module { get; } = new EvalModule<ParticleInput>(
        "particle",
        GradBenchJson.Default.ParticleInput,
        () => new ParticleInput(0),
        [
            ("rr", _ => throw new MissingGeneratorFeatureException("particle::rr", Nested)),
            ("ff", _ => throw new MissingGeneratorFeatureException("particle::ff", Nested)),
            ("fr", _ => throw new MissingGeneratorFeatureException("particle::fr", Nested)),
            ("rf", _ => throw new MissingGeneratorFeatureException("particle::rf", Nested)),
        ]);
}

/// <summary>The input of <c>particle</c>: <c>{w: double}</c>, the starting value of w.</summary>
public sealed record ParticleInput([property: JsonPropertyName("w")] double W);
