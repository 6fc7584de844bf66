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
