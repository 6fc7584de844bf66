using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Analysis;

/// <summary>
/// The soundness check for calls to vector-valued <c>[Differentiable]</c> methods, <c>G(x, s, y)</c> with <c>y</c> an
/// <c>[Output]</c>. G's derivatives treat what an output buffer holds before the call as constants (its tangent
/// clears the output's tangent first, its pullback gives the old contents no adjoint), so an element G does not write
/// keeps its value but would lose its derivative. The call is sound when the buffer holds no derivative as the call
/// starts: a forward data-flow analysis over the body follows, from statement to statement, the buffers that may
/// hold a value depending on a differentiable input (an allocation or a loop writing a constant into every element
/// empties them; a varied element write, a call writing them, fills them; branches join, loops iterate to a fixed
/// point) and reports an output argument that may (SAD0022). An output argument must also be a buffer variable of
/// the method, a local or one of its own <c>[Output]</c> parameters, passed once.
/// </summary>
internal sealed class OutputArguments
{
    private readonly VariableFacts _facts;
    private readonly Activity _activity;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly HashSet<LocationInfo?> _reported = new();
    private readonly HashSet<string> _viewed;

    private OutputArguments(VariableFacts facts, Activity activity, List<DiagnosticInfo> diagnostics, Block body)
    {
        _facts = facts;
        _activity = activity;
        _diagnostics = diagnostics;
        _viewed = Viewed(body, facts);
    }

    public static void Check(Block body, VariableFacts facts, Activity activity, List<DiagnosticInfo> diagnostics)
    {
        if (facts.CallsVectorValued)
        {
            new OutputArguments(facts, activity, diagnostics, body).Flow(body, new HashSet<string>());
        }
    }

    /// <summary>
    /// The buffers another buffer variable is made from (a view or alias, <c>v = b.AsSpan(…)</c>): a write through the
    /// view fills them without this analysis seeing it, so it takes them as holding a derivative whenever they vary.
    /// </summary>
    private static HashSet<string> Viewed(Block body, VariableFacts facts)
    {
        var viewed = new HashSet<string>();
        foreach (Stmt statement in Statements.All(body))
        {
            Expr? made = statement switch
            {
                Assign assign when facts.Type(assign.Target).IsBuffer && assign.Value is not NewBuffer => assign.Value,
                Declare { Type.IsBuffer: true, Initial: not NewBuffer } declare => declare.Initial,
                _ => null,
            };
            if (made is not null)
            {
                var reads = new HashSet<string>();
                ExprVisitor.DerivativeReads(made, reads);
                viewed.UnionWith(reads.Where(r => facts.Type(r).IsBuffer));
            }
        }
        return viewed;
    }

    /// <summary>The buffers that may hold a derivative after <paramref name="block"/>, given those that may before it.</summary>
    private HashSet<string> Flow(Block block, HashSet<string> holding)
    {
        for (int index = 0; index < block.Statements.Count; index++)
        {
            switch (block.Statements[index])
            {
                case Assign assign when _facts.Type(assign.Target).IsBuffer:
                    Calls(assign.Value, holding);
                    // A fresh allocation (or stackalloc) holds zeros; a view or alias holds what its buffer holds.
                    if (assign.Value is NewBuffer or Literal || !Carries(assign.Value, holding)) holding.Remove(assign.Target);
                    else holding.Add(assign.Target);
                    break;
                case Assign assign:
                    Calls(assign.Value, holding);
                    break;
                case AssignElement element:
                    Calls(element.Value, holding);
                    if (Carries(element.Value, holding)) holding.Add(element.Target);
                    break;
                case Evaluate evaluate:
                    Calls(evaluate.Value, holding);
                    break;
                case Declare declare:
                    Calls(declare.Initial, holding);
                    break;
                case If branch:
                    HashSet<string> then = Flow(branch.Then, new HashSet<string>(holding));
                    holding = Flow(branch.Else, holding);
                    holding.UnionWith(then);
                    break;
                case Loop loop when ClearedBuffer(block, index, loop, holding) is { } cleared:
                    holding.Remove(cleared);
                    break;
                case Loop loop:
                    // The state at the loop's head: what holds on entry or after any number of iterations.
                    while (true)
                    {
                        HashSet<string> after = Flow(loop.Step, Flow(loop.Body, new HashSet<string>(holding)));
                        if (after.IsSubsetOf(holding)) break;
                        holding.UnionWith(after);
                    }
                    break;
                case Region region:
                    holding = Flow(region.Body, holding);
                    break;
                case Group group:
                    holding = Flow(group.Body, holding);
                    break;
            }
        }
        return holding;
    }

    /// <summary>Checks the calls to vector-valued methods in <paramref name="e"/>, then marks what calls write.</summary>
    private void Calls(Expr e, HashSet<string> holding)
    {
        foreach (DiffCall call in ExprVisitor.Descendants(e).OfType<DiffCall>().Where(c => c.Callee.HasOutputs))
        {
            bool varies = call.Args.Where((_, i) => call.Callee.Differentiable[i]).Any(a => Carries(a, holding));
            for (int i = 0; i < call.Args.Count; i++)
            {
                if (!call.Callee.IsOutput(i))
                {
                    continue;
                }
                if (Problem(call, i, holding) is { } problem)
                {
                    Report(call, i, problem);
                }
                if (varies && call.Args[i] is Var output)
                {
                    holding.Add(output.Name);
                }
            }
        }
        // A nested derivative (GPullback, say) writes its buffer arguments with what it computes from all of them; the
        // outputs of a vector-valued G's derivative are G's outputs, under the same rule as a call of G.
        foreach (DerivativeCall call in ExprVisitor.DerivativeCalls(e))
        {
            foreach (int i in call.Callee.HasOutputs ? Signatures.Outputs(call.Callee, call.Modes.ToList()) : new List<int>())
            {
                if (call.Args[i] is Var output && holding.Contains(output.Name) && _reported.Add(call.Location))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(Descriptors.OutputArgument, call.Location, output.Name, Signatures.Of(call.Callee, call.Modes.ToList())[i].Name,
                        DerivativeNames.Of(call.Callee.Name, call.Modes.ToList()), HoldsDerivative(output.Name, call.Callee.Name)));
                }
            }
            if (call.Args.Any(a => Carries(a, holding)))
            {
                holding.UnionWith(call.Args.OfType<Var>().Where(v => v.Type.IsBuffer).Select(v => v.Name));
            }
        }
    }

    /// <summary>Why the output argument at <paramref name="index"/> cannot be differentiated, or null.</summary>
    private string? Problem(DiffCall call, int index, HashSet<string> holding)
    {
        if (call.Args[index] is not Var output)
        {
            return "it is not a buffer variable: pass a local buffer (or an [Output] parameter of this method) whole, not a slice or an expression";
        }
        if (_facts.IsParameter(output.Name) && !_facts.IsOutput(output.Name))
        {
            return "'" + output.Name + "' is a parameter that is not an [Output]: mark it [Output] if it holds results of this method, or pass a local buffer";
        }
        // (A value read from it, y[0] say, is evaluated before the call; only a buffer argument aliases it.)
        int other = Enumerable.Range(0, call.Args.Count).Where(j => j != index && call.Args[j].Type.IsBuffer && ExprVisitor.Reads(call.Args[j], output.Name)).DefaultIfEmpty(-1).First();
        if (other >= 0)
        {
            return "'" + output.Name + "' is also passed as '" + call.Callee.ParameterNames[other] + "': pass separate buffers";
        }
        return holding.Contains(output.Name) ? HoldsDerivative(output.Name, call.Callee.Name) : null;
    }

    private static string HoldsDerivative(string output, string callee) =>
        "'" + output + "' may hold values that depend on a differentiable input when the call starts, and the derivatives of '" + callee
        + "' take what an output holds before the call as constants: an element it does not write would lose its derivative. Clear the buffer before the call (Array.Clear(b), b.Clear() for a span, or a loop writing 0 into every element), or pass a buffer allocated for it";

    /// <summary>
    /// The buffer a loop clears, if it is <c>for (j = 0; j &lt; b.Length; j++) b[j] = c</c> with c holding no derivative
    /// (a constant, or an element of a buffer that holds none, the copy back of what b held) and the statement before
    /// it starting j at 0: after it, b holds no derivative.
    /// </summary>
    private string? ClearedBuffer(Block block, int index, Loop loop, HashSet<string> holding)
    {
        if (index == 0 || loop.Kind != LoopKind.TestFirst
            || loop.Condition is not Binary { Op: BinaryOp.Less, Left: Var counter, Right: MemberRead { Name: "Length", Receiver: Var buffer } }
            || loop.Body.Statements.Count != 1 || loop.Body.Statements[0] is not AssignElement { Index: Var written } element
            || written.Name != counter.Name || element.Target != buffer.Name || Carries(element.Value, holding) || ExprVisitor.Reads(element.Value, buffer.Name)
            || loop.Step.Statements.Count != 1 || loop.Step.Statements[0] is not Assign { Value: Binary { Op: BinaryOp.Add, Left: Var stepped, Right: Literal { Text: "1" } } } step
            || step.Target != counter.Name || stepped.Name != counter.Name)
        {
            return null;
        }
        bool startsAtZero = block.Statements[index - 1] is Assign { Value: Literal { Text: "0" } } start && start.Target == counter.Name
            || block.Statements[index - 1] is Declare { Initial: Literal { Text: "0" } } declare && declare.Name == counter.Name;
        return startsAtZero ? buffer.Name : null;
    }

    /// <summary>
    /// Whether <paramref name="e"/> may have a derivative here: it reads a varied variable, other than a local buffer
    /// that holds no derivative at this point (one not in <paramref name="holding"/>, and no view's source).
    /// </summary>
    private bool Carries(Expr e, HashSet<string> holding)
    {
        var reads = new HashSet<string>();
        ExprVisitor.DerivativeReads(e, reads);
        return reads.Any(r => _activity.IsVaried(r) && !(_facts.Type(r).IsBuffer && !_facts.IsParameter(r) && !_viewed.Contains(r) && !holding.Contains(r)));
    }

    private void Report(DiffCall call, int index, string problem)
    {
        if (_reported.Add(call.Location))
        {
            string argument = call.Args[index] is Var v ? v.Name : "argument " + (index + 1);
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.OutputArgument, call.Location, argument, call.Callee.ParameterNames[index], call.Source, problem));
        }
    }
}
