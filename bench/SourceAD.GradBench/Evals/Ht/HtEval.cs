using System;
using System.Numerics;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Ht;

/// <summary>
/// The <c>ht</c> eval: <c>objective</c> is the 3N residuals; <c>jacobian</c> is 3N rows of ∂/∂u₀, ∂/∂u₁ of the row's
/// own point, then ∂/∂θ (28 columns; 26 for the simple variant, which has no us), by vector forward mode: the
/// generated <c>ResidualsTangents</c> carries <c>Vector&lt;double&gt;.Count</c> directions per sweep (4 with AVX2, so
/// 7 sweeps for 28 columns). Each column is one direction: one per θ component, and one seeding every u₀ (then every
/// u₁) at once, since a point's us move only its own three residuals.
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
        int lanes = Vector<double>.Count;
        var err = new double[rows];
        var errDots = new Vector<double>[rows];
        var thetaDots = new Vector<double>[HtProblem.ThetaCount];
        var usDots = new Vector<double>[problem.Us.Length];
        var jacobian = new double[rows * columns];
        return Computation.Of(
            () =>
            {
                for (int first = 0; first < columns; first += lanes)
                {
                    // Lane j seeds column first + j: both us of every point, or one θ component.
                    Array.Clear(thetaDots);
                    Array.Clear(usDots);
                    int width = Math.Min(lanes, columns - first);
                    for (int lane = 0; lane < width; lane++)
                    {
                        int column = first + lane;
                        if (column < usColumns)
                        {
                            for (int i = column; i < usDots.Length; i += 2)
                            {
                                usDots[i] = Vector.WithElement(usDots[i], lane, 1.0);
                            }
                        }
                        else
                        {
                            thetaDots[column - usColumns] = Vector.WithElement(Vector<double>.Zero, lane, 1.0);
                        }
                    }
                    HtObjective.ResidualsTangents(problem.Theta, problem.Us, problem.BaseRelatives, problem.InverseBaseAbsolutes, problem.BasePositions,
                        problem.Weights, problem.Points, problem.Parents, problem.Triangles, problem.Correspondences, problem.IsMirrored, err,
                        thetaDots, usDots, errDots);
                    for (int row = 0; row < rows; row++)
                    {
                        if (width == lanes)
                        {
                            errDots[row].CopyTo(jacobian.AsSpan(row * columns + first, lanes));
                            continue;
                        }
                        for (int lane = 0; lane < width; lane++)
                        {
                            jacobian[row * columns + first + lane] = errDots[row][lane];
                        }
                    }
                }
                return jacobian;
            },
            flat => Layout.Rows(flat, rows, columns),
            GradBenchJson.Default.DoubleArrayArray);
    }
}
