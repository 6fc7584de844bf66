using System;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Ht;

/// <summary>
/// The <c>ht</c> eval: <c>objective</c> is the 3N residuals; <c>jacobian</c> is 3N rows of ∂/∂u₀, ∂/∂u₁ of the row's
/// own point, then ∂/∂θ (28 columns; 26 for the simple variant, which has no us), from 28 (or 26) forward sweeps of
/// the generated <c>ResidualsTangent</c>: one per θ component, and one seeding every u₀ (then every u₁) at once, since
/// a point's us move only its own three residuals.
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
                HtObjective.Residuals(problem.Theta, problem.Us, problem.BaseRelatives, problem.InverseBaseAbsolutes, problem.BasePositions,
                    problem.Weights, problem.Points, problem.Parents, problem.Triangles, problem.Correspondences, problem.IsMirrored, err);
                return err;
            },
            GradBenchJson.Default.DoubleArray);
    }

    private static IComputation Jacobian(HtProblem problem)
    {
        int rows = 3 * problem.PointCount;
        int usColumns = problem.IsComplicated ? 2 : 0;
        int columns = usColumns + HtProblem.ThetaCount;
        var err = new double[rows];
        var errDot = new double[rows];
        var thetaDot = new double[HtProblem.ThetaCount];
        var usDot = new double[problem.Us.Length];
        var jacobian = new double[rows * columns];
        void Column(int index)
        {
            HtObjective.ResidualsTangent(problem.Theta, problem.Us, problem.BaseRelatives, problem.InverseBaseAbsolutes, problem.BasePositions,
                problem.Weights, problem.Points, problem.Parents, problem.Triangles, problem.Correspondences, problem.IsMirrored, err,
                thetaDot, usDot, errDot);
            for (int row = 0; row < rows; row++)
            {
                jacobian[row * columns + index] = errDot[row];
            }
        }
        return Computation.Of(
            () =>
            {
                for (int u = 0; u < usColumns; u++)
                {
                    for (int i = 0; i < usDot.Length; i++)
                    {
                        usDot[i] = i % 2 == u ? 1 : 0;
                    }
                    Column(u);
                }
                Array.Clear(usDot);
                for (int t = 0; t < HtProblem.ThetaCount; t++)
                {
                    thetaDot[t] = 1;
                    Column(usColumns + t);
                    thetaDot[t] = 0;
                }
                return jacobian;
            },
            flat => Layout.Rows(flat, rows, columns),
            GradBenchJson.Default.DoubleArrayArray);
    }
}
