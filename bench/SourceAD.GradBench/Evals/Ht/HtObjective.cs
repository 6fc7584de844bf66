using System;

namespace SourceAD.GradBench.Evals.Ht;

/// <summary>
/// GradBench's <c>ht</c> residuals (<c>cpp/gradbench/evals/ht.hpp</c>, from ADBench's hand tracking): θ → pose
/// parameters → posed bone transforms → linear blend skinning of every vertex → global rotation and translation →
/// per point, its position minus its vertex (simple) or its barycentric point on a triangle (complicated).
/// </summary>
/// <remarks>
/// Not [Differentiable] yet: the residuals are a vector (3 per point) and SourceAD's generator differentiates methods
/// that return a scalar and do not write into parameter buffers. With <c>[Output]</c> spans and vector forward mode
/// this method is the one to mark, and the Jacobian (28 or 26 columns) is one generated call.
/// Matrices are row-major here; the products add their terms in the reference's order (<c>mat_mult</c>).
/// </remarks>
public static class HtObjective
{
    /// <summary>The 3N residuals at pose <paramref name="theta"/> and barycentric coordinates <paramref name="us"/> (empty: simple).</summary>
    public static void Objective(HtProblem problem, ReadOnlySpan<double> theta, ReadOnlySpan<double> us, Span<double> err)
    {
        int columns = problem.Bones + 3;
        Span<double> pose = stackalloc double[3 * columns];
        PoseParameters(theta, pose);
        var positions = new double[3 * problem.Vertices];
        SkinnedVertexPositions(problem, pose, positions);
        ApplyGlobalTransform(pose, positions);
        for (int i = 0; i < problem.PointCount; i++)
        {
            int correspondence = problem.Correspondences[i];
            for (int j = 0; j < 3; j++)
            {
                double handPoint;
                if (us.Length == 0)
                {
                    handPoint = positions[3 * correspondence + j];
                }
                else
                {
                    double u0 = us[2 * i];
                    double u1 = us[2 * i + 1];
                    handPoint = u0 * positions[3 * problem.Triangles[3 * correspondence] + j]
                        + u1 * positions[3 * problem.Triangles[3 * correspondence + 1] + j]
                        + (1.0 - u0 - u1) * positions[3 * problem.Triangles[3 * correspondence + 2] + j];
                }
                err[3 * i + j] = problem.Points[3 * i + j] - handPoint;
            }
        }
    }

    /// <summary>
    /// to_pose_params: a 3 × (bones + 3) matrix, column by column (column c at 3c): global rotation, scale (ones),
    /// translation, then per finger three joints (the first with two angles) and an empty column.
    /// </summary>
    private static void PoseParameters(ReadOnlySpan<double> theta, Span<double> pose)
    {
        pose.Clear();
        for (int row = 0; row < 3; row++)
        {
            pose[row] = theta[row];
            pose[3 + row] = 1;
            pose[6 + row] = theta[3 + row];
        }
        int iTheta = 6;
        int column = 5;
        for (int finger = 0; finger < 5; finger++)
        {
            for (int joint = 2; joint <= 4; joint++)
            {
                pose[3 * column] = theta[iTheta++];
                if (joint == 2)
                {
                    pose[3 * column + 1] = theta[iTheta++];
                }
                column++;
            }
            column++;
        }
    }

    /// <summary>get_skinned_vertex_positions without the global transform: Σ_bones weight · (transform · base position).</summary>
    private static void SkinnedVertexPositions(HtProblem problem, ReadOnlySpan<double> pose, Span<double> positions)
    {
        int bones = problem.Bones;
        var absolutes = new double[16 * bones];
        Span<double> relative = stackalloc double[16];
        Span<double> posed = stackalloc double[16];
        Span<double> transform = stackalloc double[16];
        Span<double> rotation = stackalloc double[9];
        for (int bone = 0; bone < bones; bone++)
        {
            // get_posed_relatives: base_relative · [R 0; 0 1], R from the bone's Euler angles.
            EulerAnglesToRotationMatrix(pose.Slice(3 * (bone + 3), 3), rotation);
            posed.Clear();
            for (int row = 0; row < 3; row++)
            {
                rotation.Slice(3 * row, 3).CopyTo(posed.Slice(4 * row, 3));
            }
            posed[15] = 1;
            Multiply(problem.BaseRelatives.AsSpan(16 * bone, 16), posed, relative, 4, 4, 4);
            // relatives_to_absolutes (a parent comes before its children).
            int parent = problem.Parents[bone];
            if (parent == -1)
            {
                relative.CopyTo(absolutes.AsSpan(16 * bone, 16));
            }
            else
            {
                Multiply(absolutes.AsSpan(16 * parent, 16), relative, absolutes.AsSpan(16 * bone, 16), 4, 4, 4);
            }
        }
        positions.Clear();
        for (int bone = 0; bone < bones; bone++)
        {
            Multiply(absolutes.AsSpan(16 * bone, 16), problem.InverseBaseAbsolutes.AsSpan(16 * bone, 16), transform, 4, 4, 4);
            for (int vertex = 0; vertex < problem.Vertices; vertex++)
            {
                double weight = problem.Weights[vertex * bones + bone];
                ReadOnlySpan<double> basePosition = problem.BasePositions.AsSpan(4 * vertex, 4);
                for (int row = 0; row < 3; row++)
                {
                    double current = transform[4 * row] * basePosition[0];
                    for (int j = 1; j < 4; j++)
                    {
                        current += transform[4 * row + j] * basePosition[j];
                    }
                    positions[3 * vertex + row] += current * weight;
                }
            }
        }
        if (problem.IsMirrored)
        {
            for (int vertex = 0; vertex < problem.Vertices; vertex++)
            {
                positions[3 * vertex] = -positions[3 * vertex];
            }
        }
    }

    /// <summary>apply_global_transform: positions ← R(global rotation) · diag(scale) · positions + translation.</summary>
    private static void ApplyGlobalTransform(ReadOnlySpan<double> pose, Span<double> positions)
    {
        Span<double> rotation = stackalloc double[9];
        AngleAxisToRotationMatrix(pose.Slice(0, 3), rotation);
        for (int row = 0; row < 3; row++)
        {
            for (int column = 0; column < 3; column++)
            {
                rotation[3 * row + column] *= pose[3 + column];
            }
        }
        Span<double> rotated = stackalloc double[3];
        for (int vertex = 0; vertex < positions.Length / 3; vertex++)
        {
            Span<double> position = positions.Slice(3 * vertex, 3);
            Multiply(rotation, position, rotated, 3, 3, 1);
            for (int row = 0; row < 3; row++)
            {
                position[row] = rotated[row] + pose[6 + row];
            }
        }
    }

    private static void AngleAxisToRotationMatrix(ReadOnlySpan<double> angleAxis, Span<double> r)
    {
        double norm = Math.Sqrt(angleAxis[0] * angleAxis[0] + angleAxis[1] * angleAxis[1] + angleAxis[2] * angleAxis[2]);
        if (norm < .0001)
        {
            r.Clear();
            r[0] = r[4] = r[8] = 1;
            return;
        }
        double x = angleAxis[0] / norm;
        double y = angleAxis[1] / norm;
        double z = angleAxis[2] / norm;
        double s = Math.Sin(norm);
        double c = Math.Cos(norm);
        r[0] = x * x + (1 - x * x) * c;
        r[1] = x * y * (1 - c) - z * s;
        r[2] = x * z * (1 - c) + y * s;
        r[3] = x * y * (1 - c) + z * s;
        r[4] = y * y + (1 - y * y) * c;
        r[5] = y * z * (1 - c) - x * s;
        r[6] = x * z * (1 - c) - y * s;
        r[7] = z * y * (1 - c) + x * s;
        r[8] = z * z + (1 - z * z) * c;
    }

    /// <summary>euler_angles_to_rotation_matrix: angles (x, z, y) → Rz · Ry · Rx.</summary>
    private static void EulerAnglesToRotationMatrix(ReadOnlySpan<double> xzy, Span<double> r)
    {
        double tx = xzy[0], ty = xzy[2], tz = xzy[1];
        Span<double> rx = [1, 0, 0, 0, Math.Cos(tx), -Math.Sin(tx), 0, Math.Sin(tx), Math.Cos(tx)];
        Span<double> ry = [Math.Cos(ty), 0, Math.Sin(ty), 0, 1, 0, -Math.Sin(ty), 0, Math.Cos(ty)];
        Span<double> rz = [Math.Cos(tz), -Math.Sin(tz), 0, Math.Sin(tz), Math.Cos(tz), 0, 0, 0, 1];
        Span<double> zy = stackalloc double[9];
        Multiply(rz, ry, zy, 3, 3, 3);
        Multiply(zy, rx, r, 3, 3, 3);
    }

    /// <summary>mat_mult on row-major matrices: out(i, k) = lhs(i, 0)·rhs(0, k) + Σⱼ₌₁ lhs(i, j)·rhs(j, k).</summary>
    private static void Multiply(ReadOnlySpan<double> lhs, ReadOnlySpan<double> rhs, Span<double> result, int rows, int inner, int columns)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < columns; k++)
            {
                double sum = lhs[i * inner] * rhs[k];
                for (int j = 1; j < inner; j++)
                {
                    sum += lhs[i * inner + j] * rhs[j * columns + k];
                }
                result[i * columns + k] = sum;
            }
        }
    }
}
