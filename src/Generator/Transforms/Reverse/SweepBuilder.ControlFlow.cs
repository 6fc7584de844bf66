using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>The sweeps of branches and loops: the branch taken and the trip count are recorded, then replayed backwards.</summary>
internal sealed partial class SweepBuilder
{
    private Sweeps TransformIf(If branch, bool inLoop)
    {
        Sweeps then = Transform(branch.Then, inLoop);
        Sweeps otherwise = Transform(branch.Else, inLoop);
        if (then.Reverse.IsEmpty && otherwise.Reverse.IsEmpty)
        {
            return new Sweeps(Block.Of(branch with { Then = then.Forward, Else = otherwise.Forward }), Block.Empty);
        }

        var forward = new List<Stmt>();
        Expr taken;
        if (inLoop)
        {
            string stack = _context.Stack(TypeRef.Bool);
            Block thenForward = Block.Of(then.Forward.Statements.Append(new Push(stack, Literals.Bool(true))));
            Block elseForward = Block.Of(otherwise.Forward.Statements.Append(new Push(stack, Literals.Bool(false))));
            forward.Add(branch with { Then = thenForward, Else = elseForward });
            taken = new Pop(stack, TypeRef.Bool);
        }
        else
        {
            Var record = _context.Declare("_branch", TypeRef.Bool);
            forward.Add(new Assign(record.Name, branch.Condition, ""));
            forward.Add(branch with { Condition = record, Then = then.Forward, Else = otherwise.Forward });
            taken = record;
        }
        var reverse = new List<Stmt> { new Comment(branch.Source) };
        reverse.Add(then.Reverse.IsEmpty
            ? new If(Sym.Not(taken), otherwise.Reverse, Block.Empty, branch.Source)
            : new If(taken, then.Reverse, otherwise.Reverse, branch.Source));
        return new Sweeps(Block.Of(forward), Block.Of(reverse));
    }

    private Sweeps TransformLoop(Loop loop, bool inLoop)
    {
        Var? skippedSum = null;
        if (_deferred.TryGetValue(loop, out DeferredSum? deferred))
        {
            skippedSum = _context.Declare("_skippedSum", deferred.Call.Value.Type, Literals.Zero(deferred.Call.Value.Type));
            _valueSinks[deferred.Call] = skippedSum;
            _context.SkippedLocals.Add(deferred.Call.Target);
        }
        Sweeps body = Transform(loop.Body, inLoop: true);
        Sweeps step = Transform(loop.Step, inLoop: true);
        if (body.Reverse.IsEmpty && step.Reverse.IsEmpty)
        {
            return new Sweeps(Block.Of(loop with { Body = body.Forward, Step = step.Forward }), Block.Empty);
        }

        // The reverse sweep runs the body's reverse once per forward iteration, last iteration first. A counter the
        // reverse reads is recomputed from its start value rather than saved at every step, and so is the trip count
        // of a counted loop (for (i = s; i < n; i++) with n unchanged by the loop) rather than counted and saved.
        Induction? induction = _elision.Inductions.TryGetValue(loop, out Induction? found) && _saved.Contains(found.Variable) ? found : null;
        Expr? counted = CountedTrips(loop);
        Var? trips = counted is null ? _context.Declare("_trips", TypeRef.Int, Literals.Zero(TypeRef.Int)) : null;
        Var? start = induction is { Start: null } ? _context.Declare("_start", TypeRef.Int) : null;
        var forward = new List<Stmt> { new Comment(loop.Source + (trips is null ? "" : "  (counting iterations in " + trips.Name + ")")) };
        if (inLoop && trips is not null)
        {
            forward.Add(new Assign(trips.Name, Literals.Zero(TypeRef.Int), ""));
        }
        if (start is not null)
        {
            forward.Add(new Assign(start.Name, new Var(induction!.Variable, TypeRef.Int), ""));
        }
        if (deferred is null)
        {
            IEnumerable<Stmt> counting = trips is null ? Enumerable.Empty<Stmt>() : new Stmt[] { Accumulation.Into(trips, Literals.One(TypeRef.Int)) };
            forward.Add(loop with { Body = Block.Of(counting.Concat(body.Forward.Statements)), Step = step.Forward });
        }
        else
        {
            forward.Add(new Comment("  skipped: it only sums " + ((DiffCall)deferred.Call.Value).Callee.Name + " into " + deferred.Accumulator
                + ", and the reverse sweep gets each value from the pullback"));
        }

        var reverse = new List<Stmt> { new Comment(loop.Source + "  (iterations in reverse order)") };
        Expr count = counted ?? trips!;
        if (inLoop && (start is not null || trips is not null))
        {
            string stack = _context.Stack(TypeRef.Int);
            if (start is not null) forward.Add(new Push(stack, start));
            if (trips is not null)
            {
                forward.Add(new Push(stack, trips));
                reverse.Add(new Assign(trips.Name, new Pop(stack, TypeRef.Int), ""));
            }
            if (start is not null) reverse.Add(new Assign(start.Name, new Pop(stack, TypeRef.Int), ""));
        }
        var iteration = new Var(_context.Names.Numbered("_iteration"), TypeRef.Int);
        var replay = new List<Stmt>();
        if (induction is not null)
        {
            replay.Add(new Assign(induction.Variable, Counter(induction, start, iteration), ""));
        }
        replay.AddRange(step.Reverse.Statements);
        replay.AddRange(body.Reverse.Statements);
        reverse.Add(new Declare(iteration.Name, TypeRef.Int, count));
        reverse.Add(new Loop(loop.Id, LoopKind.TestFirst, Sym.Compare(BinaryOp.Greater, iteration, Literals.Zero(TypeRef.Int)), Block.Of(replay),
            Block.Of(new Assign(iteration.Name, new Binary(BinaryOp.Subtract, iteration, Literals.One(TypeRef.Int), TypeRef.Int), "")), loop.Source));
        if (deferred is not null)
        {
            Expr share = Substitute(deferred.Term!, deferred.Accumulator, skippedSum!);
            reverse.Add(new Comment("the skipped forward iterations' sum completes the result (" + _result.Name + " has the term " + Describe(deferred.Term!) + ")"));
            reverse.Add(Accumulation.Into(_result, share));
        }
        return new Sweeps(Block.Of(forward), Block.Of(reverse));
    }

    /// <summary>A short description of a term for a comment: its variables and operators.</summary>
    private static string Describe(Expr term) => term switch
    {
        Var v => v.Name,
        Literal l => l.Text,
        Unary { Op: UnaryOp.Negate } u => "-" + Describe(u.Operand),
        Cast c => "(" + c.Type.Name + ")" + Describe(c.Operand),
        Binary b => Describe(b.Left) + (b.Op switch { BinaryOp.Multiply => " * ", BinaryOp.Divide => " / ", BinaryOp.Add => " + ", _ => " - " }) + Describe(b.Right),
        _ => "…",
    };

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
    private static Expr Counter(Induction induction, Var? startSlot, Var iteration)
    {
        Var it = iteration;
        if (startSlot is null && induction.Start is Literal { Value: double start } && induction.Step is Literal { Value: double step })
        {
            // start + step·(it − 1) = step·it + (start − step)
            Expr scaled = Sym.Mul(induction.Step, it);
            double offset = start - step;
            return offset == 0 ? scaled
                : offset > 0 ? new Binary(BinaryOp.Add, scaled, Literals.Number(offset, TypeRef.Int), TypeRef.Int)
                : new Binary(BinaryOp.Subtract, scaled, Literals.Number(-offset, TypeRef.Int), TypeRef.Int);
        }
        Expr from = startSlot is null ? induction.Start! : startSlot;
        var index = new Binary(BinaryOp.Subtract, it, Literals.One(TypeRef.Int), TypeRef.Int);
        return Sym.Add(from, Sym.Mul(induction.Step, index));
    }

}
