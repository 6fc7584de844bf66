using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Ht;

/// <summary>
/// The <c>ht</c> eval: <c>objective</c> is the 3N residuals; <c>jacobian</c> (3N rows of ∂/∂u₀, ∂/∂u₁ of the row's own
/// point, then ∂/∂θ — 28 columns, or 26 for the simple variant) needs vector forward mode over a vector-valued method.
/// </summary>
public static class HtEval
{
    public static EvalModule Module { get; } = new EvalModule<HtInput>(
        "ht",
        GradBenchJson.Default.HtInput,
        HtWarmUp.Input,
        [
            ("objective", input => Objective(HtProblem.From(input))),
            ("jacobian", input => Jacobian(HtProblem.From(input))),
        ]);

    private static IComputation Objective(HtProblem problem)
    {
        var err = new double[3 * problem.PointCount];
        return Computation.Of(
            () =>
            {
                HtObjective.Objective(problem, problem.Theta, problem.Us, err);
                return err;
            },
            GradBenchJson.Default.DoubleArray);
    }

    private static IComputation Jacobian(HtProblem problem) =>
        throw new MissingGeneratorFeatureException(
            "ht::jacobian",
            "the dense Jacobian of a vector-valued method: [Output] spans (the 3N residuals) and vector forward mode (FJacobian, 26 θ tangents plus 2 for the us)");
}
