using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Particle;

/// <summary>
/// The <c>particle</c> eval: w* = argmin over w of the squared landing x of a particle falling through a field whose
/// acceleration is itself a derivative. Function names give the outer mode, then the inner: the outer gradient (for the
/// solver) is <c>NaiveEulerRBackward</c>/<c>NaiveEulerFBackward</c> (r) or their <c>Tangent</c> (f); the inner is
/// <c>PotentialBackward</c> (r) or <c>PotentialTangent</c> (f) inside the differentiated method: nested derivatives.
/// </summary>
public static class ParticleEval
{
    public static EvalModule Module { get; } = new EvalModule<ParticleInput>(
        "particle",
        GradBenchJson.Default.ParticleInput,
        () => new ParticleInput(0),
        [
            ("rr", input => Solve(input, ParticleObjective.NaiveEulerR, (x, g) => { ParticleObjective.NaiveEulerRBackward(x[0], out double d); g[0] = d; })),
            ("ff", input => Solve(input, ParticleObjective.NaiveEulerF, (x, g) => { ParticleObjective.NaiveEulerFTangent(x[0], 1.0, out double d); g[0] = d; })),
            ("fr", input => Solve(input, ParticleObjective.NaiveEulerR, (x, g) => { ParticleObjective.NaiveEulerRTangent(x[0], 1.0, out double d); g[0] = d; })),
            ("rf", input => Solve(input, ParticleObjective.NaiveEulerF, (x, g) => { ParticleObjective.NaiveEulerFBackward(x[0], out double d); g[0] = d; })),
        ]);

    private static IComputation Solve(ParticleInput input, System.Func<double, double> objective, GradientDescent.Gradient gradient) =>
        Computation.Of(() => GradientDescent.ArgMin(x => objective(x[0]), gradient, [input.W])[0], GradBenchJson.Default.Double);
}

/// <summary>The input of <c>particle</c>: <c>{w: double}</c>, the starting value of w.</summary>
public sealed record ParticleInput([property: JsonPropertyName("w")] double W);
