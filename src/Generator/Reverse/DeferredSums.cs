using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Reverse;

/// <summary>
/// A loop whose forward iterations the forward sweep skips: it only sums a <c>[Differentiable]</c> callee's values
/// into <see cref="Accumulator"/>, whose derivative does not depend on those values, so the reverse sweep (which calls
/// the callee's pullback once per iteration anyway, and the pullback returns the callee's value) collects the sum
/// there and adds it to the result, <see cref="Negated"/> when the result subtracts the accumulator.
/// </summary>
/// <param name="Call">The hoisted call <c>_callN = F(…)</c> in the loop body.</param>
/// <param name="Accumulator">The variable the loop sums into.</param>
/// <param name="Negated">Whether the result is <c>… − Accumulator</c> rather than <c>… + Accumulator</c>.</param>
internal sealed record DeferredSum(Assign Call, string Accumulator, bool Negated);

/// <summary>
/// Finds the loops of the shape <c>for (i = s; i &lt; n; i++) acc += F(…);</c> at the top level of a method, where F is
/// a <c>[Differentiable]</c> method and acc reaches the result only through <c>acc = acc ± e</c> and a final
/// <c>return … ± acc …</c>, i.e. with coefficient ±1. Without this, each F runs twice per gradient: once in the
/// caller's forward sweep and again inside its pullback (a call is a checkpoint). With it, F's forward runs once,
/// inside the pullback, and the memory stays that of one call (no tape of every iteration is kept).
/// The value the pullback returns is the sum in reverse iteration order, so it may differ from the primal's in the
/// last bits.
/// </summary>
internal static class DeferredSums
{
    /// <param name="body">The lowered method body.</param>
    /// <param name="result">The variable the lowering assigns the returned value to.</param>
    /// <param name="countedLoop">Whether the reverse sweep can recompute a loop's trip count without the forward sweep.</param>
    /// <param name="activity">Which variables carry a derivative (the call's pullback runs only when its value is active).</param>
    public static Dictionary<Loop, DeferredSum> Find(Block body, string result, System.Func<Loop, bool> countedLoop, Activity activity)
    {
        var found = new Dictionary<Loop, DeferredSum>(ReferenceComparer<Loop>.Instance);
        for (int index = 0; index < body.Statements.Count; index++)
        {
            if (body.Statements[index] is Loop loop && countedLoop(loop) && AsSum(loop, activity) is { } sum
                && Coefficient(body, index + 1, sum.Accumulator, result) is { } negated)
            {
                found[loop] = sum with { Negated = negated };
            }
        }
        return found;
    }

    /// <summary>The loop body is exactly <c>_callN = F(…); acc = acc + _callN</c> (or <c>_callN + acc</c>).</summary>
    private static DeferredSum? AsSum(Loop loop, Activity activity)
    {
        if (loop.Body.Statements.Count != 2
            || loop.Body.Statements[0] is not Assign { Value: DiffCall { Callee.IsRule: false } call } callAssign
            || loop.Body.Statements[1] is not Assign { Value: Binary { Op: BinaryOp.Add } add } accumulate
            || !call.Type.IsFloating || !activity.IsActive(callAssign.Target) || !activity.HasActiveReads(call)
            || !ReadsOnly(call))
        {
            return null;
        }
        string acc = accumulate.Target;
        bool isSum = (add.Left, add.Right) switch
        {
            (Var l, Var r) => (l.Name == acc && r.Name == callAssign.Target) || (r.Name == acc && l.Name == callAssign.Target),
            _ => false,
        };
        bool touchesAcc = ExprVisitor.AllVars(call).Contains(acc) || (loop.Condition is not null && ExprVisitor.AllVars(loop.Condition).Contains(acc));
        return isSum && !touchesAcc && acc != callAssign.Target && add.Type == call.Type ? new DeferredSum(callAssign, acc, false) : null;
    }

    /// <summary>
    /// Whether the callee cannot write through any argument: a <c>[Differentiable]</c> method never writes into a
    /// parameter buffer (SAD0013), and the other arguments must be values (not objects or other arrays).
    /// </summary>
    private static bool ReadsOnly(DiffCall call) =>
        call.Callee.ParameterTypes.All(p => p.Kind is ValueKind.Floating or ValueKind.Integer or ValueKind.Boolean
            || (p.IsBuffer && !p.Element!.IsObject));

    /// <summary>
    /// Follows <paramref name="acc"/> through the statements after the loop: only <c>acc = acc ± e</c> and the
    /// assignment of the result may read it, and the result must be linear in it with coefficient ±1. Returns whether
    /// the coefficient is −1, or null when the accumulator is used any other way.
    /// </summary>
    private static bool? Coefficient(Block body, int from, string acc, string result)
    {
        for (int index = from; index < body.Statements.Count; index++)
        {
            Stmt statement = body.Statements[index];
            if (!SaveElision.Mentions(statement, acc))
            {
                continue;
            }
            if (statement is not Assign assign)
            {
                return null;
            }
            int? sign = Sign(assign.Value, acc);
            if (assign.Target == acc && sign == 1)
            {
                continue; // acc = acc ± e: still acc plus the same sum
            }
            if (assign.Target != result || sign is not (1 or -1))
            {
                return null;
            }
            // The result is assigned once, at the end (a return in tail position); nothing may follow that reads acc.
            bool readLater = body.Statements.Skip(index + 1).Any(s => SaveElision.Mentions(s, acc));
            return readLater ? null : sign == -1;
        }
        return null;
    }

    /// <summary>The coefficient (±1) of <paramref name="acc"/> in <paramref name="e"/>, 0 when absent, null when not linear with unit coefficient.</summary>
    private static int? Sign(Expr e, string acc)
    {
        if (!ExprVisitor.AllVars(e).Contains(acc))
        {
            return 0;
        }
        switch (e)
        {
            case Var v when v.Name == acc:
                return 1;
            case Unary { Op: UnaryOp.Negate } u:
                return -Sign(u.Operand, acc);
            case Unary { Op: UnaryOp.Plus } u:
                return Sign(u.Operand, acc);
            case Binary { Op: BinaryOp.Add or BinaryOp.Subtract } b:
                int? left = Sign(b.Left, acc);
                int? right = Sign(b.Right, acc);
                if (left is null || right is null || (left != 0 && right != 0))
                {
                    return null;
                }
                return left != 0 ? left : b.Op == BinaryOp.Subtract ? -right : right;
            default:
                return null;
        }
    }
}
