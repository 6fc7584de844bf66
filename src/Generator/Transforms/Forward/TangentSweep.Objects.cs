using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Forward;

/// <summary>
/// Forward over reverse through differentiable objects (tensors): what a pullback over them does, with its tangent
/// beside it. Its adjoints are objects created on first use from the pool (<c>_d_h ??= pool.ZerosLike(h)</c>): each
/// adjoint's tangent is created with it, a zero of the same shape, so a rule has somewhere to add into. An adjoint added
/// into another (<c>target.Accumulate(a)</c>) adds its tangent too. A call to a rule's pullback becomes a call to its
/// second-order rule (<c>[TangentOf(nameof(XPullback))]</c>), which takes the pullback's arguments and a tangent of each:
/// null for a value with a zero tangent, and for an adjoint nobody wants.
/// </summary>
internal sealed partial class TangentSweep
{
    /// <summary>An adjoint's tangent, created with it: <c>aDot = pool.ZerosLike(h)</c> beside <c>a = pool.ZerosLike(h)</c>.</summary>
    private static bool IsZerosLike(Expr value) => value is OpaqueCall { Name: "ZerosLike", Receiver: Var, Args.Count: 1 } call && call.Flow == Opaque.Generated;

    private IEnumerable<Stmt> ZerosBeside(Assign assign) =>
        new[] { assign, new Assign(_tangent.Of(new Var(assign.Target, assign.Value.Type)).Name, assign.Value, "") };

    /// <summary><c>target.Accumulate(a)</c> and, where both tangents exist, <c>targetDot.Accumulate(aDot)</c>.</summary>
    private IEnumerable<Stmt> AccumulatedTangent(Evaluate accumulate, Var targetDot, Expr adjoint)
    {
        if (adjoint is not Var a || !_tangent.Has(a.Name))
        {
            return new[] { accumulate };
        }
        Var adjointDot = _tangent.Of(a);
        Expr both = new Binary(BinaryOp.And, NotNull(targetDot), NotNull(adjointDot), TypeRef.Bool);
        return new Stmt[] { accumulate, new If(both, Block.Of(new Evaluate(Calls.Method(targetDot, "Accumulate", Calls.Void, adjointDot), "")), Block.Empty, "") };
    }

    /// <summary>As <see cref="AccumulatedTangent"/> into an element of an array of adjoints, whose tangent is read into a local first.</summary>
    private IEnumerable<Stmt> AccumulatedElementTangent(Evaluate accumulate, ElementRead targetDot, Expr adjoint)
    {
        var local = new Var(_names.Numbered("_adjointDot"), targetDot.Type);
        return new[] { new Declare(local.Name, local.Type, targetDot) }.Concat(AccumulatedTangent(accumulate, local, adjoint));
    }

    private static Expr NotNull(Var v) => new Binary(BinaryOp.NotEqual, v, Literals.Null(v.Type), TypeRef.Bool);

    /// <summary>
    /// A call to a rule's pullback, <c>XPullback(x…, [result], dResult, dx…)</c>, as a call to its second-order rule:
    /// the same arguments, then the tangent of each differentiable one in order (the operands', the result's, the seed's,
    /// then each adjoint's, by <c>ref</c> where the adjoint is).
    /// </summary>
    private List<Stmt> RuleSecondOrder(DerivativeCall call, List<Stmt> statements)
    {
        var tangents = new List<Expr>();
        var kinds = new List<PassedBy>();
        var cleanup = new List<Stmt>();
        int operands = call.Callee.ParameterNames.Count;
        if (call.Callee.TakesResult && Analysis.ExprVisitor.Descendants(call.Args[operands]).Any(e => e is DiffCall or DerivativeCall))
        {
            // The reverse sweep evaluates the call again for the result it passes (no variable holds it then): the
            // second-order rule would need that result's tangent, which no statement computes.
            Unsupported.Add("the pullback of '" + call.Callee.Name + "' is given its result by calling it again, and its second-order rule would need that result's tangent");
            statements.Add(new Evaluate(call, ""));
            return statements;
        }
        for (int i = 0; i < call.Args.Count; i++)
        {
            Expr argument = call.Args[i];
            if (i < operands && !call.Callee.Differentiable[i])
            {
                continue; // an integer argument (an axis, a shape) has no tangent
            }
            PassedBy kind = call.Kinds[i];
            kinds.Add(kind);
            if (kind is PassedBy.Ref or PassedBy.Out)
            {
                tangents.Add(argument is Var v && _tangent.Has(v.Name) ? _tangent.Of(v) : Discard(_tangent.TypeOf(argument.Type), statements));
            }
            else if (argument.Type.IsObject)
            {
                // An object, or an element of an array of them (a layer's weights, its adjoint): its tangent, or null.
                TypeRef type = _tangent.TypeOf(argument.Type);
                tangents.Add(argument switch
                {
                    Var v when _tangent.Has(v.Name) => _tangent.Of(v),
                    ElementRead { Array: Var array } element when _tangent.Has(array.Name) => element with { Array = _tangent.Of(array), Type = type },
                    _ => new Literal("null", null, type),
                });
            }
            else if (argument.Type.IsBuffer)
            {
                bool adjoint = i >= operands + 1 + (call.Callee.TakesResult ? 1 : 0);
                tangents.Add(TangentArgument(argument, new DifferentiandParameter("", argument.Type, PassedBy.Value, true) { WrittenBuffer = adjoint }, statements, cleanup));
            }
            else
            {
                tangents.Add(_tangent.Of(argument));
            }
        }
        var second = new DerivativeCall(call.Callee, EquatableArray.Of(Mode.Reverse, Mode.Forward), call.Args.Concat(tangents).ToEquatableArray(),
            call.Kinds.Concat(kinds).ToEquatableArray(), Calls.Void);
        statements.Add(new Evaluate(second, ""));
        statements.AddRange(cleanup);
        return statements;
    }
}
