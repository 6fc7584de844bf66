using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Saddle;

/// <summary>
/// The <c>saddle</c> eval: r₁ = argmin over p₁ of max over p₂ of f(p₁, p₂), then r₂ = argmax over p₂ of f(r₁, ·), by
/// the eval's gradient descent from the start; the output is [r₁, r₂]. Function names give the outer mode, then the
/// inner: the outer gradient of <c>MaxR</c>/<c>MaxF</c> (whose inner descent takes ∇_{p₂}f from
/// <c>ObjectiveBackward</c>/<c>ObjectiveTangent</c>) is their generated <c>Backward</c> (r) or two <c>Tangent</c>
/// calls (f): nested derivatives.
/// </summary>
public static class SaddleEval
{
    public static EvalModule Module { get; } = new EvalModule<SaddleInput>(
        "saddle",
        GradBenchJson.Default.SaddleInput,
        () => new SaddleInput([1.0, 1.0]),
        [
            ("rr", input => Solve(Checked(input), outerForward: false, innerForward: false)),
            ("ff", input => Solve(Checked(input), outerForward: true, innerForward: true)),
            ("fr", input => Solve(Checked(input), outerForward: true, innerForward: false)),
            ("rf", input => Solve(Checked(input), outerForward: false, innerForward: true)),
        ]);

    private static IComputation Solve(double[] start, bool outerForward, bool innerForward) =>
        Computation.Of(() => Saddle(start, outerForward, innerForward), GradBenchJson.Default.DoubleArray);

    private static double[] Saddle(double[] start, bool outerForward, bool innerForward)
    {
        double sx = start[0], sy = start[1];
        GradientDescent.Objective max = innerForward
            ? p => SaddleObjective.MaxF(p[0], p[1], sx, sy)
            : p => SaddleObjective.MaxR(p[0], p[1], sx, sy);
        GradientDescent.Gradient maxGradient = (outerForward, innerForward) switch
        {
            (false, false) => (p, g) => { SaddleObjective.MaxRBackward(p[0], p[1], sx, sy, out double gx, out double gy); g[0] = gx; g[1] = gy; },
            (false, true) => (p, g) => { SaddleObjective.MaxFBackward(p[0], p[1], sx, sy, out double gx, out double gy); g[0] = gx; g[1] = gy; },
            (true, false) => (p, g) =>
            {
                SaddleObjective.MaxRTangent(p[0], p[1], sx, sy, 1.0, 0.0, out g[0]);
                SaddleObjective.MaxRTangent(p[0], p[1], sx, sy, 0.0, 1.0, out g[1]);
            },
            (true, true) => (p, g) =>
            {
                SaddleObjective.MaxFTangent(p[0], p[1], sx, sy, 1.0, 0.0, out g[0]);
                SaddleObjective.MaxFTangent(p[0], p[1], sx, sy, 0.0, 1.0, out g[1]);
            },
        };
        double[] r1 = GradientDescent.ArgMin(max, maxGradient, start);
        // r₂ maximises f(r₁, ·), with the inner mode's gradient.
        GradientDescent.Gradient inner = innerForward
            ? (p, g) =>
            {
                SaddleObjective.ObjectiveTangent(r1[0], r1[1], p[0], p[1], 0.0, 0.0, 1.0, 0.0, out g[0]);
                SaddleObjective.ObjectiveTangent(r1[0], r1[1], p[0], p[1], 0.0, 0.0, 0.0, 1.0, out g[1]);
            }
            : (p, g) => { SaddleObjective.ObjectiveBackward(r1[0], r1[1], p[0], p[1], out _, out _, out g[0], out g[1]); };
        double[] r2 = GradientDescent.ArgMax(p => SaddleObjective.Objective(r1[0], r1[1], p[0], p[1]), inner, start);
        return [r1[0], r1[1], r2[0], r2[1]];
    }

    private static double[] Checked(SaddleInput input) =>
        input.Start is { Length: 2 } start ? start : throw new InvalidInputException("saddle needs a start of two numbers.");
}

/// <summary>The input of <c>saddle</c>: <c>{start: [x, y]}</c>.</summary>
public sealed record SaddleInput([property: JsonPropertyName("start")] double[] Start);
