namespace SourceAD;

/// <summary>
/// Excludes a floating-point value from differentiation. On a parameter of a <see cref="DifferentiableAttribute"/>
/// method: the generated backward method takes it as an input but returns no gradient for it. On a field or property of
/// a struct, record or class a differentiable method takes (or of the type that declares a differentiable instance
/// method): that member is a constant, and stays default in the type's gradients. For a positional record, mark the
/// parameter (<c>record struct Body(double X, [NoDiff] double Mass)</c>) or the property (<c>[property: NoDiff]</c>).
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Parameter | System.AttributeTargets.Field | System.AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class NoDiffAttribute : System.Attribute
{
}
