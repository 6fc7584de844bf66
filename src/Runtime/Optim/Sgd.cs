using System;
using System.Collections.Generic;

namespace SourceAD;

/// <summary>Plain stochastic gradient descent: <c>parameter −= learningRate · gradient</c>, in place.</summary>
public sealed partial class Sgd
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size; positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not positive and finite.</exception>
    public Sgd(float learningRate)
    {
        LearningRate = learningRate;
    }

    /// <summary>The step size; positive and finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public float LearningRate
    {
        get;
        set => field = OptimizerArguments.Positive(value, nameof(LearningRate));
    }

    /// <summary>Updates one parameter in place.</summary>
    /// <param name="parameter">The parameter to update.</param>
    /// <param name="gradient">The gradient of the loss with respect to <paramref name="parameter"/>, of the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void Step(Tensor parameter, Tensor gradient)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.AddScaledInPlace(gradient, -LearningRate);
    }

    /// <summary>Updates each parameter in place with its gradient.</summary>
    /// <param name="pairs">The parameters and their gradients.</param>
    public void Step(IEnumerable<(Tensor Parameter, Tensor Gradient)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach ((Tensor parameter, Tensor gradient) in pairs)
        {
            Step(parameter, gradient);
        }
    }
}
