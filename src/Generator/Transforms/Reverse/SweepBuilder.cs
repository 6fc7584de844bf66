using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Emit;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// Builds the forward and the reverse sweep of a lowered body, statement by statement. Each statement yields its
/// forward code (the original computation, plus saving a value it overwrites when the reverse sweep will need that
/// value back, and recording which branch ran and how many iterations a loop took) and its reverse code (restore,
/// then propagate adjoints). A block's reverse is its statements' reverses in the opposite order. Outside loops
/// saved values go to locals; inside loops to a <c>PrimalStack</c>.
/// </summary>
internal sealed class SweepBuilder
{
    private readonly SweepContext _context;
    private readonly VariableFacts _facts;
    private readonly HashSet<string> _saved;
    private readonly SaveElision _elision;
    private readonly Dictionary<Stmt, string> _valueSinks = new(ReferenceComparer<Stmt>.Instance);
    private Dictionary<Loop, DeferredSum> _deferred = new(ReferenceComparer<Loop>.Instance);
    private string _result = "";

    /// <param name="context">Names, activity, adjoints and declarations of this method.</param>
    /// <param name="facts">Types and assignment facts of the variables.</param>
    /// <param name="saved">Variables whose overwritten values the reverse sweep reads (empty on the discovery pass).</param>
    /// <param name="elision">Overwrites that need no save, and loop counters to recompute.</param>
    public SweepBuilder(SweepContext context, VariableFacts facts, HashSet<string> saved, SaveElision elision)
    {
        _context = context;
        _facts = facts;
        _saved = saved;
        _elision = elision;
    }

    public sealed record Sweeps(CodeWriter Forward, CodeWriter Reverse);

    /// <param name="body">The lowered method body.</param>
    /// <param name="result">The variable holding the value the method returns.</param>
    public Sweeps Build(Block body, string result)
    {
        _result = result;
        _deferred = DeferredSums.Find(body, result, loop => CountedTrips(loop) is not null,
            write => _saved.Contains(write.Target) && !_elision.Unsaved.Contains(write), _context.Activity);
        return Transform(body, inLoop: false);
    }

    private Sweeps Transform(Block block, bool inLoop)
    {
        var forward = new CodeWriter();
        var reverses = new List<CodeWriter>();
        foreach (Stmt statement in block.Statements)
        {
            Sweeps sweeps = Transform(statement, inLoop);
            forward.Append(sweeps.Forward);
            if (sweeps.Reverse.Count > 0)
            {
                reverses.Add(sweeps.Reverse);
            }
        }
        var reverse = new CodeWriter();
        for (int i = reverses.Count - 1; i >= 0; i--)
        {
            reverse.Append(reverses[i]);
        }
        return new Sweeps(forward, reverse);
    }

    private Sweeps Transform(Stmt statement, bool inLoop) => statement switch
    {
        Assign assign => TransformAssign(assign, inLoop),
        AssignElement element => TransformAssignElement(element, inLoop),
        If branch => TransformIf(branch, inLoop),
        Loop loop => TransformLoop(loop, inLoop),
        Evaluate evaluate => Only(IsStatementExpression(evaluate.Value) ? Print(evaluate.Value) + ";" : "_ = " + Print(evaluate.Value) + ";"),
        Throw thrown => Only("throw " + Print(thrown.Exception) + ";"),
        _ => throw new System.InvalidOperationException("Unexpected statement after lowering: " + statement.GetType().Name),
    };

    // ───────────────────────────── assignments ─────────────────────────────

    private Sweeps TransformAssign(Assign assign, bool inLoop)
    {
        var target = new Var(assign.Target, _facts.Type(assign.Target));
        if (assign.Value is NewBuffer allocation)
        {
            return TransformAllocation(target, allocation);
        }
        var adjoint = _context.Activity.IsActive(target.Name) ? _context.AdjointVar(target) : null;
        bool saved = _saved.Contains(target.Name) && !target.Type.IsBuffer && !_elision.Unsaved.Contains(assign);
        _valueSinks.TryGetValue(assign, out string? valueSink);
        return TransformWrite(assign.Source, target, adjoint, assign.Value, saved, inLoop, _facts.MayBeReadBefore(target.Name), valueSink);
    }

    private Sweeps TransformAssignElement(AssignElement assign, bool inLoop)
    {
        TypeRef bufferType = _facts.Type(assign.Target);
        TypeRef element = bufferType.Element!;
        var indices = EquatableArray.Of(assign.Index);
        var target = new ElementRead(new Var(assign.Target, bufferType), indices, element);
        var adjoint = _context.Activity.IsActive(assign.Target)
            ? new ElementRead(new Var(_context.Adjoint(assign.Target), bufferType), indices, element)
            : null;
        bool saved = _saved.Contains(assign.Target) && !_elision.Unsaved.Contains(assign);
        return TransformWrite(assign.Source, target, adjoint, assign.Value, saved, inLoop, mayBeReadBefore: true);
    }

    /// <summary>A local buffer's allocation; an active one gets its adjoint buffer, zeroed, beside it.</summary>
    private Sweeps TransformAllocation(Var target, NewBuffer allocation)
    {
        var forward = new CodeWriter();
        forward.Line(Print(target) + " = " + Print(allocation) + ";");
        if (_context.Activity.IsActive(target.Name))
        {
            forward.Line(_context.Adjoint(target.Name) + " = " + Print(allocation with { Length = new MemberRead(target, "Length", TypeRef.Int) }) + ";");
        }
        return new Sweeps(forward, new CodeWriter());
    }

    /// <summary>
    /// <c>target = value</c>, where target is a variable or a buffer element and adjoint its adjoint (null when inactive).
    /// Forward: save the old value if the reverse sweep reads it, then write. Reverse: propagate, reset and restore.
    /// </summary>
    /// <param name="valueSink">A variable to add the value of a call's pullback to, when the forward sweep skipped the call.</param>
    private Sweeps TransformWrite(string source, Expr target, Expr? adjoint, Expr value, bool saved, bool inLoop, bool mayBeReadBefore, string? valueSink = null)
    {
        var forward = new CodeWriter();
        var reverse = new CodeWriter();
        string targetText = Print(target);
        string? restore = null;
        if (saved)
        {
            _context.PrintReverse(target); // restoring an element reads its index in the reverse sweep
            if (inLoop)
            {
                string stack = _context.Stack(target.Type);
                forward.Line(stack + ".Push(" + targetText + ");");
                restore = targetText + " = " + stack + ".Pop();";
            }
            else
            {
                string slot = _context.Declare("_saved", target.Type);
                forward.Line(slot + " = " + targetText + ";");
                restore = targetText + " = " + slot + ";";
            }
        }
        forward.Line(targetText + " = " + Print(value) + ";");

        if (adjoint is not null)
        {
            var step = new CodeWriter();
            ReverseActiveWrite(target, adjoint, value, restore, mayBeReadBefore, step, valueSink);
            reverse.Line("// " + source + ChainRule(step));
            reverse.Append(step);
        }
        else if (restore is not null)
        {
            reverse.Line("// " + source + "  (restore)");
            reverse.Line(restore);
        }
        return new Sweeps(forward, reverse);
    }

    private void ReverseActiveWrite(Expr target, Expr adjoint, Expr value, string? restore, bool mayBeReadBefore, CodeWriter reverse, string? valueSink)
    {
        var pullback = new ExpressionPullback(_context, reverse);
        string name = TargetName(target);
        string adjointText = _context.PrintReverse(adjoint);
        string zero = adjointText + " = " + Literals.Zero(target.Type).Text + ";";
        if (!_context.Activity.HasActiveReads(value))
        {
            if (mayBeReadBefore) reverse.Line(zero);
            Restore(restore, reverse);
        }
        else if (IsAccumulation(target, name, value, out Expr? increment, out bool negated))
        {
            // v = v ± increment: the adjoint of the old v equals that of the new v.
            Restore(restore, reverse);
            pullback.Propagate(HoistLoadedIndices(increment!, reverse), negated ? Sym.Neg(adjoint) : adjoint);
        }
        else if (ExprVisitor.AllVars(value).Contains(name))
        {
            // v = f(v, …): take v's adjoint, restore the old v, then propagate into f at the old value.
            string taken = _context.Names.Numbered("_a");
            reverse.Line(target.Type.AdjointLocalName + " " + taken + " = " + adjointText + ";");
            reverse.Line(zero);
            Restore(restore, reverse);
            pullback.Propagate(HoistLoadedIndices(value, reverse), new Var(taken, target.Type));
        }
        else
        {
            // v = f(…): v still holds f's value here, so rules that use the result read v, unless a later accumulation
            // into v was not saved (then v holds more than f's value, and the rule recomputes f).
            bool holdsValue = !(target is Var written && _elision.AccumulatedWithoutSave.Contains(written.Name));
            if (valueSink is not null && value is DiffCall skipped)
            {
                // Only this call's value is the skipped one, not that of a call inside its arguments (in a branch of ?:).
                pullback.PropagateSkippedCall(skipped, adjoint, valueSink);
            }
            else
            {
                pullback.Propagate(HoistLoadedIndices(value, reverse), adjoint, holdsValue ? target : null);
            }
            if (mayBeReadBefore) reverse.Line(zero);
            Restore(restore, reverse);
        }
    }

    /// <summary>
    /// Reads <c>b[index]</c> of an active buffer whose index itself reads memory (<c>l[start[j] + r]</c>) through a
    /// temporary computed once: the step uses that index at least twice (the adjoint it adds to, and usually a partial
    /// derivative), and the JIT cannot reuse a load across the adjoint store in between. Branches of <c>?:</c> and the
    /// right of <c>&amp;&amp;</c>/<c>||</c> are left alone: they are evaluated only conditionally.
    /// </summary>
    private Expr HoistLoadedIndices(Expr e, CodeWriter reverse)
    {
        var temps = new Dictionary<Expr, Var>();
        Expr Hoist(Expr x) => x switch
        {
            ElementRead { Array: Var buffer, Indices.Count: 1 } read when _context.Activity.IsActive(buffer.Name) && ReadsMemory(read.Indices[0]) =>
                read with { Indices = EquatableArray.Of<Expr>(Temp(read.Indices[0])) },
            Unary u => u with { Operand = Hoist(u.Operand) },
            Binary { Op: BinaryOp.And or BinaryOp.Or } => x,
            Binary b => b with { Left = Hoist(b.Left), Right = Hoist(b.Right) },
            Cast c => c with { Operand = Hoist(c.Operand) },
            MathCall m => m with { Args = m.Args.Select(Hoist).ToEquatableArray() },
            _ => x,
        };
        Var Temp(Expr index)
        {
            if (!temps.TryGetValue(index, out Var? temp))
            {
                temp = new Var(_context.Names.Numbered("_index"), index.Type);
                reverse.Line(index.Type.Name + " " + temp.Name + " = " + _context.PrintReverse(index) + ";");
                temps[index] = temp;
            }
            return temp;
        }
        return Hoist(e);
    }

    /// <summary><paramref name="e"/> with <paramref name="variable"/> replaced (in the operators a deferred sum's term uses).</summary>
    private static Expr Substitute(Expr e, string variable, Expr by) => e switch
    {
        Var v when v.Name == variable => by,
        Unary u => u with { Operand = Substitute(u.Operand, variable, by) },
        Binary b => b with { Left = Substitute(b.Left, variable, by), Right = Substitute(b.Right, variable, by) },
        _ => e,
    };

    private static bool ReadsMemory(Expr e) => e is ElementRead || ExprVisitor.Children(e).Any(ReadsMemory);

    /// <summary>
    /// A short reverse step, restated in the comment in the notation of the chain rule: "  →  dx += dz * y; dy += dz * x"
    /// (adjoints written d + name). Longer steps (branches, temporaries, calls) are left to the code below the comment.
    /// </summary>
    private static string ChainRule(CodeWriter step)
    {
        var lines = step.Lines;
        bool simple = lines.Count is > 0 and <= 2 && lines.All(l => l.Contains("+= ") && !l.Contains("Pop()") && !l.Contains('{') && l.Length <= 70);
        return simple ? "  →  " + string.Join(" ", lines.Select(l => l.Replace("_d_", "d").Replace("global::System.", ""))) : "";
    }

    private static string TargetName(Expr target) => target switch
    {
        Var v => v.Name,
        ElementRead { Array: Var buffer } => buffer.Name,
        _ => throw new System.InvalidOperationException("Unexpected assignment target"),
    };

    private static void Restore(string? restore, CodeWriter reverse)
    {
        if (restore is not null)
        {
            reverse.Line(restore);
        }
    }

    /// <summary>Recognises <c>v = v + e</c>, <c>v = e + v</c> and <c>v = v - e</c> where <c>e</c> does not read v.</summary>
    private static bool IsAccumulation(Expr target, string name, Expr value, out Expr? increment, out bool negated)
    {
        increment = null;
        negated = false;
        if (value is Binary { Op: BinaryOp.Add or BinaryOp.Subtract } b)
        {
            if (b.Left == target && !ExprVisitor.AllVars(b.Right).Contains(name))
            {
                increment = b.Right;
                negated = b.Op == BinaryOp.Subtract;
            }
            else if (b.Op == BinaryOp.Add && b.Right == target && !ExprVisitor.AllVars(b.Left).Contains(name))
            {
                increment = b.Left;
            }
        }
        return increment is not null;
    }

    // ───────────────────────────── control flow ─────────────────────────────

    private Sweeps TransformIf(If branch, bool inLoop)
    {
        Sweeps then = Transform(branch.Then, inLoop);
        Sweeps otherwise = Transform(branch.Else, inLoop);
        var forward = new CodeWriter();
        var reverse = new CodeWriter();
        if (then.Reverse.Count == 0 && otherwise.Reverse.Count == 0)
        {
            WriteIf(forward, Print(branch.Condition), then.Forward, otherwise.Forward);
            return new Sweeps(forward, reverse);
        }

        string taken;
        if (inLoop)
        {
            string stack = _context.Stack(TypeRef.Bool);
            then.Forward.Line(stack + ".Push(true);");
            otherwise.Forward.Line(stack + ".Push(false);");
            WriteIf(forward, Print(branch.Condition), then.Forward, otherwise.Forward);
            taken = stack + ".Pop()";
        }
        else
        {
            taken = _context.Declare("_branch", TypeRef.Bool);
            forward.Line(taken + " = " + Print(branch.Condition) + ";");
            WriteIf(forward, taken, then.Forward, otherwise.Forward);
        }
        reverse.Line("// " + branch.Source);
        if (then.Reverse.Count == 0)
        {
            WriteIf(reverse, "!" + taken, otherwise.Reverse, new CodeWriter());
        }
        else
        {
            WriteIf(reverse, taken, then.Reverse, otherwise.Reverse);
        }
        return new Sweeps(forward, reverse);
    }

    private Sweeps TransformLoop(Loop loop, bool inLoop)
    {
        string? skippedSum = null;
        if (_deferred.TryGetValue(loop, out DeferredSum? deferred))
        {
            skippedSum = _context.Declare("_skippedSum", deferred.Call.Value.Type, Literals.Zero(deferred.Call.Value.Type).Text);
            _valueSinks[deferred.Call] = skippedSum;
            _context.SkippedLocals.Add(deferred.Call.Target);
        }
        Sweeps body = Transform(loop.Body, inLoop: true);
        Sweeps step = Transform(loop.Step, inLoop: true);
        bool hasReverse = body.Reverse.Count > 0 || step.Reverse.Count > 0;
        var forward = new CodeWriter();
        var reverse = new CodeWriter();
        string condition = loop.Condition is null ? "true" : Print(loop.Condition);
        if (!hasReverse)
        {
            WriteLoop(forward, loop, condition, null, body, step);
            return new Sweeps(forward, reverse);
        }

        // The reverse sweep runs the body's reverse once per forward iteration, last iteration first. A counter the
        // reverse reads is recomputed from its start value rather than saved at every step, and so is the trip count
        // of a counted loop (for (i = s; i < n; i++) with n unchanged by the loop) rather than counted and saved.
        Induction? induction = _elision.Inductions.TryGetValue(loop, out Induction? found) && _saved.Contains(found.Variable) ? found : null;
        Expr? counted = CountedTrips(loop);
        string? trips = counted is null ? _context.Declare("_trips", TypeRef.Int, "0") : null;
        string? start = induction is { Start: null } ? _context.Declare("_start", TypeRef.Int) : null;
        forward.Line("// " + loop.Source + (trips is null ? "" : "  (counting iterations in " + trips + ")"));
        if (inLoop && trips is not null)
        {
            forward.Line(trips + " = 0;");
        }
        if (start is not null)
        {
            forward.Line(start + " = " + Names.Escape(induction!.Variable) + ";");
        }
        if (deferred is null)
        {
            WriteLoop(forward, loop, condition, trips, body, step);
        }
        else
        {
            forward.Line("//   skipped: it only sums " + ((DiffCall)deferred.Call.Value).Callee.Name + " into " + deferred.Accumulator
                + ", and the reverse sweep gets each value from the pullback");
        }

        reverse.Line("// " + loop.Source + "  (iterations in reverse order)");
        string count = counted is null ? trips! : _context.PrintReverse(counted);
        if (inLoop && (start is not null || trips is not null))
        {
            string stack = _context.Stack(TypeRef.Int);
            if (start is not null) forward.Line(stack + ".Push(" + start + ");");
            if (trips is not null)
            {
                forward.Line(stack + ".Push(" + trips + ");");
                reverse.Line(trips + " = " + stack + ".Pop();");
            }
            if (start is not null) reverse.Line(start + " = " + stack + ".Pop();");
        }
        string iteration = _context.Names.Numbered("_iteration");
        reverse.Open("for (int " + iteration + " = " + count + "; " + iteration + " > 0; " + iteration + "--)");
        if (induction is not null)
        {
            reverse.Line(Names.Escape(induction.Variable) + " = " + Print(Counter(induction, start, iteration)) + ";");
        }
        reverse.Append(step.Reverse);
        reverse.Append(body.Reverse);
        reverse.Close();
        if (deferred is not null)
        {
            string result = Names.Escape(_result);
            Expr share = Substitute(deferred.Term!, deferred.Accumulator, new Var(skippedSum!, deferred.Call.Value.Type));
            reverse.Line("// the skipped forward iterations' sum completes the result (" + result + " has the term " + ExprPrinter.Print(deferred.Term!) + ")");
            reverse.Line(result + " = " + result + " + " + _context.PrintReverse(share) + ";");
        }
        return new Sweeps(forward, reverse);
    }

    /// <summary>
    /// The trip count of <c>for (i = s; i &lt; n; i++)</c> (or <c>&lt;=</c>, or counting down with <c>&gt;</c>/<c>&gt;=</c>)
    /// when s is a literal, the loop has no exit flags and nothing in it assigns what n reads: max(0, n − s) and the like.
    /// </summary>
    private Expr? CountedTrips(Loop loop)
    {
        if (loop.Kind != LoopKind.TestFirst || !_elision.Inductions.TryGetValue(loop, out Induction? induction)
            || induction.Start is not Literal { Value: double start } || induction.Step is not Literal { Value: double step and (1 or -1) }
            || loop.Condition is not Binary { Left: Var counter, Right: var bound } test || counter.Name != induction.Variable)
        {
            return null;
        }
        var assigned = new HashSet<string>();
        AssignedIn(loop.Body, assigned);
        AssignedIn(loop.Step, assigned);
        if (ExprVisitor.AllVars(bound).Overlaps(assigned) || bound.Type.Kind != ValueKind.Integer)
        {
            return null;
        }
        Expr? span = (test.Op, step) switch
        {
            (BinaryOp.Less, 1) => Sym.Sub(bound, Literals.Number(start, TypeRef.Int)),
            (BinaryOp.LessOrEqual, 1) => Sym.Sub(bound, Literals.Number(start - 1, TypeRef.Int)),
            (BinaryOp.Greater, -1) => Sym.Sub(Literals.Number(start, TypeRef.Int), bound),
            (BinaryOp.GreaterOrEqual, -1) => Sym.Sub(Literals.Number(start + 1, TypeRef.Int), bound),
            _ => null,
        };
        return span is null ? null : new MathCall("global::System.Math", "Max", EquatableArray.Of(Literals.Zero(TypeRef.Int), span), TypeRef.Int);
    }

    /// <summary>Every variable or buffer the block assigns (whole or by element), nested statements included.</summary>
    internal static void AssignedIn(Block block, HashSet<string> into)
    {
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case Assign a: into.Add(a.Target); break;
                case AssignElement e: into.Add(e.Target); break;
                case If i: AssignedIn(i.Then, into); AssignedIn(i.Else, into); break;
                case Loop l: AssignedIn(l.Body, into); AssignedIn(l.Step, into); break;
            }
        }
    }

    /// <summary>The counter's value in forward iteration <c>iteration − 1</c>: start + step·(iteration − 1), folded.</summary>
    private static Expr Counter(Induction induction, string? startSlot, string iteration)
    {
        var it = new Var(iteration, TypeRef.Int);
        if (startSlot is null && induction.Start is Literal { Value: double start } && induction.Step is Literal { Value: double step })
        {
            // start + step·(it − 1) = step·it + (start − step)
            Expr scaled = Sym.Mul(induction.Step, it);
            double offset = start - step;
            return offset == 0 ? scaled
                : offset > 0 ? new Binary(BinaryOp.Add, scaled, Literals.Number(offset, TypeRef.Int), TypeRef.Int)
                : new Binary(BinaryOp.Subtract, scaled, Literals.Number(-offset, TypeRef.Int), TypeRef.Int);
        }
        Expr from = startSlot is null ? induction.Start! : new Var(startSlot, TypeRef.Int);
        var index = new Binary(BinaryOp.Subtract, it, Literals.One(TypeRef.Int), TypeRef.Int);
        return Sym.Add(from, Sym.Mul(induction.Step, index));
    }

    private static void WriteLoop(CodeWriter forward, Loop loop, string condition, string? trips, Sweeps body, Sweeps step)
    {
        forward.Open(loop.Kind == LoopKind.TestFirst ? "while (" + condition + ")" : "do");
        if (trips is not null)
        {
            forward.Line(trips + "++;");
        }
        forward.Append(body.Forward);
        forward.Append(step.Forward);
        forward.Close(loop.Kind == LoopKind.TestFirst ? "" : " while (" + condition + ");");
    }

    private static void WriteIf(CodeWriter into, string condition, CodeWriter then, CodeWriter otherwise)
    {
        if (then.Count == 0 && otherwise.Count == 0)
        {
            return;
        }
        if (then.Count == 0)
        {
            into.Open("if (!(" + condition + "))");
            into.Append(otherwise);
            into.Close();
            return;
        }
        into.Open("if (" + condition + ")");
        into.Append(then);
        into.Close();
        if (otherwise.Count > 0)
        {
            into.Open("else");
            into.Append(otherwise);
            into.Close();
        }
    }

    private static Sweeps Only(string forwardLine)
    {
        var forward = new CodeWriter();
        forward.Line(forwardLine);
        return new Sweeps(forward, new CodeWriter());
    }

    private static bool IsStatementExpression(Expr e) => e is OpaqueCall or DiffCall or MathCall or New;

    private static string Print(Expr e) => ExprPrinter.Print(e);
}
