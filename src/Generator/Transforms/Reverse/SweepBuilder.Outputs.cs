using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// The sweeps of a call to a vector-valued <c>[Differentiable]</c> method (<c>G(x, s, y)</c> with <c>y</c> an
/// <c>[Output]</c>, or <c>v = G(…)</c> when it also returns a value): forward, the call, after saving what it
/// overwrites that the reverse sweep reads; reverse, the overwritten values restored, then its reverse step
/// (<see cref="ExpressionPullback.PropagateOutputCall"/>), then the adjoints of what it overwrote reset: ȳ is cleared,
/// because what y held before the call carries no derivative (the soundness check makes sure of it).
/// </summary>
internal sealed partial class SweepBuilder
{
    private Sweeps TransformOutputCall(DiffCall call, Var? result, string source, bool inLoop)
    {
        var forward = new List<Stmt>();
        var restores = new List<Stmt>();
        var resets = new List<Stmt>();
        var outputs = call.Args.Where((_, i) => call.Callee.IsOutput(i)).OfType<Var>().Distinct().ToList();
        foreach (Var output in outputs)
        {
            if (_saved.Contains(output.Name))
            {
                Save(output, inLoop, forward, restores);
            }
            if (_context.Activity.IsActive(output.Name))
            {
                resets.Add(new Evaluate(Calls.Method(_context.Adjoint(output.Name), "Clear", Calls.Void), ""));
            }
        }
        Expr? resultAdjoint = null;
        if (result is not null)
        {
            if (_saved.Contains(result.Name))
            {
                Save(result, inLoop, forward, restores);
            }
            if (_context.Activity.IsActive(result.Name))
            {
                resultAdjoint = _context.Adjoint(result.Name);
                if (_facts.MayBeReadBefore(result.Name))
                {
                    resets.Add(new Assign(_context.Adjoint(result.Name).Name, Literals.Zero(result.Type), ""));
                }
            }
        }
        forward.Add(result is null ? new Evaluate(call, source) : new Assign(result.Name, call, source));

        var reverse = new List<Stmt>(restores);
        if (_context.Activity.HasActiveReads(call) && (resultAdjoint is not null || outputs.Any(o => _context.Activity.IsActive(o.Name))))
        {
            new ExpressionPullback(_context, reverse).PropagateOutputCall(call, resultAdjoint);
        }
        reverse.AddRange(resets);
        return new Sweeps(Block.Of(forward), reverse.Count == 0 ? Block.Empty : Block.Of(new Group(source, Block.Of(reverse))));
    }
}
