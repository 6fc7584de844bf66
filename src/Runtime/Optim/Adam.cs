using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace SourceAD;

/// <summary>
/// The Adam optimiser (Kingma &amp; Ba, 2015) with bias correction, updating parameters in place:
/// <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>,
/// <c>θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)</c>.
/// </summary>
/// <remarks>
/// The moment buffers of a parameter are allocated at its first step and reused afterwards; parameters are told apart
/// by reference, and each counts its own steps <c>t</c>. Not thread-safe.
/// </remarks>
public sealed partial class Adam
{
    private readonly Dictionary<Tensor, State> _states = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the optimiser.</summary>
    /// <param name="learningRate">The step size <c>lr</c>; positive and finite.</param>
    /// <param name="beta1">The decay rate <c>β₁</c> of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay rate <c>β₂</c> of the second moment, in [0, 1).</param>
    /// <param name="epsilon">The denominator's offset <c>ε</c>; positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Adam(float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        LearningRate = learningRate;
        Beta1 = OptimizerArguments.Decay(beta1, nameof(beta1));
        Beta2 = OptimizerArguments.Decay(beta2, nameof(beta2));
        Epsilon = OptimizerArguments.Positive(epsilon, nameof(epsilon));
    }

    /// <summary>The step size <c>lr</c>; positive and finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public float LearningRate
    {
        get;
        set => field = OptimizerArguments.Positive(value, nameof(LearningRate));
    }

    /// <summary>The decay rate <c>β₁</c> of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>The decay rate <c>β₂</c> of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>The denominator's offset <c>ε</c>.</summary>
    public float Epsilon { get; }

    /// <summary>Updates one parameter in place.</summary>
    /// <param name="parameter">The parameter to update.</param>
    /// <param name="gradient">The gradient of the loss with respect to <paramref name="parameter"/>, of the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void Step(Tensor parameter, Tensor gradient)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        TensorShape.RequireSame(nameof(Adam), parameter, gradient);
        if (!_states.TryGetValue(parameter, out State? state))
        {
            state = new State(parameter.Length);
            _states.Add(parameter, state);
        }
        state.Steps++;
        Span<float> m = state.First, v = state.Second, scratch = state.Scratch, theta = parameter.Span;
        ReadOnlySpan<float> g = gradient.Span;

        TensorPrimitives.Multiply(m, Beta1, m);
        TensorPrimitives.MultiplyAdd(g, 1f - Beta1, m, m);
        TensorPrimitives.Multiply(g, g, scratch);
        TensorPrimitives.Multiply(v, Beta2, v);
        TensorPrimitives.MultiplyAdd(scratch, 1f - Beta2, v, v);

        double firstCorrection = 1.0 - Math.Pow(Beta1, state.Steps);
        double secondCorrection = 1.0 - Math.Pow(Beta2, state.Steps);
        TensorPrimitives.Sqrt(v, scratch);
        TensorPrimitives.Multiply(scratch, (float)(1.0 / Math.Sqrt(secondCorrection)), scratch);
        TensorPrimitives.Add(scratch, Epsilon, scratch);
        TensorPrimitives.Divide(m, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, (float)(-LearningRate / firstCorrection), theta, theta);
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

    /// <summary>The per-parameter buffers: first and second moments, a work buffer, and the step count.</summary>
    private sealed class State(int length)
    {
        public float[] First { get; } = new float[length];

        public float[] Second { get; } = new float[length];

        public float[] Scratch { get; } = new float[length];

        public int Steps { get; set; }
    }
}
