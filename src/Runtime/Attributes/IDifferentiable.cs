namespace SourceAD;

/// <summary>
/// A reference type whose values a <c>[Differentiable]</c> method can take, compute and return, such as
/// <c>Tensor</c>. Generated code keeps one adjoint of the same shape per active value: it creates it with
/// <see cref="ZerosLike"/>, passes it to the pullbacks of the operations (which accumulate into it), adds adjoints
/// with <see cref="Accumulate"/> and resets one with <see cref="Clear"/> when its variable is overwritten.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IDifferentiable<TSelf> where TSelf : class, IDifferentiable<TSelf>
{
    /// <summary>A new value of the same shape as <paramref name="value"/>, all zeros.</summary>
    static abstract TSelf ZerosLike(TSelf value);

    /// <summary>
    /// A new value of the same shape as <paramref name="value"/>, all ones: the seed of the reverse sweep of a method
    /// that returns this type (for a rank-0 tensor, d result / d result = 1).
    /// </summary>
    static abstract TSelf OnesLike(TSelf value);

    /// <summary>
    /// Whether <paramref name="candidate"/> has the shape of <paramref name="value"/>, so that a cleared
    /// <paramref name="candidate"/> can stand for <c>ZerosLike(value)</c>: generated code reuses adjoints
    /// (<see cref="AdjointPool{T}"/>) of types that answer it. The default, false, allocates every adjoint anew.
    /// </summary>
    static virtual bool HasShapeOf(TSelf candidate, TSelf value) => false;

    /// <summary>Adds <paramref name="adjoint"/> into this value, element by element (shapes must match).</summary>
    void Accumulate(TSelf adjoint);

    /// <summary>Sets every element to zero.</summary>
    void Clear();
}
