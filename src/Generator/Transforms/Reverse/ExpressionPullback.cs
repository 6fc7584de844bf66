using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Emit;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;
using SourceAD.Generator.Rules;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// The reverse step of one expression: given the adjoint of its value, adds each active variable's share
/// (adjoint × local derivative) to that variable's adjoint, walking the expression tree from the root down.
/// Local derivatives come from the operators and the rule table; calls to [Differentiable] methods go through
/// the callee's generated pullback.
/// </summary>
internal sealed class ExpressionPullback
{
    private readonly SweepContext _context;
    private readonly CodeWriter _code;
    private readonly List<(string Array, TypeRef Element)> _scratch = new();

    /// <param name="context">The method's sweep state.</param>
    /// <param name="code">Where the reverse step is written.</param>
    public ExpressionPullback(SweepContext context, CodeWriter code)
    {
        _context = context;
        _code = code;
    }

    /// <summary>
    /// The reverse step of a call the forward sweep skipped (a deferred sum): as <see cref="Propagate"/>, and the value
    /// the callee's pullback returns is added to <paramref name="valueSink"/>.
    /// </summary>
    public void PropagateSkippedCall(DiffCall call, Expr adjoint, string valueSink) => PropagateCall(call, adjoint, null, valueSink);

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
                _code.Open("if (" + Print(adjoint) + " is not null)");
                _code.Line(EnsureAdjoint(v) + ".Accumulate(" + Print(adjoint) + ");");
                _code.Close();
                break;
            case Var v:
                _code.Line(_context.Adjoint(v.Name) + " += " + Print(Sym.To(adjoint, v.Type)) + ";");
                break;
            case ElementRead { Array: Var buffer, Type.IsObject: true } element:
                _code.Line(_context.Adjoint(buffer.Name) + "[" + Print(element.Indices[0]) + "].Accumulate(" + Print(adjoint) + ");");
                break;
            case ElementRead { Array: Var buffer } element:
                _code.Line(_context.Adjoint(buffer.Name) + "[" + Print(element.Indices[0]) + "] += " + Print(Sym.To(adjoint, element.Type)) + ";");
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
        }
    }

    private void PropagateConditional(Conditional c, Expr adjoint)
    {
        bool whenTrue = _context.Activity.HasActiveReads(c.WhenTrue);
        bool whenFalse = _context.Activity.HasActiveReads(c.WhenFalse);
        string condition = Print(whenTrue ? c.Condition : Sym.Not(c.Condition));
        _code.Open("if (" + condition + ")");
        Propagate(whenTrue ? c.WhenTrue : c.WhenFalse, adjoint);
        _code.Close();
        if (whenTrue && whenFalse)
        {
            _code.Open("else");
            Propagate(c.WhenFalse, adjoint);
            _code.Close();
        }
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
        Expr result = value ?? (rule.UsesResult ? Temporary("_y", m) : m);
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
    private void PropagateCall(DiffCall call, Expr adjoint, Expr? value, string? valueSink)
    {
        bool guarded = call.Type.IsObject;
        if (guarded)
        {
            _code.Open("if (" + Print(adjoint) + " is not null)");
        }
        var refs = new List<string>();
        var afterwards = new List<(Expr Argument, Var Adjoint)>();
        _scratch.Clear();
        for (int i = 0; i < call.Args.Count; i++)
        {
            if (!call.Callee.Differentiable[i])
            {
                continue;
            }
            Expr argument = call.Args[i];
            if (argument.Type.IsBuffer)
            {
                refs.Add(BufferAdjoint(argument));
                continue;
            }
            if (argument.Type.IsObject)
            {
                refs.Add(ObjectAdjoint(argument, call.Callee.IsRule));
                continue;
            }
            if (argument is Var v && _context.Activity.IsActive(v.Name))
            {
                refs.Add("ref " + _context.Adjoint(v.Name));
                continue;
            }
            string temp = _context.Names.Numbered("_g");
            _code.Line(argument.Type.Name + " " + temp + " = " + Literals.Zero(argument.Type).Text + ";");
            refs.Add("ref " + temp);
            afterwards.Add((argument, new Var(temp, argument.Type)));
        }
        IEnumerable<string> primal = call.Args.Select(Print);
        if (call.Callee.TakesResult)
        {
            primal = primal.Concat(new[] { Print(value ?? call) });
        }
        string args = string.Join(", ", primal.Concat(new[] { Print(Sym.To(adjoint, call.Callee.ReturnType)) }).Concat(refs));
        string sink = valueSink is null ? "" : valueSink + " += ";
        _code.Line(sink + call.Callee.Pullback + "(" + args + ");");
        foreach ((string array, TypeRef element) in _scratch)
        {
            _code.Line("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Return(" + array + ");");
        }
        foreach ((Expr argument, Var temp) in afterwards)
        {
            Propagate(argument, temp);
        }
        if (guarded)
        {
            _code.Close();
        }
    }

    /// <summary>
    /// The adjoint to pass for a differentiable object argument: the argument's own adjoint, created on first use;
    /// for an inactive argument, null to a rule (it skips that adjoint) or a scratch zero value to a generated pullback.
    /// </summary>
    private string ObjectAdjoint(Expr argument, bool isRule)
    {
        if (argument is Var v && _context.Activity.IsActive(v.Name))
        {
            return EnsureAdjoint(v);
        }
        if (argument is ElementRead { Array: Var buffer } element && _context.Activity.IsActive(buffer.Name))
        {
            // An element of an array parameter of objects: the caller supplied every element's adjoint.
            return _context.Adjoint(buffer.Name) + "[" + Print(element.Indices[0]) + "]";
        }
        if (_context.Activity.HasActiveReads(argument))
        {
            throw new System.InvalidOperationException("An active differentiable object must be a variable here; the lowering hoists calls into temporaries.");
        }
        return isRule ? "null!" : argument.Type.Name + ".ZerosLike(" + Print(argument) + ")";
    }

    /// <summary>The adjoint variable of an active object, allocated (zeros of its shape) if it is still null.</summary>
    private string EnsureAdjoint(Var variable)
    {
        string adjoint = _context.Adjoint(variable.Name);
        if (!_context.IsParameterAdjoint(adjoint))
        {
            _code.Line(adjoint + " ??= " + variable.Type.Name + ".ZerosLike(" + Print(variable) + ");");
        }
        return adjoint;
    }

    /// <summary>
    /// The adjoint buffer to pass for a buffer argument: the argument's own adjoint (or the matching slice of it), or a
    /// scratch buffer when the argument is not active.
    /// </summary>
    private string BufferAdjoint(Expr argument)
    {
        switch (argument)
        {
            case Var v when _context.Activity.IsActive(v.Name):
                return _context.Adjoint(v.Name);
            case Slice { Buffer: Var v } slice when _context.Activity.IsActive(v.Name):
                string bounds = string.Join(", ", new[] { slice.Start, slice.Length }.Where(b => b is not null).Select(b => Print(b!)));
                return bounds.Length == 0 ? _context.Adjoint(v.Name) : _context.Adjoint(v.Name) + ".Slice(" + bounds + ")";
            default:
                // The callee's pullback writes an adjoint nobody needs: give it a pooled, zeroed scratch buffer.
                TypeRef element = argument.Type.Element!;
                string array = _context.Names.Numbered("_scratch");
                string length = Print(new MemberRead(argument, "Length", TypeRef.Int));
                _code.Line(element.Name + "[] " + array + " = global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Rent(" + length + ");");
                string span = _context.Names.Numbered("_g");
                _code.Line(element.AdjointSpan() + " " + span + " = new " + element.AdjointSpan() + "(" + array + ", 0, " + length + ");");
                _code.Line(span + ".Clear();");
                _scratch.Add((array, element));
                return span;
        }
    }

    /// <summary>An adjoint used more than once is computed once into a temporary.</summary>
    private Expr Shared(Expr adjoint) => adjoint is Var or Literal ? adjoint : Temporary("_a", adjoint);

    private Var Temporary(string prefix, Expr value)
    {
        string name = _context.Names.Numbered(prefix);
        _code.Line(value.Type.Name + " " + name + " = " + Print(value) + ";");
        return new Var(name, value.Type);
    }

    private string Print(Expr e) => _context.PrintReverse(e);

    private static string MathClass(TypeRef type) => type.Name == "float" ? "global::System.MathF" : "global::System.Math";
}
