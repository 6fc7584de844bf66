using System.Collections.Generic;
using SourceAD.Generator.Model;
using static SourceAD.Generator.Model.Sym;

namespace SourceAD.Generator.Rules;

/// <summary>
/// The derivative rules of <c>System.Math</c> and <c>System.MathF</c>, one entry per function and arity.
/// At non-differentiable points the rules pick a subgradient: Abs'(0) = 0, Max/Min send a tie to the first argument,
/// Clamp sends the value's derivative through only strictly inside or on the bounds. At the special points of Pow
/// the rules take the limit instead of 0·∞ (see <see cref="PowBase"/>, <see cref="PowExponent"/>).
/// </summary>
public static class MathRules
{
    private static readonly Dictionary<string, DerivativeRule> Table = new()
    {
        ["Exp/1"] = new(usesResult: true, r => r.Result),
        ["Log/1"] = new(false, r => Div(r.Lit(1), r.Arg(0))),
        ["Log/2"] = new(true,
            r => Div(r.Lit(1), Mul(r.Arg(0), r.Call("Log", r.Arg(1)))),
            r => Neg(Div(r.Result, Mul(r.Arg(1), r.Call("Log", r.Arg(1)))))),
        ["Log10/1"] = new(false, r => Div(r.Lit(1), Mul(r.Arg(0), r.Lit(System.Math.Log(10))))),
        ["Log2/1"] = new(false, r => Div(r.Lit(1), Mul(r.Arg(0), r.Lit(System.Math.Log(2))))),
        ["Sqrt/1"] = new(true, r => Div(r.Lit(0.5), r.Result)),
        ["Cbrt/1"] = new(true, r => Div(r.Lit(1), Mul(r.Lit(3), r.Square(r.Result)))),
        ["Pow/2"] = new(true, PowBase, PowExponent),
        ["Exp2/1"] = new(true, r => Mul(r.Result, r.Lit(System.Math.Log(2)))),
        ["Exp10/1"] = new(true, r => Mul(r.Result, r.Lit(System.Math.Log(10)))),
        ["ScaleB/2"] = new(false, r => r.Call("ScaleB", r.Lit(1), r.RawArg(1)), null),
        ["Hypot/2"] = new(true, r => Div(r.Arg(0), r.Result), r => Div(r.Arg(1), r.Result)),
        ["Sin/1"] = new(false, r => r.Call("Cos", r.Arg(0))),
        ["Cos/1"] = new(false, r => Neg(r.Call("Sin", r.Arg(0)))),
        ["Tan/1"] = new(true, r => Add(r.Lit(1), r.Square(r.Result))),
        ["Asin/1"] = new(false, r => Div(r.Lit(1), r.Call("Sqrt", Sub(r.Lit(1), r.Square(r.Arg(0)))))),
        ["Acos/1"] = new(false, r => Neg(Div(r.Lit(1), r.Call("Sqrt", Sub(r.Lit(1), r.Square(r.Arg(0))))))),
        ["Atan/1"] = new(false, r => Div(r.Lit(1), Add(r.Lit(1), r.Square(r.Arg(0))))),
        ["Atan2/2"] = new(false,
            r => Div(r.Arg(1), Add(r.Square(r.Arg(0)), r.Square(r.Arg(1)))),
            r => Neg(Div(r.Arg(0), Add(r.Square(r.Arg(0)), r.Square(r.Arg(1)))))),
        ["Sinh/1"] = new(false, r => r.Call("Cosh", r.Arg(0))),
        ["Cosh/1"] = new(false, r => r.Call("Sinh", r.Arg(0))),
        ["Tanh/1"] = new(true, r => Sub(r.Lit(1), r.Square(r.Result))),
        ["Abs/1"] = new(false, r => new Conditional(Compare(BinaryOp.Greater, r.Arg(0), r.Lit(0)), r.Lit(1),
            new Conditional(Compare(BinaryOp.Less, r.Arg(0), r.Lit(0)), r.Lit(-1), r.Lit(0), r.Type), r.Type)),
        ["Max/2"] = new(false,
            r => Indicator(Compare(BinaryOp.GreaterOrEqual, r.Arg(0), r.Arg(1)), r.Type),
            r => Indicator(Compare(BinaryOp.Less, r.Arg(0), r.Arg(1)), r.Type)),
        ["Min/2"] = new(false,
            r => Indicator(Compare(BinaryOp.LessOrEqual, r.Arg(0), r.Arg(1)), r.Type),
            r => Indicator(Compare(BinaryOp.Greater, r.Arg(0), r.Arg(1)), r.Type)),
        ["Clamp/3"] = new(false,
            r => Indicator(And(Compare(BinaryOp.GreaterOrEqual, r.Arg(0), r.Arg(1)), Compare(BinaryOp.LessOrEqual, r.Arg(0), r.Arg(2))), r.Type),
            r => Indicator(Compare(BinaryOp.Less, r.Arg(0), r.Arg(1)), r.Type),
            r => Indicator(And(Compare(BinaryOp.GreaterOrEqual, r.Arg(0), r.Arg(1)), Compare(BinaryOp.Greater, r.Arg(0), r.Arg(2))), r.Type)),
        ["FusedMultiplyAdd/3"] = new(false, r => r.Arg(1), r => r.Arg(0), r => r.Lit(1)),
        ["Floor/1"] = Constant(1),
        ["Ceiling/1"] = Constant(1),
        ["Truncate/1"] = Constant(1),
        ["Round/1"] = Constant(1),
        ["Round/2"] = Constant(2),
        ["Round/3"] = Constant(3),
        ["Sign/1"] = Constant(1),
    };

    /// <summary>The rule for <paramref name="function"/> called with <paramref name="arity"/> arguments, or null.</summary>
    public static DerivativeRule? Find(string function, int arity) =>
        Table.TryGetValue(function + "/" + arity, out DerivativeRule? rule) ? rule : null;

    /// <summary>
    /// The fully qualified classes whose functions this table covers: <c>Math</c>, <c>MathF</c>, and the generic-math
    /// statics of <c>double</c> and <c>float</c> (<c>double.Exp</c>, <c>float.Sin</c>, …), which have the same rules.
    /// </summary>
    public static bool IsMathClass(string fullyQualifiedName) =>
        fullyQualifiedName is "global::System.Math" or "global::System.MathF" or "double" or "float";

    /// <summary>
    /// ∂xʸ/∂x = y·xʸ⁻¹, and 0 where y = 0 and x = 0 (xʸ is the constant 1 along y = 0), so a polynomial term c·x⁰
    /// has no 0·∞ at x = 0. Only there: at y = 0 and x ≠ 0 the general form is already 0, and its own derivative
    /// (∂²xʸ/∂x∂y = xʸ⁻¹ + y·xʸ⁻¹·ln x, which second derivatives take) must not be cut off by the guard.
    /// </summary>
    private static Expr PowBase(RuleContext r)
    {
        Expr general = Mul(r.Arg(1), r.Call("Pow", r.Arg(0), Sub(r.Arg(1), r.Lit(1))));
        return r.Arg(1) switch
        {
            Literal { Value: 0 } => r.Lit(0),
            Literal => general,
            _ => new Conditional(And(Compare(BinaryOp.Equal, r.Arg(1), r.Lit(0)), Compare(BinaryOp.Equal, r.Arg(0), r.Lit(0))), r.Lit(0), general, r.Type),
        };
    }

    /// <summary>
    /// ∂xʸ/∂y = xʸ·ln x, and 0 where x = 0 and y ≥ 0 (the limit from the right, as PyTorch defines it; ln 0 = −∞
    /// would make it 0·∞).
    /// </summary>
    private static Expr PowExponent(RuleContext r) =>
        new Conditional(And(Compare(BinaryOp.Equal, r.Arg(0), r.Lit(0)), Compare(BinaryOp.GreaterOrEqual, r.Arg(1), r.Lit(0))),
            r.Lit(0), Mul(r.Result, r.Call("Log", r.Arg(0))), r.Type);

    /// <summary>A piecewise-constant function: every partial derivative is zero.</summary>
    private static DerivativeRule Constant(int arity) => new(false, new System.Func<RuleContext, Expr>?[arity]);
}
