using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;
using SourceAD.Generator.Rules;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// Builds the forward and the reverse sweep of a lowered body, statement by statement, as IR. Each statement yields its
/// forward code (the original computation, plus saving a value it overwrites when the reverse sweep will need that
/// value back, and recording which branch ran and how many iterations a loop took) and its reverse code (restore,
/// then propagate adjoints). A block's reverse is its statements' reverses in the opposite order. Outside loops
/// saved values go to locals; inside loops to a <c>PrimalStack</c>.
/// </summary>
internal sealed partial class SweepBuilder
{
    private readonly SweepContext _context;
    private readonly VariableFacts _facts;
    private readonly HashSet<string> _saved;
    private readonly SaveElision _elision;
    private readonly Dictionary<Stmt, Var> _valueSinks = new(ReferenceComparer<Stmt>.Instance);
    private Dictionary<Loop, DeferredSum> _deferred = new(ReferenceComparer<Loop>.Instance);
    private Var _result = new("_result", TypeRef.Double);

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

    /// <summary>The two sweeps of a statement or block.</summary>
    public sealed record Sweeps(Block Forward, Block Reverse)
    {
        public static readonly Sweeps None = new(Block.Empty, Block.Empty);
    }

    /// <param name="body">The lowered method body.</param>
    /// <param name="result">The variable holding the value the method returns.</param>
    public Sweeps Build(Block body, Var result)
    {
        _result = result;
        _deferred = DeferredSums.Find(body, result.Name, loop => CountedTrips(loop) is not null,
            write => _saved.Contains(write.Target) && !_elision.Unsaved.Contains(write), _context.Activity);
        return Transform(body, inLoop: false);
    }

    private Sweeps Transform(Block block, bool inLoop)
    {
        var forward = new List<Stmt>();
        var reverses = new List<Block>();
        foreach (Stmt statement in block.Statements)
        {
            Sweeps sweeps = Transform(statement, inLoop);
            forward.AddRange(sweeps.Forward.Statements);
            if (!sweeps.Reverse.IsEmpty)
            {
                reverses.Add(sweeps.Reverse);
            }
        }
        reverses.Reverse();
        return new Sweeps(Block.Of(forward), Block.Of(reverses.SelectMany(r => r.Statements)));
    }

    private Sweeps Transform(Stmt statement, bool inLoop) => statement switch
    {
        Assign assign => TransformAssign(assign, inLoop),
        AssignElement element => TransformAssignElement(element, inLoop),
        If branch => TransformIf(branch, inLoop),
        Loop loop => TransformLoop(loop, inLoop),
        Evaluate { Value: DerivativeCall call } evaluate => TransformNestedCall(call, null, evaluate.Source, inLoop),
        Evaluate { Value: DiffCall { Callee.HasOutputs: true } call } evaluate => TransformOutputCall(call, null, evaluate.Source, inLoop),
        Evaluate or Throw => new Sweeps(Block.Of(statement), Block.Empty),
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
        if (assign.Value is DerivativeCall call)
        {
            return TransformNestedCall(call, target, assign.Source, inLoop);
        }
        if (assign.Value is DiffCall { Callee.HasOutputs: true } outputCall)
        {
            return TransformOutputCall(outputCall, target, assign.Source, inLoop);
        }
        Var? adjoint = _context.Activity.IsActive(target.Name) ? _context.Adjoint(target.Name) : null;
        bool saved = _saved.Contains(target.Name) && !target.Type.IsBuffer && !_elision.Unsaved.Contains(assign);
        _valueSinks.TryGetValue(assign, out Var? valueSink);
        return TransformWrite(assign.Source, target, adjoint, assign.Value, saved, inLoop, _facts.MayBeReadBefore(target.Name), valueSink);
    }

    private Sweeps TransformAssignElement(AssignElement assign, bool inLoop)
    {
        TypeRef bufferType = _facts.Type(assign.Target);
        TypeRef element = bufferType.Element!;
        var indices = EquatableArray.Of(assign.Index);
        var target = new ElementRead(new Var(assign.Target, bufferType), indices, element);
        var adjoint = _context.Activity.IsActive(assign.Target)
            ? new ElementRead(_context.Adjoint(assign.Target), indices, element)
            : null;
        bool saved = _saved.Contains(assign.Target) && !_elision.Unsaved.Contains(assign);
        return TransformWrite(assign.Source, target, adjoint, assign.Value, saved, inLoop, mayBeReadBefore: true);
    }

    /// <summary>A local buffer's allocation; an active one gets its adjoint buffer, zeroed, beside it.</summary>
    private Sweeps TransformAllocation(Var target, NewBuffer allocation)
    {
        var forward = new List<Stmt> { new Assign(target.Name, allocation, "") };
        if (_context.Activity.IsActive(target.Name))
        {
            forward.Add(new Assign(_context.Adjoint(target.Name).Name, allocation with { Length = new MemberRead(target, "Length", TypeRef.Int) }, ""));
        }
        return new Sweeps(Block.Of(forward), Block.Empty);
    }

    /// <summary>
    /// <c>target = value</c>, where target is a variable or a buffer element and adjoint its adjoint (null when inactive).
    /// Forward: save the old value if the reverse sweep reads it, then write. Reverse: propagate, reset and restore.
    /// </summary>
    /// <param name="valueSink">A variable to add the value of a call's pullback to, when the forward sweep skipped the call.</param>
    private Sweeps TransformWrite(string source, Expr target, Expr? adjoint, Expr value, bool saved, bool inLoop, bool mayBeReadBefore, Var? valueSink = null)
    {
        var forward = new List<Stmt>();
        Stmt? restore = null;
        if (saved)
        {
            if (inLoop)
            {
                string stack = _context.Stack(target.Type);
                forward.Add(new Push(stack, target));
                restore = Write(target, new Pop(stack, target.Type));
            }
            else
            {
                Var slot = _context.Declare("_saved", target.Type);
                forward.Add(new Assign(slot.Name, target, ""));
                restore = Write(target, slot);
            }
        }
        // In a loop, the results of the math calls whose rules read them (eᵘ, tanh u, …; not √u) are saved rather than recomputed
        // by the reverse step: the value is computed once into a temporary, pushed, and popped by the step.
        // (Not a value that is one such call: the target holds it.)
        var results = adjoint is not null && inLoop && valueSink is null && value is not MathCall ? SavedResults(value) : new List<MathCall>();
        var known = new Dictionary<Expr, Var>();
        var temporaries = new Dictionary<Expr, Var>();
        var popped = new List<Stmt>();
        foreach (MathCall call in results)
        {
            var temp = new Var(_context.Names.Numbered("_r"), call.Type);
            forward.Add(new Declare(temp.Name, temp.Type, call));
            forward.Add(new Push(_context.Stack(call.Type), temp));
            var result = new Var(_context.Names.Numbered("_y"), call.Type);
            popped.Insert(0, new Declare(result.Name, result.Type, new Pop(_context.Stack(call.Type), call.Type)));
            known[call] = result;
            temporaries[call] = temp;
        }
        forward.Add(Write(target, ExprVisitor.Replace(value, temporaries)));

        Block reverse = Block.Empty;
        if (adjoint is not null)
        {
            var step = new List<Stmt>(popped);
            ReverseActiveWrite(target, adjoint, value, restore, mayBeReadBefore, step, valueSink, known);
            reverse = Block.Of(new Group(source, Block.Of(step)));
        }
        else if (restore is not null)
        {
            reverse = Block.Of(new Group(source + "  (restore)", Block.Of(restore)));
        }
        return new Sweeps(Block.Of(forward), reverse);
    }

    /// <summary><c>target = value</c> for a variable or a buffer element.</summary>
    private static Stmt Write(Expr target, Expr value) => target switch
    {
        Var v => new Assign(v.Name, value, ""),
        ElementRead { Array: Var buffer } element => new AssignElement(buffer.Name, element.Indices[0], value, ""),
        _ => throw new System.InvalidOperationException("Unexpected assignment target"),
    };

    private void ReverseActiveWrite(Expr target, Expr adjoint, Expr value, Stmt? restore, bool mayBeReadBefore, List<Stmt> reverse, Var? valueSink, IReadOnlyDictionary<Expr, Var> known)
    {
        var pullback = new ExpressionPullback(_context, reverse, known);
        string name = TargetName(target);
        Stmt zero = Write(adjoint, Literals.Zero(target.Type));
        if (!_context.Activity.HasActiveReads(value))
        {
            if (mayBeReadBefore) reverse.Add(zero);
            Restore(restore, reverse);
        }
        else if (IsAccumulation(target, name, value, out Expr? increment, out bool negated))
        {
            // v = v ± increment: the adjoint of the old v equals that of the new v.
            Restore(restore, reverse);
            pullback.Propagate(HoistLoadedIndices(increment!, reverse), negated ? Sym.Neg(adjoint) : adjoint);
        }
        else if (ExprVisitor.Reads(value, name))
        {
            // v = f(v, …): take v's adjoint, restore the old v, then propagate into f at the old value.
            var taken = new Var(_context.Names.Numbered("_a"), target.Type with { Name = target.Type.AdjointLocalName, OtherHoldsState = false });
            reverse.Add(new Declare(taken.Name, taken.Type, adjoint));
            reverse.Add(zero);
            Restore(restore, reverse);
            pullback.Propagate(HoistLoadedIndices(value, reverse), taken with { Type = target.Type });
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
            else if (target is ElementRead && target.Type.IsFloating && !IsLinear(value))
            {
                // An element nobody reads keeps a zero adjoint: skip its step, so that it adds 0 and not 0·∞ = NaN where
                // its local derivative is infinite (a scalar nobody reads has no reverse step at all).
                var step = new List<Stmt>();
                new ExpressionPullback(_context, step, known).Propagate(HoistLoadedIndices(value, step), adjoint, target);
                reverse.Add(new If(new Binary(BinaryOp.NotEqual, adjoint, Literals.Zero(adjoint.Type), TypeRef.Bool), Block.Of(step), Block.Empty, ""));
            }
            else
            {
                pullback.Propagate(HoistLoadedIndices(value, reverse), adjoint, holdsValue ? target : null);
            }
            if (mayBeReadBefore) reverse.Add(zero);
            Restore(restore, reverse);
        }
    }

    /// <summary>
    /// Reads <c>b[index]</c> of an active buffer whose index itself reads memory (<c>l[start[j] + r]</c>) through a
    /// temporary computed once: the step uses that index at least twice (the adjoint it adds to, and usually a partial
    /// derivative), and the JIT cannot reuse a load across the adjoint store in between. Branches of <c>?:</c> and the
    /// right of <c>&amp;&amp;</c>/<c>||</c> are left alone: they are evaluated only conditionally.
    /// </summary>
    private Expr HoistLoadedIndices(Expr e, List<Stmt> reverse)
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
                reverse.Add(new Declare(temp.Name, index.Type, index));
                temps[index] = temp;
            }
            return temp;
        }
        return Hoist(e);
    }

    /// <summary>
    /// The math calls of <paramref name="value"/> whose rules read their result and whose arguments are active, outermost
    /// first, where the value always evaluates them (not in a branch of ?: or the right of &amp;&amp;/||); not √.
    /// </summary>
    private List<MathCall> SavedResults(Expr value)
    {
        var found = new List<MathCall>();
        void Walk(Expr e)
        {
            switch (e)
            {
                // √ is one instruction: recomputing it costs less than a push and a pop.
                case MathCall m when m.Function != "Sqrt" && MathRules.Find(m.Function, m.Args.Count) is { UsesResult: true } && _context.Activity.HasActiveReads(m):
                    if (!found.Contains(m))
                    {
                        found.Add(m);
                    }
                    break;
                case MathCall m:
                    foreach (Expr argument in m.Args) Walk(argument);
                    break;
                case Unary u:
                    Walk(u.Operand);
                    break;
                case Cast c:
                    Walk(c.Operand);
                    break;
                case Binary { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide } b:
                    Walk(b.Left);
                    Walk(b.Right);
                    break;
            }
        }
        Walk(value);
        return found;
    }

    /// <summary><paramref name="e"/> with <paramref name="variable"/> replaced (in the operators a deferred sum's term uses).</summary>
    private static Expr Substitute(Expr e, string variable, Expr by) => e switch
    {
        Var v when v.Name == variable => by,
        Unary u => u with { Operand = Substitute(u.Operand, variable, by) },
        Binary b => b with { Left = Substitute(b.Left, variable, by), Right = Substitute(b.Right, variable, by) },
        _ => e,
    };

    /// <summary>Whether every local derivative of <paramref name="e"/> is ±1 (sums, differences, copies, casts).</summary>
    private static bool IsLinear(Expr e) => e switch
    {
        Var or ElementRead or Literal => true,
        Unary u => IsLinear(u.Operand),
        Cast c => IsLinear(c.Operand),
        Binary { Op: BinaryOp.Add or BinaryOp.Subtract } b => IsLinear(b.Left) && IsLinear(b.Right),
        _ => false,
    };

    private static bool ReadsMemory(Expr e) => e is ElementRead || ExprVisitor.Children(e).Any(ReadsMemory);

    private static string TargetName(Expr target) => target switch
    {
        Var v => v.Name,
        ElementRead { Array: Var buffer } => buffer.Name,
        _ => throw new System.InvalidOperationException("Unexpected assignment target"),
    };

    private static void Restore(Stmt? restore, List<Stmt> reverse)
    {
        if (restore is not null)
        {
            reverse.Add(restore);
        }
    }

    /// <summary>Recognises <c>v = v + e</c>, <c>v = e + v</c> and <c>v = v - e</c> where <c>e</c> does not read v.</summary>
    private static bool IsAccumulation(Expr target, string name, Expr value, out Expr? increment, out bool negated)
    {
        increment = null;
        negated = false;
        if (value is Binary { Op: BinaryOp.Add or BinaryOp.Subtract } b)
        {
            if (b.Left == target && !ExprVisitor.Reads(b.Right, name))
            {
                increment = b.Right;
                negated = b.Op == BinaryOp.Subtract;
            }
            else if (b.Op == BinaryOp.Add && b.Right == target && !ExprVisitor.Reads(b.Left, name))
            {
                increment = b.Left;
            }
        }
        return increment is not null;
    }
}
