using System;

namespace SourceAD.GradBench.Evals.Ba;

/// <summary>
/// The Jacobian of all residuals in the reference's CSR layout (<c>ba::SparseMat</c>): 3p rows of 11n + 3m + p columns;
/// observation i has 2 rows of 15 entries (its camera's 11 columns, its point's 3, its weight's 1), then each weight
/// error has one row with one entry.
/// </summary>
public sealed class BaJacobian
{
    private const int EntriesPerRow = BaProblem.CameraParameters + 3 + 1;

    private BaJacobian(int[] rows, int[] cols, double[] vals)
    {
        Rows = rows;
        Cols = cols;
        Vals = vals;
    }

    /// <summary>Row pointers: row r's entries are at Rows[r] .. Rows[r + 1] − 1.</summary>
    public int[] Rows { get; }
    public int[] Cols { get; }
    public double[] Vals { get; }

    /// <summary>Every block by two generated reverse sweeps per observation (one per component) and one per weight.</summary>
    public static BaJacobian Compute(BaProblem problem)
    {
        int p = problem.P;
        var rows = new int[3 * p + 1];
        var cols = new int[2 * EntriesPerRow * p + p];
        var vals = new double[cols.Length];
        Span<double> dCam = stackalloc double[BaProblem.CameraParameters];
        Span<double> dX = stackalloc double[3];
        int weightColumn = BaProblem.CameraParameters * problem.N + 3 * problem.M;
        int entry = 0;
        for (int i = 0; i < p; i++)
        {
            int camera = problem.CameraOf(i);
            int point = problem.PointOf(i);
            ReadOnlySpan<double> cam = problem.Cams.AsSpan(camera * BaProblem.CameraParameters, BaProblem.CameraParameters);
            ReadOnlySpan<double> x = problem.X.AsSpan(point * 3, 3);
            ReadOnlySpan<double> feat = problem.Feats.AsSpan(2 * i, 2);
            for (int component = 0; component < 2; component++)
            {
                BaObjective.ReprojectionErrorBackward(cam, x, problem.W[i], feat, component, dCam, dX, out double dW);
                for (int j = 0; j < BaProblem.CameraParameters; j++)
                {
                    cols[entry] = BaProblem.CameraParameters * camera + j;
                    vals[entry++] = dCam[j];
                }
                for (int j = 0; j < 3; j++)
                {
                    cols[entry] = BaProblem.CameraParameters * problem.N + 3 * point + j;
                    vals[entry++] = dX[j];
                }
                cols[entry] = weightColumn + i;
                vals[entry++] = dW;
                rows[2 * i + component + 1] = entry;
            }
        }
        for (int i = 0; i < p; i++)
        {
            BaObjective.WeightErrorBackward(problem.W[i], out double dW);
            cols[entry] = weightColumn + i;
            vals[entry++] = dW;
            rows[2 * p + i + 1] = entry;
        }
        return new BaJacobian(rows, cols, vals);
    }
}
