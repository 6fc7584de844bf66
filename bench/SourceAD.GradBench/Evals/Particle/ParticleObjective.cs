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
