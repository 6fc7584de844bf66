namespace SourceAD;

/// <summary>
/// Marks a method for compile-time differentiation. The SourceAD generator adds its derivatives to the method's
/// partial type: <c>{Name}Backward</c> (value and gradient) and <c>{Name}Pullback</c> (value, and adjoints accumulated
/// for a given output adjoint) always, and the variants <see cref="Variants"/> names (all, by default): forward mode
/// (<c>Tangent</c>, <c>Tangents</c>), second order (<c>PullbackTangent</c>, <c>HessianVector</c>, <c>Hessian</c>), the
/// <c>Jacobian</c> of a method with <c>[Output]</c> buffers, the <c>Gradient</c> delegate and the computational
/// <c>Graph</c>.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : System.Attribute
{
    /// <summary>The variants generated beyond <c>Backward</c> and <c>Pullback</c>; <see cref="DerivativeVariants.All"/> by default.</summary>
    public DerivativeVariants Variants { get; set; } = DerivativeVariants.All;
}
