using System;

namespace SourceAD.GradBench.Evals.Particle;

/// <summary>
/// GradBench's <c>particle</c> (<c>cpp/gradbench/evals/particle.hpp</c>): a particle starts at (0, 8) with velocity
/// (0.75, 0) and falls under the field of two charges at (10, 10 − w) and (10, 0); the potential is Σ 1/‖x − cᵢ‖ and the
/// acceleration is −∇ₓ of it (an inner derivative). The eval minimises the squared x-coordinate where the particle
/// reaches the ground over w, by gradient descent: the outer derivative goes through the Euler loop and through the
/// inner derivative, with respect to w, which the inner derivative treats as a constant.
/// </summary>
public static partial class ParticleObjective
{
    /// <summary>The potential at (x, y) of the charges at (10, 10 − w) and (10, 0) (the reference's <c>accel</c>).</summary>
    [Differentiable]
    public static double Potential(double x, double y, double w)
    {
        double d0 = Math.Sqrt((10 - x) * (10 - x) + (10 - w - y) * (10 - w - y));
        double d1 = Math.Sqrt((10 - x) * (10 - x) + (0 - y) * (0 - y));
        return 1 / d0 + 1 / d1;
    }
}

public static partial class ParticleObjective
{
    /// <summary>
    /// The reference's <c>naive_euler</c> with the acceleration −∇ₓ Potential from <c>PotentialBackward</c> (reverse):
    /// Euler steps of 0.1 until the particle would pass y = 0, then the squared x where its straight path meets y = 0.
    /// </summary>
    [Differentiable]
    public static double NaiveEulerR(double w)
    {
        double x = 0, y = 8, vx = 0.75, vy = 0, dt = 0.1;
        while (true)
        {
            PotentialBackward(x, y, w, out double gx, out double gy, out double gw);
            x += dt * vx;
            y += dt * vy;
            if (y <= 0)
            {
                double xFinal = x + (-y / vy) * vx;
                return xFinal * xFinal;
            }
            vx -= dt * gx;
            vy -= dt * gy;
        }
    }

    /// <summary>As <see cref="NaiveEulerR"/>, with the acceleration from two <c>PotentialTangent</c> calls (forward).</summary>
    [Differentiable]
    public static double NaiveEulerF(double w)
    {
        double x = 0, y = 8, vx = 0.75, vy = 0, dt = 0.1;
        while (true)
        {
            PotentialTangent(x, y, w, 1.0, 0.0, 0.0, out double gx);
            PotentialTangent(x, y, w, 0.0, 1.0, 0.0, out double gy);
            x += dt * vx;
            y += dt * vy;
            if (y <= 0)
            {
                double xFinal = x + (-y / vy) * vx;
                return xFinal * xFinal;
            }
            vx -= dt * gx;
            vy -= dt * gy;
        }
    }
}
