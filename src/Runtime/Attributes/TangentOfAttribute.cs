namespace SourceAD;

/// <summary>
/// Declares the method it marks as the hand-written tangent (forward-mode derivative) of another static method: one of
/// the same type, named by <see cref="Function"/>, or, with <see cref="TangentOfAttribute(System.Type, string)"/>, one
/// of a type you do not own, whose overload the tangent's leading parameter types choose. When the generated
/// <c>Tangent</c> of a <c>[Differentiable]</c> method reaches a call to that function, it calls this tangent instead
/// of differentiating the function's body. It is the forward-mode partner of <see cref="DerivativeOfAttribute"/>: a
/// function with only a pullback still gets forward mode when it returns a <c>double</c> or <c>float</c> and takes
/// numbers and buffers (its gradient, from the pullback, dotted with the direction); any other function needs a
/// tangent rule. The runtime's tensor operations declare theirs this way.
/// </summary>
/// <remarks>
/// <para>The tangent is <c>static</c>, returns the function's value, and takes, in order:</para>
/// <list type="number">
/// <item>the function's parameters, with the same types;</item>
/// <item>one tangent per differentiable parameter, named the parameter's name + <c>Dot</c>: the same type for a
/// <c>double</c> or <c>float</c>, <c>ReadOnlySpan&lt;T&gt;</c> for a buffer, and the same type, nullable, for an
/// <see cref="IDifferentiable{TSelf}"/> value such as a tensor (<c>null</c> is a zero tangent);</item>
/// <item><c>out resultDot</c>: the directional derivative of the value (nullable for an
/// <see cref="IDifferentiable{TSelf}"/> result, where <c>null</c> says it is zero).</item>
/// </list>
/// <para>A tangent treats its tangents as values: it never writes into them, and it may return one of them as
/// <c>resultDot</c> (the tangent of <c>x + 1</c> is the tangent of <c>x</c>).</para>
/// <para>Naming a pullback (<c>[TangentOf(nameof(FPullback))]</c>) declares a second-order rule: the tangent of the
/// pullback, which second derivatives (forward over reverse) call. It is <c>static void</c> and takes the pullback's
/// parameters, then a tangent of each (none for an integer one), passed as the parameter is (<c>ref</c> for a
/// <c>ref</c> adjoint); it runs the pullback and adds the pullback's directional derivative into the adjoints'
/// tangents. A <c>null</c> tensor tangent of a value is zero, and of an adjoint means it is not wanted.</para>
/// <example>
/// <code>
/// public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
///
/// [TangentOf(nameof(Softplus))]
/// public static double SoftplusTangent(double x, double xDot, out double resultDot)
/// {
///     resultDot = xDot / (1 + Math.Exp(-x));
///     return Softplus(x);
/// }
/// </code>
/// </example>
/// </remarks>
[System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class TangentOfAttribute : System.Attribute
{
    /// <summary>Declares the marked method as the tangent of <paramref name="function"/>.</summary>
    /// <param name="function">The name of the differentiated method in the same type (use <c>nameof</c>; operators by their metadata name, e.g. <c>op_Addition</c>).</param>
    public TangentOfAttribute(string function) => Function = function;

    /// <summary>Declares the marked method as the tangent of the method <paramref name="function"/> of <paramref name="type"/>.</summary>
    /// <param name="type">The type that declares the differentiated method (it need not be yours).</param>
    /// <param name="function">The name of the differentiated method (use <c>nameof</c>).</param>
    public TangentOfAttribute(System.Type type, string function)
    {
        Type = type;
        Function = function;
    }

    /// <summary>The type that declares the differentiated method, when it is not the tangent's own type.</summary>
    public System.Type? Type { get; }

    /// <summary>The name of the method this tangent differentiates.</summary>
    public string Function { get; }
}
