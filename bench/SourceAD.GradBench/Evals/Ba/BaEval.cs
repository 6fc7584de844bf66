using System;
using System.Text.Json.Serialization;

namespace SourceAD.GradBench.Evals.Ba;

/// <summary>
/// The <c>ba</c> eval. <c>objective</c> computes every residual and reports, as <c>ba.hpp</c>'s <c>to_json</c> does, the
/// first reprojection error and weight error with their counts; <c>jacobian</c> builds the whole CSR matrix and
/// reports its first 30 row pointers, columns and values, each followed by the array's last element.
/// </summary>
public static class BaEval
{
    /// <summary>How many leading entries of each CSR array the output keeps: the two rows of one observation.</summary>
    private const int ReportedEntries = 2 * (BaProblem.CameraParameters + 4);

    public static EvalModule Module { get; } = new EvalModule<BaInput>(
        "ba",
        GradBenchJson.Default.BaInput,
        () => new BaInput(3, 5, 7, WarmUpData.Uniform(BaProblem.CameraParameters, seed: 14), [1.0, 2.0, 3.0], 0.5, [0.3, 0.7]),
        [
            ("objective", input => Objective(BaProblem.From(input))),
            ("jacobian", input => Jacobian(BaProblem.From(input))),
        ]);

    private static IComputation Objective(BaProblem problem)
    {
        var reprojectionErrors = new double[2 * problem.P];
        var weightErrors = new double[problem.P];
        return Computation.Of(
            () => ComputeResiduals(problem, reprojectionErrors, weightErrors),
            _ => new BaObjectiveOutput(
                new RepeatedPair([reprojectionErrors[0], reprojectionErrors[1]], problem.P),
                new RepeatedValue(weightErrors[0], problem.P)),
            GradBenchJson.Default.BaObjectiveOutput);
    }

    private static bool ComputeResiduals(BaProblem problem, double[] reprojectionErrors, double[] weightErrors)
    {
        for (int i = 0; i < problem.P; i++)
        {
            ReadOnlySpan<double> cam = problem.Cams.AsSpan(problem.CameraOf(i) * BaProblem.CameraParameters, BaProblem.CameraParameters);
            ReadOnlySpan<double> x = problem.X.AsSpan(problem.PointOf(i) * 3, 3);
            ReadOnlySpan<double> feat = problem.Feats.AsSpan(2 * i, 2);
            reprojectionErrors[2 * i] = BaObjective.ReprojectionError(cam, x, problem.W[i], feat, 0);
            reprojectionErrors[2 * i + 1] = BaObjective.ReprojectionError(cam, x, problem.W[i], feat, 1);
        }
        for (int i = 0; i < problem.P; i++)
        {
            weightErrors[i] = BaObjective.WeightError(problem.W[i]);
        }
        return true;
    }

    private static IComputation Jacobian(BaProblem problem) =>
        Computation.Of(
            () => BaJacobian.Compute(problem),
            jacobian => new BaJacobianOutput(Truncated(jacobian.Rows), Truncated(jacobian.Cols), Truncated(jacobian.Vals)),
            GradBenchJson.Default.BaJacobianOutput);

    private static T[] Truncated<T>(T[] values)
    {
        var result = new T[ReportedEntries + 1];
        Array.Copy(values, result, Math.Min(ReportedEntries, values.Length));
        result[ReportedEntries] = values[^1];
        return result;
    }
}

/// <summary><c>ba</c>'s objective output: <c>{reproj_error: {elements, repeated}, w_err: {element, repeated}}</c>.</summary>
public sealed record BaObjectiveOutput(
    [property: JsonPropertyName("reproj_error")] RepeatedPair ReprojectionError,
    [property: JsonPropertyName("w_err")] RepeatedValue WeightError);

public sealed record RepeatedPair(
    [property: JsonPropertyName("elements")] double[] Elements,
    [property: JsonPropertyName("repeated")] int Repeated);

public sealed record RepeatedValue(
    [property: JsonPropertyName("element")] double Element,
    [property: JsonPropertyName("repeated")] int Repeated);

/// <summary><c>ba</c>'s jacobian output: the truncated CSR arrays.</summary>
public sealed record BaJacobianOutput(
    [property: JsonPropertyName("rows")] int[] Rows,
    [property: JsonPropertyName("cols")] int[] Cols,
    [property: JsonPropertyName("vals")] double[] Vals);
