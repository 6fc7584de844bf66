using System.Collections.Generic;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// The reverse step of a call to a vector-valued <c>[Differentiable]</c> method, <c>G(x, s, y)</c> with <c>y</c> an
/// <c>[Output]</c> buffer (and perhaps a returned value <c>v</c>): one call to <c>GPullback(x, s, y′, v̄, ȳ, x̄, ref s̄)</c>,
/// which adds Jᵀ·(v̄, ȳ) to the inputs' adjoints. The pullback computes G again into <c>y′</c>, pooled scratch, and
/// leaves <c>y</c> as the caller's sweep needs it; when G may read what its output held (see
/// <see cref="Parsing.OutputReads"/>), <c>y′</c> starts as a copy of that (the sweep has just restored it). That what y held before the call carries no derivative is the soundness check's business
/// (<see cref="Analysis.OutputArguments"/>); the sweep then clears ȳ.
/// </summary>
internal sealed partial class ExpressionPullback
{
    /// <param name="call">The call.</param>
    /// <param name="resultAdjoint">The adjoint of the value it returns, or null when it returns none or that value is inactive.</param>
    public void PropagateOutputCall(DiffCall call, Expr? resultAdjoint)
    {
        var step = new ExpressionPullback(_context, _code);
        var args = new List<Expr>();
        var outputAdjoints = new List<Expr>();
        for (int i = 0; i < call.Args.Count; i++)
        {
            Expr argument = call.Args[i];
            if (!call.Callee.IsOutput(i))
            {
                args.Add(argument);
                continue;
            }
            // Where the pullback writes the outputs it computes again: pooled scratch, holding the old contents if it reads them.
            bool active = argument is Var v && _context.Activity.IsActive(v.Name);
            // (of the adjoint's length, when there is one: reading only the adjoint, the step needs no saved outputs)
            Expr like = active && !call.Callee.ReadsOutputs ? _context.Adjoint(((Var)argument).Name) : argument;
            Var scratch = call.Callee.ParameterTypes[i].Name.EndsWith("[]", System.StringComparison.Ordinal) ? ArrayScratch(like) : step.Scratch(like);
            if (call.Callee.ReadsOutputs)
            {
                _code.Add(new Evaluate(Calls.CopyTo(argument, scratch), ""));
            }
            args.Add(scratch);
            var readOnly = new TypeRef("global::System.ReadOnlySpan<" + argument.Type.Element!.Name + ">", ValueKind.Buffer, argument.Type.Element);
            outputAdjoints.Add(active ? _context.Adjoint(((Var)argument).Name) : Literals.Default(readOnly));
        }
        if (!call.Callee.ReturnType.IsVoid)
        {
            args.Add(resultAdjoint is null ? Literals.Zero(call.Callee.ReturnType) : Sym.To(resultAdjoint, call.Callee.ReturnType));
        }
        args.AddRange(outputAdjoints);
        var afterwards = new List<(Expr Argument, Var Adjoint)>();
        List<(Expr Adjoint, PassedBy Kind)> adjoints = step.ArgumentAdjoints(call, afterwards);
        var kinds = new List<PassedBy>();
        args.ForEach(_ => kinds.Add(PassedBy.Value));
        foreach ((Expr adjoint, PassedBy kind) in adjoints)
        {
            args.Add(adjoint);
            kinds.Add(kind);
        }
        _code.Add(new Evaluate(new DerivativeCall(call.Callee, EquatableArray.Of(Mode.Reverse), args.ToEquatableArray(), kinds.ToEquatableArray(), call.Type)
        {
            Location = call.Location,
        }, ""));
        foreach ((Var array, TypeRef element) in step._scratch)
        {
            _code.Add(new Evaluate(Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Return", Calls.Void, array), ""));
        }
        foreach ((Expr argument, Var temp) in afterwards)
        {
            step.Propagate(argument, temp);
        }
    }

    /// <summary>
    /// An array of the length of <paramref name="like"/> for an output the callee takes as <c>T[]</c> (a pooled array
    /// may be longer): one per call site, allocated on first use and again only when the length changes.
    /// </summary>
    private Var ArrayScratch(Expr like)
    {
        TypeRef element = like.Type.Element!;
        var arrayType = new TypeRef(element.Name + "[]", ValueKind.Buffer, element);
        Var slot = _context.Declare("_outputs", arrayType, new Literal("null!", null, arrayType));
        Expr length = new MemberRead(like, "Length", TypeRef.Int);
        Expr stale = new Binary(BinaryOp.Or, new Binary(BinaryOp.Equal, slot, Literals.Null(arrayType), TypeRef.Bool),
            Sym.Compare(BinaryOp.NotEqual, new MemberRead(slot, "Length", TypeRef.Int), length), TypeRef.Bool);
        _code.Add(new If(stale, Block.Of(new Assign(slot.Name, new NewBuffer(length, StackAlloc: false, arrayType), "")), Block.Empty, ""));
        return slot;
    }
}
