using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Aggregates;

/// <summary>
/// The flat method itself (Model/Aggregates.cs): the user's body over the flat parameters, for the derivatives that
/// call the primal (a Jacobian with no inputs, a call whose arguments carry no derivative).
/// </summary>
internal static class FlatPrimal
{
    public static FunctionModel Build(MethodModel flat)
    {
        var names = new Names(flat.Parameters.Select(p => p.Name).Concat(flat.Locals.Select(l => l.Name)).Concat(Statements.Targets(flat.Body)));
        var lowering = new ControlFlowLowering(names, flat.ReturnType);
        Block body = lowering.Lower(flat.Body);
        var locals = flat.Locals.Concat(lowering.Synthetic).ToList();
        var facts = new VariableFacts(flat.Parameters, locals, body);
        var statements = locals.Select(l => (Stmt)new Declare(l.Name, l.Type, BufferRules.InitialValue(l.Type, BufferRules.IsStackAllocated(facts, l.Name))))
            .Concat(body.Statements)
            .Append(new Return(flat.ReturnType.IsVoid ? null : lowering.Result, ""));
        var parameters = flat.Parameters.Select(p => new FunctionParameter(p.Name, p.Type, p.Modifier == "in" ? PassedBy.In : PassedBy.Value, p.Differentiable, ParameterDocs.Input(flat.Name, p), Written: p.Output));
        var summary = new[] { "<c>" + flat.Name.Substring(0, flat.Name.Length - MethodModel.Flat.Length) + "</c> over its differentiable members as separate parameters (the form its derivatives are built on)." };
        return new FunctionModel(flat.Name, flat.Accessibility, flat.ReturnType, parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray()) { Hidden = true };
    }
}
