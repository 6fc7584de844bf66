namespace SourceAD;

/// <summary>
/// Excludes a floating-point parameter of a <see cref="DifferentiableAttribute"/> method from the gradient:
/// the generated backward method takes it as an input but returns no gradient for it.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NoDiffAttribute : System.Attribute
{
}
