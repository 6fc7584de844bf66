namespace SourceAD;

/// <summary>
/// Marks a static method for compile-time reverse-mode differentiation. The SourceAD generator adds
/// <c>{Name}Backward</c> (value and gradient) and <c>{Name}Pullback</c> (value, and adjoints accumulated
/// for a given output adjoint) to the method's partial type.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : System.Attribute
{
}
