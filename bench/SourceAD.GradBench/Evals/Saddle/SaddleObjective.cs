using System;

namespace SourceAD.GradBench.Evals.Saddle;

/// <summary>
/// GradBench's <c>saddle</c> (<c>cpp/gradbench/evals/saddle.hpp</c>): f(p₁, p₂) = ‖p₁‖² − ‖p₂‖²; the eval finds
/// r₁ = argmin over p₁ of max over p₂ of f, then r₂ = argmax over p₂ of f(r₁, ·), both by gradient descent from the start
/// point, so the outer gradient goes through the inner descent loop and its gradient calls.
/// </summary>
public static partial class SaddleObjective
{
    [Differentiable]
    public static double Objective(double x1, double y1, double x2, double y2)
    {
        return (x1 * x1 + y1 * y1) - (x2 * x2 + y2 * y2);
    }
}

public static partial class SaddleObjective
{
    /// <summary>
    /// max over p₂ of f(p₁, p₂), by the eval's gradient descent on −f from the start, with ∇_{p₂}f from
    /// <c>ObjectiveBackward</c> (reverse), written out here so that the outer derivative goes through it.
    /// </summary>
    [Differentiable]
    public static double MaxR(double x1, double y1, [NoDiff] double startX, [NoDiff] double startY)
    {
        double x2 = startX, y2 = startY;
        ObjectiveBackward(x1, y1, x2, y2, out double d1, out double d2, out double gx, out double gy);
        double fx = -Objective(x1, y1, x2, y2);
        double eta = 1e-5;
        int accepted = 0;
        while (gx * gx + gy * gy > 1e-10)
        {
            if (accepted == 10)
            {
                eta *= 2;
                accepted = 0;
                continue;
            }
            // A step on −f: x' = x − η·(−∇f).
            double nextX = x2 + eta * gx, nextY = y2 + eta * gy;
            if (Math.Sqrt((nextX - x2) * (nextX - x2) + (nextY - y2) * (nextY - y2)) <= 1e-5)
            {
                break;
            }
            double fNext = -Objective(x1, y1, nextX, nextY);
            if (fNext < fx)
            {
                x2 = nextX;
                y2 = nextY;
                fx = fNext;
                ObjectiveBackward(x1, y1, x2, y2, out d1, out d2, out gx, out gy);
                accepted++;
            }
            else
            {
                eta /= 2;
                accepted = 0;
            }
        }
        return Objective(x1, y1, x2, y2);
    }

    /// <summary>As <see cref="MaxR"/>, with ∇_{p₂}f from two <c>ObjectiveTangent</c> calls (forward).</summary>
    [Differentiable]
    public static double MaxF(double x1, double y1, [NoDiff] double startX, [NoDiff] double startY)
    {
        double x2 = startX, y2 = startY;
        ObjectiveTangent(x1, y1, x2, y2, 0.0, 0.0, 1.0, 0.0, out double gx);
        ObjectiveTangent(x1, y1, x2, y2, 0.0, 0.0, 0.0, 1.0, out double gy);
        double fx = -Objective(x1, y1, x2, y2);
        double eta = 1e-5;
        int accepted = 0;
        while (gx * gx + gy * gy > 1e-10)
        {
            if (accepted == 10)
            {
                eta *= 2;
                accepted = 0;
                continue;
            }
            double nextX = x2 + eta * gx, nextY = y2 + eta * gy;
            if (Math.Sqrt((nextX - x2) * (nextX - x2) + (nextY - y2) * (nextY - y2)) <= 1e-5)
            {
                break;
            }
            double fNext = -Objective(x1, y1, nextX, nextY);
            if (fNext < fx)
            {
                x2 = nextX;
                y2 = nextY;
                fx = fNext;
                ObjectiveTangent(x1, y1, x2, y2, 0.0, 0.0, 1.0, 0.0, out gx);
                ObjectiveTangent(x1, y1, x2, y2, 0.0, 0.0, 0.0, 1.0, out gy);
                accepted++;
            }
            else
            {
                eta /= 2;
                accepted = 0;
            }
        }
        return Objective(x1, y1, x2, y2);
    }
}
