using System;

namespace SourceAD.GradBench.Evals.Ht;

/// <summary>
/// GradBench's <c>ht</c> residuals (<c>cpp/gradbench/evals/ht.hpp</c>, from ADBench's hand tracking): θ → pose
/// parameters → posed bone transforms → linear blend skinning of every vertex → global rotation and translation →
/// per point, its position minus its vertex (simple) or its barycentric point on a triangle (complicated).
/// </summary>
/// <remarks>
/// One <c>[Differentiable]</c> method with the residuals as an <c>[Output]</c> buffer; its generated
/// <c>ResidualsTangents</c> (vector forward mode) gives the Jacobian several columns per sweep. Matrices are row-major; every matrix product is
/// <see cref="ProductEntry"/>, which adds its terms in the reference's order (<c>mat_mult</c>). Calls to methods with
/// <c>[Output]</c> buffers are not differentiated inside another method, so the steps the reference writes as
/// functions are sections of this one.
/// </remarks>
public static partial class HtObjective
{
    /// <summary>The 3N residuals at pose <paramref name="theta"/> and barycentric coordinates <paramref name="us"/> (empty: simple).</summary>
    /// <param name="theta">the 26 pose parameters</param>
    /// <param name="us">(u₀, u₁) per point, or empty for the simple variant</param>
    /// <param name="baseRelatives">per bone, its 4×4 base relative transform, row-major</param>
    /// <param name="inverseBaseAbsolutes">per bone, its 4×4 inverse base absolute transform, row-major</param>
    /// <param name="basePositions">per vertex, its homogeneous base position (4 values)</param>
    /// <param name="weights">per vertex, one weight per bone</param>
    /// <param name="points">per point, its 3 coordinates</param>
    /// <param name="parents">per bone, its parent's index (earlier), or −1</param>
    /// <param name="triangles">per triangle, its 3 vertex indices</param>
    /// <param name="correspondences">per point, its vertex (simple) or triangle (complicated)</param>
    /// <param name="isMirrored">whether the model's x axis is mirrored</param>
    /// <param name="err">receives the 3N residuals</param>
    [Differentiable]
    public static void Residuals(ReadOnlySpan<double> theta, ReadOnlySpan<double> us,
        [NoDiff] ReadOnlySpan<double> baseRelatives, [NoDiff] ReadOnlySpan<double> inverseBaseAbsolutes,
        [NoDiff] ReadOnlySpan<double> basePositions, [NoDiff] ReadOnlySpan<double> weights, [NoDiff] ReadOnlySpan<double> points,
        ReadOnlySpan<int> parents, ReadOnlySpan<int> triangles, ReadOnlySpan<int> correspondences, bool isMirrored,
        [Output] Span<double> err)
    {
        int bones = parents.Length;
        int vertices = basePositions.Length / 4;

        // to_pose_params: a 3 × (bones + 3) matrix, column by column (column c at 3c): global rotation, scale (ones),
        // translation, then per finger three joints (the first with two angles) and an empty column.
        double[] pose = new double[3 * (bones + 3)];
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
                pose[3 * column] = theta[iTheta];
                iTheta++;
                if (joint == 2)
                {
                    pose[3 * column + 1] = theta[iTheta];
                    iTheta++;
                }
                column++;
            }
            column++;
        }

        // get_posed_relatives and relatives_to_absolutes: per bone, base_relative · [R 0; 0 1] with R = Rz · Ry · Rx
        // from its Euler angles (x, z, y), then its parent's absolute times that (a parent comes before its children).
        double[] absolutes = new double[16 * bones];
        double[] rx = new double[9];
        double[] ry = new double[9];
        double[] rz = new double[9];
        double[] zy = new double[9];
        double[] posed = new double[16];
        double[] relative = new double[16];
        posed[15] = 1;
        for (int bone = 0; bone < bones; bone++)
        {
            double tx = pose[3 * (bone + 3)];
            double tz = pose[3 * (bone + 3) + 1];
            double ty = pose[3 * (bone + 3) + 2];
            rx[0] = 1; rx[4] = Math.Cos(tx); rx[5] = -Math.Sin(tx); rx[7] = Math.Sin(tx); rx[8] = Math.Cos(tx);
            ry[0] = Math.Cos(ty); ry[2] = Math.Sin(ty); ry[4] = 1; ry[6] = -Math.Sin(ty); ry[8] = Math.Cos(ty);
            rz[0] = Math.Cos(tz); rz[1] = -Math.Sin(tz); rz[3] = Math.Sin(tz); rz[4] = Math.Cos(tz); rz[8] = 1;
            for (int i = 0; i < 3; i++)
            {
                for (int k = 0; k < 3; k++)
                {
                    zy[3 * i + k] = ProductEntry(rz, ry, i, k, 3, 3);
                }
            }
            for (int i = 0; i < 3; i++)
            {
                for (int k = 0; k < 3; k++)
                {
                    posed[4 * i + k] = ProductEntry(zy, rx, i, k, 3, 3);
                }
            }
            for (int i = 0; i < 4; i++)
            {
                for (int k = 0; k < 4; k++)
                {
                    relative[4 * i + k] = ProductEntry(baseRelatives.Slice(16 * bone, 16), posed, i, k, 4, 4);
                }
            }
            int parent = parents[bone];
            for (int i = 0; i < 4; i++)
            {
                for (int k = 0; k < 4; k++)
                {
                    absolutes[16 * bone + 4 * i + k] = parent == -1 ? relative[4 * i + k] : ProductEntry(absolutes.AsSpan(16 * parent, 16), relative, i, k, 4, 4);
                }
            }
        }

        // get_skinned_vertex_positions: Σ over bones of weight · (absolute · inverse base absolute · base position).
        // Every bone's transform first, then vertex by vertex: each vertex adds its bones' terms in the reference's
        // order (bone 0 first), and its position (and, in the tangents, its bundle of lanes) stays in cache.
        double[] transforms = new double[16 * bones];
        for (int bone = 0; bone < bones; bone++)
        {
            for (int i = 0; i < 4; i++)
            {
                for (int k = 0; k < 4; k++)
                {
                    transforms[16 * bone + 4 * i + k] = ProductEntry(absolutes.AsSpan(16 * bone, 16), inverseBaseAbsolutes.Slice(16 * bone, 16), i, k, 4, 4);
                }
            }
        }
        double[] positions = new double[3 * vertices];
        for (int vertex = 0; vertex < vertices; vertex++)
        {
            for (int bone = 0; bone < bones; bone++)
            {
                double weight = weights[vertex * bones + bone];
                for (int row = 0; row < 3; row++)
                {
                    // (transform · base position)[row], inline: this runs vertices × bones × 3 times.
                    double current = transforms[16 * bone + 4 * row] * basePositions[4 * vertex];
                    for (int j = 1; j < 4; j++)
                    {
                        current += transforms[16 * bone + 4 * row + j] * basePositions[4 * vertex + j];
                    }
                    positions[3 * vertex + row] += current * weight;
                }
            }
        }

        // apply_global_transform: positions ← R(global rotation) · diag(scale) · positions + translation, with R from
        // the angle-axis vector (the identity below a norm of 1e-4); a mirrored model negates x first.
        double[] rotation = new double[9];
        double norm = Math.Sqrt(pose[0] * pose[0] + pose[1] * pose[1] + pose[2] * pose[2]);
        if (norm < .0001)
        {
            rotation[0] = 1;
            rotation[4] = 1;
            rotation[8] = 1;
        }
        else
        {
            double x = pose[0] / norm;
            double y = pose[1] / norm;
            double z = pose[2] / norm;
            double s = Math.Sin(norm);
            double c = Math.Cos(norm);
            rotation[0] = x * x + (1 - x * x) * c;
            rotation[1] = x * y * (1 - c) - z * s;
            rotation[2] = x * z * (1 - c) + y * s;
            rotation[3] = x * y * (1 - c) + z * s;
            rotation[4] = y * y + (1 - y * y) * c;
            rotation[5] = y * z * (1 - c) - x * s;
            rotation[6] = x * z * (1 - c) - y * s;
            rotation[7] = z * y * (1 - c) + x * s;
            rotation[8] = z * z + (1 - z * z) * c;
        }
        double[] scaled = new double[9];
        for (int row = 0; row < 3; row++)
        {
            for (int col = 0; col < 3; col++)
            {
                scaled[3 * row + col] = rotation[3 * row + col] * pose[3 + col];
            }
        }
        double[] local = new double[3];
        double[] world = new double[3 * vertices];
        for (int vertex = 0; vertex < vertices; vertex++)
        {
            local[0] = isMirrored ? -positions[3 * vertex] : positions[3 * vertex];
            local[1] = positions[3 * vertex + 1];
            local[2] = positions[3 * vertex + 2];
            for (int row = 0; row < 3; row++)
            {
                world[3 * vertex + row] = ProductEntry(scaled, local, row, 0, 3, 1) + pose[6 + row];
            }
        }

        // The residuals: each point minus its vertex, or minus the barycentric point (u₀, u₁, 1 − u₀ − u₁) of its triangle.
        for (int i = 0; i < correspondences.Length; i++)
        {
            int correspondence = correspondences[i];
            for (int j = 0; j < 3; j++)
            {
                double handPoint;
                if (us.Length == 0)
                {
                    handPoint = world[3 * correspondence + j];
                }
                else
                {
                    double u0 = us[2 * i];
                    double u1 = us[2 * i + 1];
                    handPoint = u0 * world[3 * triangles[3 * correspondence] + j]
                        + u1 * world[3 * triangles[3 * correspondence + 1] + j]
                        + (1.0 - u0 - u1) * world[3 * triangles[3 * correspondence + 2] + j];
                }
                err[3 * i + j] = points[3 * i + j] - handPoint;
            }
        }
    }

    /// <summary>mat_mult's entry (i, k) of lhs · rhs, row-major: lhs(i, 0)·rhs(0, k) + Σⱼ₌₁ lhs(i, j)·rhs(j, k).</summary>
    [Differentiable]
    public static double ProductEntry(ReadOnlySpan<double> lhs, ReadOnlySpan<double> rhs, int i, int k, int inner, int columns)
    {
        double sum = lhs[i * inner] * rhs[k];
        for (int j = 1; j < inner; j++)
        {
            sum += lhs[i * inner + j] * rhs[j * columns + k];
        }
        return sum;
    }
}
