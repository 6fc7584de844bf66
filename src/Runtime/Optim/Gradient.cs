using System;

namespace SourceAD;

/// <summary>
/// A gradient as a value: returns f(<paramref name="x"/>) and writes ∇f(<paramref name="x"/>) into
/// <paramref name="gradient"/> (of the same length, overwritten). The generator makes one for every
/// <c>[Differentiable]</c> method whose differentiable inputs are <c>double</c>/<c>float</c> scalars and
/// <c>double</c> buffers: <c>FGradient(…)</c>, taking the method's non-differentiable arguments and the length of each
/// buffer, over the inputs flattened in parameter order. <see cref="GradCheck"/>, <see cref="Sgd"/>, <see cref="Adam"/>
/// and <see cref="LineSearch"/> take it directly.
/// </summary>
/// <param name="x">The point: the differentiable inputs, flattened.</param>
/// <param name="gradient">Receives the gradient at <paramref name="x"/>.</param>
/// <returns>The function's value at <paramref name="x"/>.</returns>
public delegate double Gradient(ReadOnlySpan<double> x, Span<double> gradient);
