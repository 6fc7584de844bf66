using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// A loop whose forward iterations the forward sweep skips: it only sums a <c>[Differentiable]</c> callee's values
/// into <see cref="Accumulator"/>, whose derivative does not depend on those values, so the reverse sweep (which calls
/// the callee's pullback once per iteration anyway, and the pullback returns the callee's value) collects the sum
/// and adds <see cref="Term"/> of it to the result.
/// </summary>
/// <param name="Call">The hoisted call <c>_callN = F(…)</c> in the loop body.</param>
/// <param name="Accumulator">The variable the loop sums into.</param>
/// <param name="Term">
/// How the result depends on the accumulator, with the accumulator written as <see cref="Accumulator"/>: for
/// <c>return penalty + loss / n</c> it is <c>loss / n</c>. The sum's share of the result is this with the sum in its place.
/// </param>
internal sealed record DeferredSum(Assign Call, string Accumulator, Expr? Term);

/// <summary>
/// Finds the loops of the shape <c>for (i = s; i &lt; n; i++) acc += F(…);</c> at the top level of a method, where F is
/// a <c>[Differentiable]</c> method and acc reaches the result only through <c>acc = acc ± e</c> and a final
/// <c>return</c> linear in it (<c>… ± acc</c>, <c>… + acc / n</c>, <c>… + c * acc</c>, with n and c unchanged from the loop
/// on). Without this, each F runs twice per gradient: once in the caller's forward sweep and again inside its pullback
/// (a call is a checkpoint). With it, F's forward runs once, inside the pullback, and the memory stays that of one call
/// (no tape of every iteration is kept). The value the pullback returns adds the sum in reverse iteration order, so it
/// may differ from the primal's in the last bits.
/// </summary>
internal static class DeferredSums
{
    /// <param name="body">The lowered method body.</param>
    /// <param name="result">The variable the lowering assigns the returned value to.</param>
    /// <param name="countedLoop">Whether the reverse sweep can recompute a loop's trip count without the forward sweep.</param>
    /// <param name="activity">Which variables carry a derivative (the call's pullback runs only when its value is active).</param>
    /// <param name="saved">Whether the forward sweep saves the value a write overwrites (a skipped loop must save nothing).</param>
    public static Dictionary<Loop, DeferredSum> Find(Block body, string result, System.Func<Loop, bool> countedLoop, System.Func<Assign, bool> saved, Activity activity)
    {
        var found = new Dictionary<Loop, DeferredSum>(ReferenceComparer<Loop>.Instance);
        for (int index = 0; index < body.Statements.Count; index++)
        {
            if (body.Statements[index] is Loop loop && countedLoop(loop) && AsSum(loop, activity) is { } sum
                && !loop.Body.Statements.OfType<Assign>().Any(saved)
                && !body.Statements.Where(s => !ReferenceEquals(s, loop)).Any(s => SaveElision.Mentions(s, sum.Call.Target))
                && ResultTerm(body, index, sum.Accumulator, result, activity) is { } term)
            {
                found[loop] = sum with { Term = term };
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
        bool touchesAcc = ExprVisitor.Reads(call, acc) || (loop.Condition is not null && ExprVisitor.Reads(loop.Condition, acc));
        return isSum && !touchesAcc && acc != callAssign.Target && add.Type == call.Type ? new DeferredSum(callAssign, acc, null) : null;
    }

    /// <summary>
    /// Whether the callee cannot write through any argument: a <c>[Differentiable]</c> method never writes into a
    /// parameter buffer (SAD0013), and the other arguments must be values (not objects or other arrays).
    /// </summary>
    private static bool ReadsOnly(DiffCall call) =>
        !call.Callee.HasOutputs && call.Callee.ParameterTypes.All(p => p.Kind is ValueKind.Floating or ValueKind.Integer or ValueKind.Boolean
            || (p.IsBuffer && !p.Element!.IsObject));

    /// <summary>
    /// Follows <paramref name="acc"/> through the statements after the loop: only <c>acc = acc ± e</c> and the
    /// assignment of the result may read it, and the result must be linear in it. Returns the result's term in acc, or
    /// null when the accumulator is used any other way or a factor of the term could change after the loop.
    /// </summary>
    private static Expr? ResultTerm(Block body, int loopIndex, string acc, string result, Activity activity)
    {
        for (int index = loopIndex + 1; index < body.Statements.Count; index++)
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
            if (assign.Target == acc)
            {
                if (Term(assign.Value, acc, activity) is Var)
                {
                    continue; // acc = acc ± e: still acc plus the same sum
                }
                return null;
            }
            // The result is assigned once, at the end (a return in tail position); nothing may follow that reads acc,
            // and the factors of the term must have the values they had when the loop ran (the reverse sweep
            // evaluates the term right after the loop's reverse).
            if (assign.Target != result || Term(assign.Value, acc, activity) is not { } term
                || body.Statements.Skip(index + 1).Any(s => SaveElision.Mentions(s, acc)))
            {
                return null;
            }
            var factors = ExprVisitor.AllVars(term);
            factors.Remove(acc);
            bool changed = body.Statements.Skip(loopIndex).Take(index - loopIndex).Any(s => factors.Any(f => Assigns(s, f)));
            return changed ? null : term;
        }
        return null;
    }

    /// <summary>
    /// The part of <paramref name="e"/> that carries <paramref name="acc"/> when e is linear in it (additive terms
    /// without acc dropped): <c>acc</c>, <c>−t</c>, <c>t * c</c>, <c>c * t</c>, <c>t / c</c>, with c free of acc and of
    /// calls, and carrying no derivative (else the result's reverse would read acc's value: d(c·acc)/dc = acc);
    /// null otherwise.
    /// </summary>
    private static Expr? Term(Expr e, string acc, Activity activity)
    {
        bool Has(Expr x) => ExprVisitor.Reads(x, acc);
        bool Factor(Expr x) => !Has(x) && !HasCalls(x) && !activity.HasActiveReads(x);
        Expr? Inner(Expr x) => Term(x, acc, activity);
        return e switch
        {
            Var v when v.Name == acc => v,
            Unary { Op: UnaryOp.Negate } u => Inner(u.Operand) is { } t ? u with { Operand = t } : null,
            Unary { Op: UnaryOp.Plus } u => Inner(u.Operand),
            Binary { Op: BinaryOp.Add } b when Has(b.Left) != Has(b.Right) => Inner(Has(b.Left) ? b.Left : b.Right),
            Binary { Op: BinaryOp.Subtract } b when Has(b.Left) != Has(b.Right) =>
                Has(b.Left) ? Inner(b.Left) : Inner(b.Right) is { } t ? new Unary(UnaryOp.Negate, t, b.Type) : null,
            Binary { Op: BinaryOp.Multiply } b when Has(b.Left) && Factor(b.Right) => Inner(b.Left) is { } t ? b with { Left = t } : null,
            Binary { Op: BinaryOp.Multiply } b when Has(b.Right) && Factor(b.Left) => Inner(b.Right) is { } t ? b with { Right = t } : null,
            Binary { Op: BinaryOp.Divide } b when Has(b.Left) && Factor(b.Right) => Inner(b.Left) is { } t ? b with { Left = t } : null,
            _ => null,
        };
    }

    private static bool HasCalls(Expr e) => e is DiffCall or OpaqueCall || ExprVisitor.Children(e).Any(HasCalls);

    private static bool Assigns(Stmt statement, string variable)
    {
        var assigned = new HashSet<string>();
        SweepBuilder.AssignedIn(new Block(EquatableArray.Of(statement)), assigned);
        return assigned.Contains(variable);
    }
}
