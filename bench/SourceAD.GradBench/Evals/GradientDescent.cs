using System;

namespace SourceAD.GradBench.Evals;

/// <summary>
/// The gradient-descent solver GradBench's particle and saddle evals prescribe (<c>cpp/gradbench/gd.hpp</c>): from
/// the start, step x' = x − η·∇f with η = 10⁻⁵ at first, doubled after every 10 accepted steps and halved after a
/// rejected one (f(x') ≥ f(x)); stop when ‖∇f‖ ≤ 10⁻⁵ or a step moves x by at most 10⁻⁵. It is not differentiated:
/// the evals differentiate the functions it is given.
/// </summary>
public static class GradientDescent
{
    public delegate double Objective(ReadOnlySpan<double> x);

    public delegate void Gradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The point where the descent on <paramref name="f"/> from <paramref name="start"/> stops.</summary>
    public static double[] ArgMin(Objective f, Gradient gradient, ReadOnlySpan<double> start)
    {
        int n = start.Length;
        double[] x = start.ToArray(), gx = new double[n], next = new double[n];
        double fx = f(x);
        gradient(x, gx);
        int accepted = 0;
        double eta = 1e-5;
        while (true)
        {
            if (Norm(gx) <= 1e-5)
            {
                return x;
            }
            if (accepted == 10)
            {
                eta *= 2;
                accepted = 0;
                continue;
            }
            double moved = 0;
            for (int j = 0; j < n; j++)
            {
                next[j] = x[j] - eta * gx[j];
                moved += (x[j] - next[j]) * (x[j] - next[j]);
            }
            if (Math.Sqrt(moved) <= 1e-5)
            {
                return x;
            }
            double fNext = f(next);
            if (fNext < fx)
            {
                (x, next) = (next, x);
                fx = fNext;
                gradient(x, gx);
                accepted++;
            }
            else
            {
                eta /= 2;
                accepted = 0;
            }
        }
    }

    /// <summary>The point where the descent on −<paramref name="f"/> stops.</summary>
    public static double[] ArgMax(Objective f, Gradient gradient, ReadOnlySpan<double> start) =>
        ArgMin(x => -f(x), (x, g) =>
        {
            gradient(x, g);
            for (int j = 0; j < g.Length; j++)
            {
                g[j] = -g[j];
            }
        }, start);

    private static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double e in v)
        {
            sum += e * e;
        }
        return Math.Sqrt(sum);
    }
}
