using System;
using System.Buffers;

namespace SourceAD;

/// <summary>Gradient descent with a backtracking (Armijo) line search, on a <see cref="Gradient"/>.</summary>
public static class LineSearch
{
    /// <summary>
    /// One steepest-descent step with backtracking: from t = <paramref name="initialStep"/>, halves t (by
    /// <paramref name="shrink"/>) until f(x − t·∇f) ≤ f(x) − c·t·‖∇f‖², then moves <paramref name="x"/> there. When no t
    /// in <paramref name="maxTrials"/> trials decreases f enough, <paramref name="x"/> stays where it is.
    /// </summary>
    /// <param name="function">The function and its gradient, e.g. a generated <c>FGradient(…)</c>.</param>
    /// <param name="x">The point, moved in place.</param>
    /// <param name="initialStep">The first step length tried; positive and finite.</param>
    /// <param name="shrink">The factor each rejected step length is multiplied by; in (0, 1).</param>
    /// <param name="sufficientDecrease">The Armijo constant c; in (0, 1).</param>
    /// <param name="maxTrials">How many step lengths to try at most; positive.</param>
    /// <returns>The value at the (new) point, and the step length taken (0 when none was accepted).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range.</exception>
    public static (double Value, double Step) Backtracking(Gradient function, Span<double> x, double initialStep = 1, double shrink = 0.5, double sufficientDecrease = 1e-4, int maxTrials = 60)
    {
        ArgumentNullException.ThrowIfNull(function);
        OptimizerArguments.Positive(initialStep, nameof(initialStep));
        if (!(shrink > 0 && shrink < 1)) throw new ArgumentOutOfRangeException(nameof(shrink), shrink, "The shrink factor must be in (0, 1), e.g. 0.5.");
        if (!(sufficientDecrease > 0 && sufficientDecrease < 1)) throw new ArgumentOutOfRangeException(nameof(sufficientDecrease), sufficientDecrease, "The Armijo constant must be in (0, 1), e.g. 1e-4.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTrials);
        // One rented array: the gradient at x, the trial point, and the gradient there (written by the delegate, unused).
        double[] scratch = ArrayPool<double>.Shared.Rent(3 * x.Length);
        try
        {
            Span<double> gradient = scratch.AsSpan(0, x.Length), trial = scratch.AsSpan(x.Length, x.Length), unused = scratch.AsSpan(2 * x.Length, x.Length);
            double value = function(x, gradient);
            double slope = 0;
            foreach (double g in gradient) slope += g * g;
            double t = initialStep;
            for (int k = 0; k < maxTrials; k++, t *= shrink)
            {
                for (int i = 0; i < x.Length; i++) trial[i] = x[i] - t * gradient[i];
                double next = function(trial, unused);
                if (next <= value - sufficientDecrease * t * slope)
                {
                    trial.CopyTo(x);
                    return (next, t);
                }
            }
            return (value, 0);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }
}
