using System;

namespace SourceAD.GradBench.Evals.Ode;

/// <summary>
/// GradBench's <c>ode</c> (<c>cpp/gradbench/evals/ode.hpp</c>, after cmpad's <c>runge_kutta</c>): y' = z(x, y) with
/// z₀ = x₀, zᵢ = xᵢ·yᵢ₋₁, y(0) = 0, integrated to t = 2 by s classic RK4 steps. The eval's primal is the whole y(2), its
/// gradient ∇ₓ yₙ₋₁(2).
/// </summary>
/// <remarks>
/// The method is written twice because SourceAD's generator has no vector-valued methods yet: a [Differentiable] method
/// returns a scalar and may not write into a parameter buffer (SAD0013), so <see cref="Integrate"/> (the eval's primal,
/// which writes y into the caller's span) cannot be the method that is differentiated. <see cref="LastComponent"/> is
/// the same integration into local buffers, returning yₙ₋₁; with <c>[Output]</c> spans the two become one method.
/// </remarks>
public static partial class OdeObjective
{
    /// <summary>Final time t_f of the integration.</summary>
    private const double FinalTime = 2;

    /// <summary>y(2) after <paramref name="s"/> RK4 steps, into <paramref name="y"/> (the eval's primal).</summary>
    public static void Integrate(ReadOnlySpan<double> x, int s, Span<double> y)
    {
        int n = x.Length;
        double h = FinalTime / s;
        Span<double> k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n], yTmp = new double[n];
        y.Clear();
        for (int step = 0; step < s; step++)
        {
            Rate(x, y, k1);
            for (int i = 0; i < n; i++)
            {
                yTmp[i] = y[i] + h * k1[i] / 2;
            }
            Rate(x, yTmp, k2);
            for (int i = 0; i < n; i++)
            {
                yTmp[i] = y[i] + h * k2[i] / 2;
            }
            Rate(x, yTmp, k3);
            for (int i = 0; i < n; i++)
            {
                yTmp[i] = y[i] + h * k3[i];
            }
            Rate(x, yTmp, k4);
            for (int i = 0; i < n; i++)
            {
                y[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
            }
        }
    }

    /// <summary>The right-hand side z(x, y): z₀ = x₀, zᵢ = xᵢ·yᵢ₋₁.</summary>
    private static void Rate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z)
    {
        z[0] = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            z[i] = x[i] * y[i - 1];
        }
    }

    /// <summary>yₙ₋₁(2): <see cref="Integrate"/> in local buffers, each stage's right-hand side inlined (the gradient's function).</summary>
    [Differentiable]
    public static double LastComponent(ReadOnlySpan<double> x, int s)
    {
        int n = x.Length;
        double h = FinalTime / s;
        double[] y = new double[n];
        double[] k1 = new double[n];
        double[] k2 = new double[n];
        double[] k3 = new double[n];
        double[] k4 = new double[n];
        double[] yTmp = new double[n];
        for (int step = 0; step < s; step++)
        {
            k1[0] = x[0];
            for (int i = 1; i < n; i++)
            {
                k1[i] = x[i] * y[i - 1];
            }
            for (int i = 0; i < n; i++)
            {
                yTmp[i] = y[i] + h * k1[i] / 2;
            }
            k2[0] = x[0];
            for (int i = 1; i < n; i++)
            {
                k2[i] = x[i] * yTmp[i - 1];
            }
            for (int i = 0; i < n; i++)
            {
                yTmp[i] = y[i] + h * k2[i] / 2;
            }
            k3[0] = x[0];
            for (int i = 1; i < n; i++)
            {
                k3[i] = x[i] * yTmp[i - 1];
            }
            for (int i = 0; i < n; i++)
            {
                yTmp[i] = y[i] + h * k3[i];
            }
            k4[0] = x[0];
            for (int i = 1; i < n; i++)
            {
                k4[i] = x[i] * yTmp[i - 1];
            }
            for (int i = 0; i < n; i++)
            {
                y[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
            }
        }
        return y[n - 1];
    }
}
