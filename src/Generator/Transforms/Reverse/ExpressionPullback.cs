using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;
using SourceAD.Generator.Rules;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// The reverse step of one expression: given the adjoint of its value, adds each active variable's share
/// (adjoint × local derivative) to that variable's adjoint, walking the expression tree from the root down.
/// Local derivatives come from the operators and the rule table; calls to [Differentiable] methods go through
/// the callee's generated pullback. The step is IR: statements appended to a list.
/// </summary>
internal sealed partial class ExpressionPullback
{
    private readonly SweepContext _context;
    private readonly List<Stmt> _code;
    private readonly List<(Var Array, TypeRef Element)> _scratch = new();

    /// <summary>
    /// The math calls this step has computed into temporaries (<c>_y0 = Math.Exp(u)</c>): a later statement of the step
    /// that needs the same value reads the temporary instead of calling again (the quotient rule of 1/(1 + eᵘ) and the
    /// exp rule both need eᵘ). Within one step no primal value changes, so the value is the same.
    /// </summary>
    private readonly Dictionary<Expr, Var> _computed = new();

    /// <param name="context">The method's sweep state.</param>
    /// <param name="code">Where the reverse step's statements go.</param>
    /// <param name="known">Math calls whose values the step already has (results the forward sweep saved), by call.</param>
    public ExpressionPullback(SweepContext context, List<Stmt> code, IReadOnlyDictionary<Expr, Var>? known = null)
    {
        _context = context;
        _code = code;
        if (known is not null)
        {
            foreach (KeyValuePair<Expr, Var> pair in known)
            {
                _computed[pair.Key] = pair.Value;
            }
        }
    }

    /// <summary>
    /// The reverse step of a call the forward sweep skipped (a deferred sum): as <see cref="Propagate"/>, and the value
    /// the callee's pullback returns is added to <paramref name="valueSink"/>.
    /// </summary>
    public void PropagateSkippedCall(DiffCall call, Expr adjoint, Var valueSink) => PropagateCall(call, adjoint, null, valueSink);

    /// <param name="e">The expression.</param>
    /// <param name="adjoint">The adjoint of its value.</param>
    /// <param name="value">A variable already holding the expression's value, if any (saves recomputing it).</param>
    public void Propagate(Expr e, Expr adjoint, Expr? value = null)
    {
        if (!_context.Activity.HasActiveReads(e))
        {
            return;
        }
        switch (e)
        {
            case Var v when v.Type.IsObject:
                // The incoming adjoint may still be null (zero): then there is nothing to add.
                var accumulate = new List<Stmt>();
                accumulate.AddRange(EnsureAdjoint(v, out Var target));
                accumulate.Add(new Evaluate(Calls.Method(target, "Accumulate", Calls.Void, adjoint), ""));
                _code.Add(new If(NotNull(adjoint), Block.Of(accumulate), Block.Empty, ""));
                break;
            case Var v:
                _code.Add(Accumulation.Into(_context.Adjoint(v.Name), Sym.To(Reuse(adjoint), v.Type)));
                break;
            case ElementRead { Array: Var buffer, Type.IsObject: true } element:
                var adjointElement = new ElementRead(_context.Adjoint(buffer.Name), element.Indices, element.Type);
                _code.Add(new Evaluate(Calls.Method(adjointElement, "Accumulate", Calls.Void, adjoint), ""));
                break;
            case ElementRead { Array: Var buffer } element:
                _code.Add(Accumulation.IntoElement(_context.Adjoint(buffer.Name), element.Indices[0], Sym.To(adjoint, element.Type)));
                break;
            case Unary { Op: UnaryOp.Negate } u:
                Propagate(u.Operand, Sym.Neg(adjoint));
                break;
            case Unary u:
                Propagate(u.Operand, adjoint);
                break;
            case Cast c:
                Propagate(c.Operand, Sym.To(adjoint, c.Operand.Type));
                break;
            case Binary b:
                // An adjoint used by both operands is computed once; u·u uses it once (see PropagateBinary).
                bool bothActive = b.Left != b.Right && _context.Activity.HasActiveReads(b.Left) && _context.Activity.HasActiveReads(b.Right);
                PropagateBinary(b, bothActive ? Shared(adjoint) : adjoint, value);
                break;
            case Conditional c:
                PropagateConditional(c, adjoint);
                break;
            case MathCall m:
                PropagateMath(m, adjoint, value);
                break;
            case DiffCall d:
                PropagateCall(d, adjoint, value, valueSink: null);
                break;
        }
    }

    private void PropagateBinary(Binary b, Expr adjoint, Expr? value)
    {
        switch (b.Op)
        {
            case BinaryOp.Add:
                Propagate(b.Left, adjoint);
                Propagate(b.Right, adjoint);
                break;
            case BinaryOp.Subtract:
                Propagate(b.Left, adjoint);
                Propagate(b.Right, Sym.Neg(adjoint));
                break;
            case BinaryOp.Multiply when b.Left == b.Right:
                // u·u: one contribution of 2·u instead of two of u.
                Propagate(b.Left, Sym.Mul(Sym.Mul(Sym.Lit(2, b.Type), adjoint), b.Left));
                break;
            case BinaryOp.Multiply:
                Propagate(b.Left, Sym.Mul(adjoint, b.Right));
                Propagate(b.Right, Sym.Mul(adjoint, b.Left));
                break;
            case BinaryOp.Divide:
                Propagate(b.Left, Sym.Div(adjoint, b.Right));
                Propagate(b.Right, Sym.Neg(Sym.Div(Sym.Mul(adjoint, value ?? b), b.Right)));
                break;
            case BinaryOp.Remainder:
                Propagate(b.Left, adjoint);
                Expr quotient = new MathCall(MathClass(b.Type), "Truncate", EquatableArray.Of(Sym.Div(b.Left, b.Right)), b.Type);
                Propagate(b.Right, Sym.Neg(Sym.Mul(adjoint, quotient)));
                break;
            case var _ when b.Type.IsFloating:
                // Fail closed: a floating-point operator with no pullback rule must not drop its share of the adjoint.
                throw new System.InvalidOperationException("No pullback rule for the operator " + b.Op + ".");
        }
    }

    private void PropagateConditional(Conditional c, Expr adjoint)
    {
        bool whenTrue = _context.Activity.HasActiveReads(c.WhenTrue);
        bool whenFalse = _context.Activity.HasActiveReads(c.WhenFalse);
        Block Branch(Expr branch)
        {
            var statements = new List<Stmt>();
            new ExpressionPullback(_context, statements).Propagate(branch, adjoint);
            return Block.Of(statements);
        }
        _code.Add(whenTrue
            ? new If(c.Condition, Branch(c.WhenTrue), whenFalse ? Branch(c.WhenFalse) : Block.Empty, "")
            : new If(Sym.Not(c.Condition), Branch(c.WhenFalse), Block.Empty, ""));
    }

    private void PropagateMath(MathCall m, Expr adjoint, Expr? value)
    {
        DerivativeRule rule = MathRules.Find(m.Function, m.Args.Count)!;
        var active = Enumerable.Range(0, m.Args.Count)
            .Where(i => rule.Partials[i] is not null && _context.Activity.HasActiveReads(m.Args[i]))
            .ToList();
        if (active.Count == 0)
        {
            return;
        }
        Expr result = value ?? (rule.UsesResult ? (_computed.TryGetValue(m, out Var? known) ? known : Temporary("_y", m)) : m);
        var context = new RuleContext(m, result);
        Expr shared = active.Count > 1 ? Shared(adjoint) : adjoint;
        foreach (int i in active)
        {
            Propagate(m.Args[i], Sym.Mul(shared, rule.Partials[i]!(context)));
        }
    }

    /// <summary>
    /// Calls the callee's pullback, which adds dResult·∂callee/∂argument into one adjoint per differentiable argument.
    /// A differentiable object's adjoint that is still null is zero: then there is nothing to propagate.
    /// </summary>
    private void PropagateCall(DiffCall call, Expr adjoint, Expr? value, Var? valueSink)
    {
        // A zero seed contributes nothing: skip the pullback, so that a call whose value no path to the result reads
        // (an element nobody reads) adds 0, not 0·∞ = NaN where its local derivative is infinite. A skipped call of a
        // deferred sum must still run, for the value its pullback returns.
        bool skipsZeroSeed = call.Type.IsFloating && valueSink is null;
        if (skipsZeroSeed)
        {
            adjoint = Shared(adjoint);
        }
        var statements = call.Type.IsObject || skipsZeroSeed ? new List<Stmt>() : _code;
        var step = new ExpressionPullback(_context, statements);
        var afterwards = new List<(Expr Argument, Var Adjoint)>();
        List<(Expr Adjoint, PassedBy Kind)> adjoints = step.ArgumentAdjoints(call, afterwards);
        var args = call.Args.ToList();
        if (call.Callee.TakesResult)
        {
            args.Add(value ?? call);
        }
        args.Add(Sym.To(adjoint, call.Callee.ReturnType));
        var kinds = args.Select(_ => PassedBy.Value).Concat(adjoints.Select(a => a.Kind));
        var pullback = new DerivativeCall(call.Callee, EquatableArray.Of(Mode.Reverse), args.Concat(adjoints.Select(a => a.Adjoint)).ToEquatableArray(),
            kinds.ToEquatableArray(), call.Callee.IsRule ? Calls.Void : call.Type);
        statements.Add(valueSink is null ? new Evaluate(pullback, "") : Accumulation.Into(valueSink, pullback));
        foreach ((Var array, TypeRef element) in step._scratch)
        {
            statements.Add(new Evaluate(Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Return", Calls.Void, array), ""));
        }
        foreach ((Expr argument, Var temp) in afterwards)
        {
            step.Propagate(argument, temp);
        }
        if (call.Type.IsObject)
        {
            _code.Add(new If(NotNull(adjoint), Block.Of(statements), Block.Empty, ""));
        }
        else if (skipsZeroSeed)
        {
            _code.Add(new If(NotZero(adjoint), Block.Of(statements), Block.Empty, ""));
        }
    }

    /// <summary>
    /// The adjoints a callee's pullback adds into, one per differentiable argument: a buffer's or object's own adjoint
    /// (scratch when it is inactive), an active scalar variable's adjoint by ref, or a zeroed temporary whose total is
    /// propagated into the argument afterwards.
    /// </summary>
    private List<(Expr Adjoint, PassedBy Kind)> ArgumentAdjoints(DiffCall call, List<(Expr Argument, Var Adjoint)> afterwards)
    {
        var adjoints = new List<(Expr Adjoint, PassedBy Kind)>();
        for (int i = 0; i < call.Args.Count; i++)
        {
            if (!call.Callee.Differentiable[i])
            {
                continue;
            }
            Expr argument = call.Args[i];
            if (argument.Type.IsBuffer)
            {
                adjoints.Add((BufferAdjoint(argument), PassedBy.Value));
            }
            else if (argument.Type.IsObject)
            {
                adjoints.Add((ObjectAdjoint(argument, call.Callee.IsRule), PassedBy.Value));
            }
            else if (argument is Var v && _context.Activity.IsActive(v.Name))
            {
                adjoints.Add((_context.Adjoint(v.Name), PassedBy.Ref));
            }
            else
            {
                var temp = new Var(_context.Names.Numbered("_g"), argument.Type);
                _code.Add(new Declare(temp.Name, temp.Type, Literals.Zero(temp.Type)));
                adjoints.Add((temp, PassedBy.Ref));
                afterwards.Add((argument, temp));
            }
        }
        return adjoints;
    }

    /// <summary>
    /// The adjoint to pass for a differentiable object argument: the argument's own adjoint, created on first use;
    /// for an inactive argument, null to a rule (it skips that adjoint) or a scratch zero value to a generated pullback.
    /// </summary>
    private Expr ObjectAdjoint(Expr argument, bool isRule)
    {
        if (argument is Var v && _context.Activity.IsActive(v.Name))
        {
            _code.AddRange(EnsureAdjoint(v, out Var adjoint));
            return adjoint;
        }
        if (argument is ElementRead { Array: Var buffer } element && _context.Activity.IsActive(buffer.Name))
        {
            // An element of an array parameter of objects: the caller supplied every element's adjoint.
            return new ElementRead(_context.Adjoint(buffer.Name), element.Indices, element.Type);
        }
        if (_context.Activity.HasActiveReads(argument))
        {
            throw new System.InvalidOperationException("An active differentiable object must be a variable here; the lowering hoists calls into temporaries.");
        }
        return isRule ? new Literal("null!", null, argument.Type) : ZerosLike(argument);
    }

    /// <summary>A zero adjoint of <paramref name="value"/>'s shape, from the method's pool for its type (reused across calls).</summary>
    private Expr ZerosLike(Expr value) => Calls.Method(new Var(_context.Pool(value.Type), Calls.Void), "ZerosLike", value.Type, value);

    /// <summary>The adjoint variable of an active object, allocated (zeros of its shape) if it is still null.</summary>
    private IEnumerable<Stmt> EnsureAdjoint(Var variable, out Var adjoint)
    {
        adjoint = _context.Adjoint(variable.Name);
        if (_context.IsParameterAdjoint(adjoint))
        {
            return Enumerable.Empty<Stmt>();
        }
        var create = new Assign(adjoint.Name, ZerosLike(variable), "");
        return new[] { new If(new Binary(BinaryOp.Equal, adjoint, Literals.Null(adjoint.Type), TypeRef.Bool), Block.Of(create), Block.Empty, "") };
    }

    /// <summary>
    /// The adjoint buffer to pass for a buffer argument: the argument's own adjoint (or the matching slice of it), or a
    /// scratch buffer when the argument is not active.
    /// </summary>
    private Expr BufferAdjoint(Expr argument)
    {
        switch (argument)
        {
            case Var v when _context.Activity.IsActive(v.Name):
                return _context.Adjoint(v.Name);
            case Slice { Buffer: Var v } slice when _context.Activity.IsActive(v.Name):
                Var adjoint = _context.Adjoint(v.Name);
                return slice.Start is null && slice.Length is null ? adjoint : new Slice(adjoint, slice.Start, slice.Length, adjoint.Type);
            default:
                // The callee's pullback writes an adjoint nobody needs: give it a pooled, zeroed scratch buffer.
                return Scratch(argument);
        }
    }

    /// <summary>A pooled, zeroed span of the length of the buffer <paramref name="argument"/>, returned to the pool after the step.</summary>
    private Var Scratch(Expr argument)
    {
        TypeRef element = argument.Type.Element!;
        var arrayType = new TypeRef(element.Name + "[]", ValueKind.Buffer, element);
        var spanType = new TypeRef(element.AdjointSpan(), ValueKind.Buffer, element);
        var array = new Var(_context.Names.Numbered("_scratch"), arrayType);
        Expr length = new MemberRead(argument, "Length", TypeRef.Int);
        _code.Add(new Declare(array.Name, arrayType, Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Rent", arrayType, length)));
        var span = new Var(_context.Names.Numbered("_g"), spanType);
        _code.Add(new Declare(span.Name, spanType, new New(EquatableArray.Of(array, Literals.Zero(TypeRef.Int), length), spanType, Opaque.Generated)));
        _code.Add(new Evaluate(Calls.Method(span, "Clear", Calls.Void), ""));
        _scratch.Add((array, element));
        return span;
    }

    /// <summary>An adjoint used more than once is computed once into a temporary.</summary>
    private Expr Shared(Expr adjoint) => adjoint is Var or Literal ? adjoint : Temporary("_a", adjoint);

    private Var Temporary(string prefix, Expr value)
    {
        value = Reuse(value);
        var temp = new Var(_context.Names.Numbered(prefix), value.Type);
        _code.Add(new Declare(temp.Name, value.Type, value));
        if (value is MathCall)
        {
            _computed[value] = temp;
        }
        return temp;
    }

    /// <summary><paramref name="e"/> with each math call this step already computed replaced by its temporary.</summary>
    private Expr Reuse(Expr e) => ExprVisitor.Replace(e, _computed);

    private static Expr NotZero(Expr e) => new Binary(BinaryOp.NotEqual, e, Literals.Zero(e.Type), TypeRef.Bool);

    private static Expr NotNull(Expr e) => new Binary(BinaryOp.NotEqual, e, Literals.Null(e.Type), TypeRef.Bool);

    private static string MathClass(TypeRef type) => type.Name == "float" ? "global::System.MathF" : "global::System.Math";
}
