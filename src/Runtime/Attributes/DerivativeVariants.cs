namespace SourceAD;

/// <summary>
/// The derivative methods SourceAD generates for a <c>[Differentiable]</c> method beyond <c>Backward</c> and
/// <c>Pullback</c>, which it always generates: <see cref="DifferentiableAttribute.Variants"/> chooses them (all, by
/// default). Leaving out what a method's callers do not use makes the build faster and the generated file smaller;
/// a variant that would call one left out (the <c>Tangent</c> of a caller, the derivatives of a method that calls
/// this one's <c>Backward</c> inside it) is then not generated either, with SAD0020 (or SAD0019) naming the call.
/// </summary>
[System.Flags]
public enum DerivativeVariants
{
    /// <summary>Only <c>Backward</c> and <c>Pullback</c>.</summary>
    None = 0,

    /// <summary><c>Tangent</c>: forward mode, one direction.</summary>
    Tangent = 1,

    /// <summary><c>Tangents</c>: vector forward mode, a bundle of directions (with <see cref="Tangent"/>).</summary>
    Tangents = 2,

    /// <summary><c>PullbackTangent</c>, <c>HessianVector</c> and <c>Hessian</c>: second order, forward over reverse.</summary>
    Hessian = 4,

    /// <summary><c>Jacobian</c> of a method with <c>[Output]</c> buffers (with <see cref="Tangent"/>).</summary>
    Jacobian = 8,

    /// <summary><c>Gradient</c>: the gradient as a <c>SourceAD.Gradient</c> delegate.</summary>
    Gradient = 16,

    /// <summary><c>Graph</c>: the computational graph of one evaluation.</summary>
    Graph = 32,

    /// <summary>Every variant (the default).</summary>
    All = Tangent | Tangents | Hessian | Jacobian | Gradient | Graph,
}
