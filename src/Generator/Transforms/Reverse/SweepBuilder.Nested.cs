using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// The sweeps of a statement that calls a derivative of another method (a nested derivative: <c>GPullback</c> or
/// <c>GTangent</c>): forward, the call, after saving what it overwrites that the reverse sweep reads; reverse, its
/// reverse step (<see cref="ExpressionPullback.PropagateNestedCall"/>), then the adjoints of what it overwrote are
/// reset and the overwritten values restored.
/// </summary>
internal sealed partial class SweepBuilder
{
    private Sweeps TransformNestedCall(DerivativeCall call, Var? result, string source, bool inLoop)
    {
        var forward = new List<Stmt>();
        var restores = new List<Stmt>();
        var resets = new List<Stmt>();
        var written = new List<Var>();
        if (result is not null) written.Add(result);
        List<DifferentiandParameter> signature = Signatures.Of(call.Callee, call.Modes.ToList());
        for (int i = 0; i < call.Args.Count; i++)
        {
            if ((call.Kinds[i] is PassedBy.Ref or PassedBy.Out || signature[i].WrittenBuffer) && call.Args[i] is Var v && !written.Contains(v))
            {
                written.Add(v);
            }
        }
        // A vector-valued G's outputs (and, for GTangent, their tangents) are overwritten: their adjoints are cleared.
        foreach (int i in Signatures.Outputs(call.Callee, call.Modes.ToList()))
        {
            if (call.Args[i] is Var output && _context.Activity.IsActive(output.Name))
            {
                resets.Add(new Evaluate(Calls.Method(_context.Adjoint(output.Name), "Clear", Calls.Void), ""));
            }
        }
        foreach (Var target in written)
        {
            if (_saved.Contains(target.Name))
            {
                Save(target, inLoop, forward, restores);
            }
            // An accumulated adjoint (a pullback's ref dx) keeps its adjoint: dx's old value flows into its new one.
            bool accumulated = call.Modes[0] == Mode.Reverse && target != result && !target.Type.IsBuffer;
            if (_context.Activity.IsActive(target.Name) && !accumulated && !target.Type.IsBuffer && _facts.MayBeReadBefore(target.Name))
            {
                resets.Add(new Assign(_context.Adjoint(target.Name).Name, Literals.Zero(target.Type), ""));
            }
        }
        forward.Add(result is null ? new Evaluate(call, source) : new Assign(result.Name, call, source));

        // A G that reads what its outputs held runs again from that in the reverse step: restored first.
        bool restoreFirst = call.Callee.ReadsOutputs;
        var reverse = restoreFirst ? new List<Stmt>(restores) : new List<Stmt>();
        if (_context.Activity.HasActiveReads(call))
        {
            Expr? resultAdjoint = result is not null && _context.Activity.IsActive(result.Name) ? _context.Adjoint(result.Name) : null;
            new ExpressionPullback(_context, reverse).PropagateNestedCall(call, resultAdjoint);
        }
        reverse.AddRange(resets);
        if (!restoreFirst)
        {
            reverse.AddRange(restores);
        }
        return new Sweeps(Block.Of(forward), reverse.Count == 0 ? Block.Empty : Block.Of(new Group(source, Block.Of(reverse))));
    }

    /// <summary>
    /// Saves a variable the call overwrites and adds its restore: a scalar to a local or (in a loop) the stack; a buffer
    /// element by element to the stack, restored in the opposite order. The restore goes before those of variables
    /// saved earlier: what went on the stack last comes off first.
    /// </summary>
    private void Save(Var target, bool inLoop, List<Stmt> forward, List<Stmt> restores)
    {
        var restore = new List<Stmt>();
        SaveInto(target, inLoop, forward, restore);
        restores.InsertRange(0, restore);
    }

    private void SaveInto(Var target, bool inLoop, List<Stmt> forward, List<Stmt> restores)
    {
        if (!target.Type.IsBuffer)
        {
            if (inLoop)
            {
                string stack = _context.Stack(target.Type);
                forward.Add(new Push(stack, target));
                restores.Add(new Assign(target.Name, new Pop(stack, target.Type), ""));
            }
            else
            {
                Var slot = _context.Declare("_saved", target.Type);
                forward.Add(new Assign(slot.Name, target, ""));
                restores.Add(new Assign(target.Name, slot, ""));
            }
            return;
        }
        TypeRef element = target.Type.Element!;
        string elements = _context.Stack(element);
        var index = new Var(_context.Names.Numbered("_element"), TypeRef.Int);
        var length = new MemberRead(target, "Length", TypeRef.Int);
        var read = new ElementRead(target, EquatableArray.Of<Expr>(index), element);
        forward.Add(new Declare(index.Name, TypeRef.Int, Literals.Zero(TypeRef.Int)));
        forward.Add(new Loop(-1, LoopKind.TestFirst, Sym.Compare(BinaryOp.Less, index, length), Block.Of(new Push(elements, read)),
            Block.Of(Accumulation.Into(index, Literals.One(TypeRef.Int))), ""));
        var back = new Var(_context.Names.Numbered("_element"), TypeRef.Int);
        restores.Add(new Declare(back.Name, TypeRef.Int, Sym.Sub(length, Literals.One(TypeRef.Int))));
        restores.Add(new Loop(-1, LoopKind.TestFirst, Sym.Compare(BinaryOp.GreaterOrEqual, back, Literals.Zero(TypeRef.Int)),
            Block.Of(new AssignElement(target.Name, back, new Pop(elements, element), "")),
            Block.Of(Accumulation.Into(back, Sym.Neg(Literals.One(TypeRef.Int)))), ""));
    }
}
