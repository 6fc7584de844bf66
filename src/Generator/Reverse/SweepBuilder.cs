using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Emit;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Reverse;

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

    public SweepBuilder(SweepContext context, VariableFacts facts, HashSet<string> saved)
    {
        _context = context;
        _facts = facts;
        _saved = saved;
    }

    public sealed record Sweeps(CodeWriter Forward, CodeWriter Reverse);

    public Sweeps Build(Block body) => Transform(body, inLoop: false);

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
        If branch => TransformIf(branch, inLoop),
        Loop loop => TransformLoop(loop, inLoop),
        Evaluate evaluate => Only(IsStatementExpression(evaluate.Value) ? Print(evaluate.Value) + ";" : "_ = " + Print(evaluate.Value) + ";"),
        Throw thrown => Only("throw " + Print(thrown.Exception) + ";"),
        _ => throw new System.InvalidOperationException("Unexpected statement after lowering: " + statement.GetType().Name),
    };

    // ───────────────────────────── assignments ─────────────────────────────

    private Sweeps TransformAssign(Assign assign, bool inLoop)
    {
        var forward = new CodeWriter();
        var reverse = new CodeWriter();
        var target = new Var(assign.Target, _facts.Type(assign.Target));
        string? restore = null;
        if (_saved.Contains(target.Name))
        {
            if (inLoop)
            {
                string stack = _context.Stack(target.Type);
                forward.Line(stack + ".Push(" + target.Name + ");");
                restore = target.Name + " = " + stack + ".Pop();";
            }
            else
            {
                string slot = _context.Declare("_saved", target.Type);
                forward.Line(slot + " = " + target.Name + ";");
                restore = target.Name + " = " + slot + ";";
            }
        }
        forward.Line(target.Name + " = " + Print(assign.Value) + ";");

        if (_context.Activity.IsActive(target.Name))
        {
            reverse.Line("// " + assign.Source);
            ReverseActiveAssign(target, assign.Value, restore, reverse);
        }
        else if (restore is not null)
        {
            reverse.Line("// " + assign.Source + "  (restore)");
            reverse.Line(restore);
        }
        return new Sweeps(forward, reverse);
    }

    private void ReverseActiveAssign(Var target, Expr value, string? restore, CodeWriter reverse)
    {
        var pullback = new ExpressionPullback(_context, reverse);
        Var adjoint = _context.AdjointVar(target);
        if (!_context.Activity.HasActiveReads(value))
        {
            ZeroAdjoint(target, reverse);
            Restore(restore, reverse);
        }
        else if (IsAccumulation(target, value, out Expr? increment, out bool negated))
        {
            // v = v ± increment: the adjoint of the old v equals that of the new v.
            Restore(restore, reverse);
            pullback.Propagate(increment!, negated ? Sym.Neg(adjoint) : adjoint);
        }
        else if (ExprVisitor.AllVars(value).Contains(target.Name))
        {
            // v = f(v, …): take v's adjoint, restore the old v, then propagate into f at the old value.
            string taken = _context.Names.Numbered("_a");
            reverse.Line(target.Type.Name + " " + taken + " = " + adjoint.Name + ";");
            reverse.Line(adjoint.Name + " = " + Literals.Zero(target.Type).Text + ";");
            Restore(restore, reverse);
            pullback.Propagate(value, new Var(taken, target.Type));
        }
        else
        {
            // v = f(…): v still holds f's value here, so rules that use the result read v.
            pullback.Propagate(value, adjoint, target);
            ZeroAdjoint(target, reverse);
            Restore(restore, reverse);
        }
    }

    /// <summary>An overwritten variable's adjoint restarts from zero, unless nothing earlier can read it.</summary>
    private void ZeroAdjoint(Var target, CodeWriter reverse)
    {
        if (_facts.MayBeReadBefore(target.Name))
        {
            reverse.Line(_context.Adjoint(target.Name) + " = " + Literals.Zero(target.Type).Text + ";");
        }
    }

    private static void Restore(string? restore, CodeWriter reverse)
    {
        if (restore is not null)
        {
            reverse.Line(restore);
        }
    }

    /// <summary>Recognises <c>v = v + e</c>, <c>v = e + v</c> and <c>v = v - e</c> where <c>e</c> does not read v.</summary>
    private static bool IsAccumulation(Var target, Expr value, out Expr? increment, out bool negated)
    {
        increment = null;
        negated = false;
        if (value is Binary { Op: BinaryOp.Add or BinaryOp.Subtract } b)
        {
            if (b.Left is Var l && l.Name == target.Name && !ExprVisitor.AllVars(b.Right).Contains(target.Name))
            {
                increment = b.Right;
                negated = b.Op == BinaryOp.Subtract;
            }
            else if (b.Op == BinaryOp.Add && b.Right is Var r && r.Name == target.Name && !ExprVisitor.AllVars(b.Left).Contains(target.Name))
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
        Sweeps body = Transform(loop.Body, inLoop: true);
        Sweeps step = Transform(loop.Step, inLoop: true);
        bool hasReverse = body.Reverse.Count > 0 || step.Reverse.Count > 0;
        var forward = new CodeWriter();
        var reverse = new CodeWriter();
        string condition = loop.Condition is null ? "true" : Print(loop.Condition);

        string? trips = null;
        if (hasReverse)
        {
            trips = _context.Declare("_trips", TypeRef.Int, "0");
            forward.Line("// " + loop.Source + "  (counting iterations in " + trips + ")");
            if (inLoop)
            {
                forward.Line(trips + " = 0;");
            }
        }
        forward.Open(loop.Kind == LoopKind.TestFirst ? "while (" + condition + ")" : "do");
        if (trips is not null)
        {
            forward.Line(trips + "++;");
        }
        forward.Append(body.Forward);
        forward.Append(step.Forward);
        forward.Close(loop.Kind == LoopKind.TestFirst ? "" : " while (" + condition + ");");
        if (!hasReverse)
        {
            return new Sweeps(forward, reverse);
        }

        string count = trips!;
        if (inLoop)
        {
            string stack = _context.Stack(TypeRef.Int);
            forward.Line(stack + ".Push(" + trips + ");");
            count = stack + ".Pop()";
        }
        string counter = _context.Names.Numbered("_iteration");
        reverse.Line("// " + loop.Source + "  (iterations in reverse order)");
        reverse.Open("for (int " + counter + " = " + count + "; " + counter + " > 0; " + counter + "--)");
        reverse.Append(step.Reverse);
        reverse.Append(body.Reverse);
        reverse.Close();
        return new Sweeps(forward, reverse);
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
