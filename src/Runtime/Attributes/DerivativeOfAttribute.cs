namespace SourceAD;

/// <summary>
/// Declares the method it marks as the hand-written pullback (reverse-mode derivative) of another static method: one of
/// the same type, named by <see cref="Function"/>, or, with <see cref="DerivativeOfAttribute(System.Type, string)"/>,
/// one of a type you do not own (a BCL or package method), whose overload the pullback's leading parameter types choose. When a <c>[Differentiable]</c> method calls that function with an argument
/// that depends on a differentiable input, the generated reverse sweep calls this pullback instead of differentiating
/// the function's body. The runtime's tensor operations declare their derivatives the same way.
/// </summary>
/// <remarks>
/// <para>The pullback is <c>static void</c> and takes, in order:</para>
/// <list type="number">
/// <item>the function's parameters, with the same types;</item>
/// <item>optionally a parameter named <c>result</c> of the function's return type: the value the function returned,
/// so the pullback need not recompute it;</item>
/// <item><c>dResult</c>: the adjoint of the function's value (same type as the return type);</item>
/// <item>one adjoint per differentiable parameter, named <c>d</c> + the parameter's name: <c>ref double</c> /
/// <c>ref float</c> for scalars, <c>Span&lt;T&gt;</c> for buffers, and the same type for
/// <see cref="IDifferentiable{TSelf}"/> values such as tensors.</item>
/// </list>
/// <para>The pullback adds <c>dResult · ∂f/∂p</c> to each adjoint (it accumulates; it never overwrites). An adjoint
/// argument of an <see cref="IDifferentiable{TSelf}"/> type may be <c>null</c>: the caller does not need that adjoint
/// (the argument does not depend on a differentiable input), and the pullback skips computing it.</para>
/// <example>
/// <code>
/// public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
///
/// [DerivativeOf(nameof(Softplus))]
/// public static void SoftplusPullback(double x, double dResult, ref double dx) => dx += dResult / (1 + Math.Exp(-x));
/// </code>
/// </example>
/// <para>For a method of another type, name the type too; the rule may live in any static class of the compilation or of
/// a referenced assembly, and one pullback may serve several functions:</para>
/// <example>
/// <code>
/// [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Sum))]
/// public static void SumPullback(double[] source, double dResult, Span&lt;double&gt; dsource)
/// {
///     for (int i = 0; i &lt; dsource.Length; i++) dsource[i] += dResult;
/// }
/// </code>
/// </example>
/// </remarks>
[System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class DerivativeOfAttribute : System.Attribute
{
    /// <summary>Declares the marked method as the pullback of <paramref name="function"/>.</summary>
    /// <param name="function">The name of the differentiated method in the same type (use <c>nameof</c>; operators by their metadata name, e.g. <c>op_Addition</c>).</param>
    public DerivativeOfAttribute(string function) => Function = function;

    /// <summary>Declares the marked method as the pullback of the method <paramref name="function"/> of <paramref name="type"/>.</summary>
    /// <param name="type">The type that declares the differentiated method (it need not be yours).</param>
    /// <param name="function">The name of the differentiated method (use <c>nameof</c>).</param>
    public DerivativeOfAttribute(System.Type type, string function)
    {
        Type = type;
        Function = function;
    }

    /// <summary>The type that declares the differentiated method, when it is not the pullback's own type.</summary>
    public System.Type? Type { get; }

    /// <summary>The name of the method this pullback differentiates.</summary>
    public string Function { get; }
}
