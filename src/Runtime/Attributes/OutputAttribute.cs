namespace SourceAD;

/// <summary>
/// Marks a <c>Span&lt;T&gt;</c> or <c>T[]</c> parameter (of <c>double</c> or <c>float</c>) of a
/// <see cref="DifferentiableAttribute"/> method as an output: the method writes its results there, and may return
/// <c>void</c>. Such a method is vector-valued: SourceAD generates its <c>Pullback</c> (with one output adjoint
/// <c>d</c> + name per output), its <c>Tangent</c> (with one output tangent name + <c>Dot</c> per output) and its
/// <c>Jacobian</c>, whose rows are the outputs flattened in order (the returned value first, if there is one).
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class OutputAttribute : System.Attribute
{
}
