using System;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Rules;

/// <summary>
/// The local derivatives of one function: for each argument, ∂f/∂argument as an expression of the arguments and,
/// where <see cref="UsesResult"/>, of the function's own value. A null partial means the derivative is zero.
/// </summary>
public sealed class DerivativeRule
{
    public DerivativeRule(bool usesResult, params Func<RuleContext, Expr>?[] partials)
    {
        UsesResult = usesResult;
        Partials = partials;
    }

    public bool UsesResult { get; }

    public Func<RuleContext, Expr>?[] Partials { get; }

    public int Arity => Partials.Length;
}

/// <summary>What a rule's partial derivatives may refer to: the call's arguments, its value, and calls of the same class.</summary>
public sealed class RuleContext
{
    private readonly MathCall _call;

    public RuleContext(MathCall call, Expr result)
    {
        _call = call;
        Result = result;
    }

    /// <summary>The function's value at this call (the primal output).</summary>
    public Expr Result { get; }

    public TypeRef Type => _call.Type;

    public Expr Arg(int index) => Sym.To(_call.Args[index], Type);

    /// <summary>An argument as it is, without conversion to the function's type (an integer exponent, say).</summary>
    public Expr RawArg(int index) => _call.Args[index];

    public Expr Lit(double value) => Sym.Lit(value, Type);

    /// <summary>A call to another function of the same class (<c>Math</c> or <c>MathF</c>).</summary>
    public Expr Call(string function, params Expr[] args) => new MathCall(_call.Class, function, args.ToEquatableArray(), Type);

    public Expr Square(Expr e) => Sym.Mul(e, e);
}
