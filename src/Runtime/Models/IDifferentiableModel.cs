namespace SourceAD;

/// <summary>
/// A type whose differentiable members SourceAD visits. The generator implements it on every <c>partial</c> class,
/// struct or record that declares a <c>[Differentiable]</c> instance method (the members are those the method is
/// differentiated with respect to, as in <c>dThis</c>), so <see cref="Sgd"/>, <see cref="Adam"/> and
/// <see cref="GradCheck"/> accept the model and its gradient directly. Any other struct, record or class SourceAD reads
/// has the same visitor as a static method, <c>{Type}Gradients.VisitMembers</c>.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IDifferentiableModel<TSelf> where TSelf : IDifferentiableModel<TSelf>
{
    /// <summary>
    /// Calls <paramref name="visitor"/> once per differentiable member of <paramref name="model"/> (writable) with the
    /// same member of <paramref name="gradient"/>, in declaration order, nested members recursively.
    /// </summary>
    /// <exception cref="System.ArgumentException">A buffer or tensor member of the gradient is null or has another length.</exception>
    static abstract void VisitMembers(ref TSelf model, TSelf gradient, IMemberVisitor visitor);
}
