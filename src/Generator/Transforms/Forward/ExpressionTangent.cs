using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;
using SourceAD.Generator.Rules;

namespace SourceAD.Generator.Transforms.Forward;

/// <summary>
/// The tangent of one expression (its directional derivative): the sum over its active inputs of the local derivative
/// times the input's tangent. Local derivatives come from the operators and the same rule table reverse mode uses, so
/// both modes agree by construction. Calls are not expressions here: the lowering put each call to a method with a
/// derivative at the root of a statement, where <see cref="TangentSweep"/> calls its tangent. In vector forward mode
/// (<see cref="Lanes"/>) every tangent is a bundle of lanes, one direction each: the same expressions, with each
/// local derivative (a scalar) scaling every lane.
/// </summary>
internal sealed class ExpressionTangent
{
    private readonly Activity _activity;
    private readonly IReadOnlyDictionary<string, Var> _tangents;

    public ExpressionTangent(Activity activity, IReadOnlyDictionary<string, Var> tangents, bool lanes)
    {
        _activity = activity;
        _tangents = tangents;
        Lanes = lanes;
    }

    /// <summary>Whether tangents are bundles of lanes (vector forward mode).</summary>
    public bool Lanes { get; }

    /// <summary>The type of the tangent of a value of the scalar or object type <paramref name="primal"/>.</summary>
    public TypeRef TypeOf(TypeRef primal) => Lanes && primal.IsFloating ? TypeRef.Lanes(primal) : primal.IsObject ? Signatures.TangentType(primal, written: true) : primal;

    /// <summary>Whether <paramref name="e"/> has a non-zero tangent.</summary>
    public bool IsActive(Expr e) => _activity.HasActiveReads(e);

    /// <summary>The tangent variable of an active variable.</summary>
    public Var Of(Var variable) => _tangents[variable.Name];

    /// <summary>Whether <paramref name="variable"/> has a tangent.</summary>
    public bool Has(string variable) => _tangents.ContainsKey(variable);

    /// <param name="e">The expression.</param>
    /// <param name="value">A variable already holding the expression's value, if any (saves recomputing it).</param>
    public Expr Of(Expr e, Expr? value = null)
    {
        if (!IsActive(e))
        {
            return Literals.Zero(TypeOf(e.Type));
        }
        switch (e)
        {
            case Var v:
                return _tangents[v.Name];
            case ElementRead { Array: Var buffer } element:
                return element with { Array = _tangents[buffer.Name], Type = TypeOf(element.Type) };
            case Unary { Op: UnaryOp.Negate } u:
                return Sym.Neg(Of(u.Operand));
            case Unary u:
                return Of(u.Operand);
            case Cast c:
                return Sym.To(Of(c.Operand), TypeOf(c.Type));
            case Binary b:
                return OfBinary(b, value);
            case Conditional c:
                return new Conditional(c.Condition, Of(c.WhenTrue), Of(c.WhenFalse), TypeOf(c.Type));
            case MathCall m:
                return OfMath(m, value);
            default:
                throw new System.InvalidOperationException("No tangent for " + e.GetType().Name + " inside an expression; the lowering hoists calls and pops into statements.");
        }
    }

    private Expr OfBinary(Binary b, Expr? value)
    {
        Expr left = Of(b.Left), right = Of(b.Right);
        switch (b.Op)
        {
            case BinaryOp.Add:
                return Sym.Add(left, right);
            case BinaryOp.Subtract:
                return Sym.Sub(left, right);
            case BinaryOp.Multiply when b.Left == b.Right:
                return Sym.Mul(Sym.Mul(Sym.Lit(2, b.Type), b.Left), left); // (u·u)' = 2·u·u'
            case BinaryOp.Multiply:
                return Sym.Add(Sym.Mul(left, b.Right), Sym.Mul(b.Left, right));
            case BinaryOp.Divide when value is not null:
                return Sym.Div(Sym.Sub(left, Sym.Mul(value, right)), b.Right); // (u/v)' = (u' − (u/v)·v')/v
            case BinaryOp.Divide:
                return Sym.Sub(Sym.Div(left, b.Right), Sym.Div(Sym.Mul(b.Left, right), Sym.Mul(b.Right, b.Right)));
            case BinaryOp.Remainder:
                Expr quotient = new MathCall(b.Type.Name == "float" ? "global::System.MathF" : "global::System.Math", "Truncate", EquatableArray.Of(Sym.Div(b.Left, b.Right)), b.Type);
                return Sym.Sub(left, Sym.Mul(right, quotient));
            case var _ when b.Type.IsFloating:
                // Fail closed: a floating-point operator with no tangent rule must not become a zero tangent.
                throw new System.InvalidOperationException("No tangent rule for the operator " + b.Op + ".");
            default:
                return Literals.Zero(TypeOf(b.Type)); // a comparison or logical operator: its value carries no derivative
        }
    }

    private Expr OfMath(MathCall m, Expr? value)
    {
        DerivativeRule rule = MathRules.Find(m.Function, m.Args.Count)!;
        var context = new RuleContext(m, value ?? m);
        Expr sum = Literals.Zero(TypeOf(m.Type));
        for (int i = 0; i < m.Args.Count; i++)
        {
            if (rule.Partials[i] is { } partial && IsActive(m.Args[i]))
            {
                sum = Sym.Add(sum, Sym.Mul(partial(context), Sym.To(Of(m.Args[i]), TypeOf(m.Type))));
            }
        }
        return sum;
    }
}
