namespace SourceAD.Generator.Model;

/// <summary>
/// The generator's copy of the runtime's <c>SourceAD.DerivativeVariants</c> (the generator does not reference the
/// runtime): which variants <c>[Differentiable(Variants = …)]</c> asks for beyond Backward and Pullback. The values
/// must stay the runtime's; a test compares the two.
/// </summary>
[System.Flags]
public enum VariantFlags
{
    None = 0,
    Tangent = 1,
    Tangents = 2,
    Hessian = 4,
    Jacobian = 8,
    Gradient = 16,
    Graph = 32,
    All = Tangent | Tangents | Hessian | Jacobian | Gradient | Graph,
}
