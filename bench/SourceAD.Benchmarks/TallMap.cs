using System;

namespace SourceAD.Benchmarks;

/// <summary>
/// A tall map shaped like GradBench's hand tracking: 28 parameters (a global rotation and translation, then two
/// angles per bone of a 11-bone chain) move many points, each skinned to one bone, so every residual depends on the
/// chain of angles before its bone and the Jacobian is dense in practice (3·points rows, 28 columns).
/// </summary>
public static partial class TallMap
{
    public const int Inputs = 28;
    public const int Bones = 11;

    /// <param name="theta">3 global angles, 3 translations, then (z, y) angles for each bone</param>
    /// <param name="points">per point, its 3 coordinates in its bone's frame</param>
    /// <param name="targets">per point, the 3 coordinates it should reach</param>
    /// <param name="bones">per point, its bone</param>
    /// <param name="residuals">receives the 3 residuals of each point</param>
    [Differentiable]
    public static void Residuals(ReadOnlySpan<double> theta, [NoDiff] ReadOnlySpan<double> points, [NoDiff] ReadOnlySpan<double> targets,
        ReadOnlySpan<int> bones, [Output] Span<double> residuals)
    {
        // Per bone, the rotation Rz(Σ z angles) · Ry(Σ y angles) over the chain up to it, then the global rotation.
        double[] rotations = new double[9 * Bones];
        double z = theta[0], y = theta[1];
        for (int bone = 0; bone < Bones; bone++)
        {
            z += theta[6 + 2 * bone];
            y += theta[7 + 2 * bone];
            double cz = Math.Cos(z), sz = Math.Sin(z), cy = Math.Cos(y), sy = Math.Sin(y);
            double scale = 1 + 0.1 * Math.Tanh(theta[2]);
            rotations[9 * bone] = scale * cz * cy;
            rotations[9 * bone + 1] = -scale * sz;
            rotations[9 * bone + 2] = scale * cz * sy;
            rotations[9 * bone + 3] = scale * sz * cy;
            rotations[9 * bone + 4] = scale * cz;
            rotations[9 * bone + 5] = scale * sz * sy;
            rotations[9 * bone + 6] = -scale * sy;
            rotations[9 * bone + 7] = 0;
            rotations[9 * bone + 8] = scale * cy;
        }
        for (int i = 0; i < bones.Length; i++)
        {
            int bone = bones[i];
            for (int row = 0; row < 3; row++)
            {
                double moved = theta[3 + row];
                for (int col = 0; col < 3; col++)
                {
                    moved += rotations[9 * bone + 3 * row + col] * points[3 * i + col];
                }
                residuals[3 * i + row] = targets[3 * i + row] - moved;
            }
        }
    }
}
