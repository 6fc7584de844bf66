using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;
using static SourceAD.Generator.Transforms.Variants.VariantParts;

namespace SourceAD.Generator.Transforms.Aggregates;

/// <summary>
/// The signature layer for a struct result (<see cref="MethodModel.Result"/>): the flat derivative writes the result's
/// leaves (and their tangents) into spans and reads the result's adjoint from one; the wrapper returns the result as a
/// value of its type, takes its adjoint as a value <c>dResult</c> of that type, and gives its tangent as
/// <c>out T resultDot</c>. Jacobian rows are the result's differentiable members in declaration order.
/// </summary>
internal static partial class Reassembly
{
    /// <summary>What the wrapper does with a struct result's spans: the primal's (to return), and the tangent's (to write back).</summary>
    private sealed record ResultParts(List<FunctionParameter> Parameters, List<Stmt> Prologue, List<Stmt> Epilogue, List<Stmt> Cleanup, Names Names)
    {
        public Var? Value { get; set; }
    }

    /// <summary>The flat argument for one of a struct result's spans (<c>result</c>, <c>dresult</c>, <c>resultDot</c>), or null when the parameter is not one.</summary>
    private static Expr? ResultArgument(AggregateParameter result, FunctionParameter parameter, ResultParts parts)
    {
        int adjoints = parameter.Name.TakeWhile(c => c == 'd').Count();
        string rest = parameter.Name.Substring(adjoints);
        int tangents = 0;
        while (rest.EndsWith("Dot", System.StringComparison.Ordinal) && rest != result.Name)
        {
            rest = rest.Substring(0, rest.Length - 3);
            tangents++;
        }
        if (rest != result.Name || adjoints > 1 || tangents > 1 || adjoints + tangents > 1)
        {
            return null;
        }
        var type = new TypeRef(result.Type.Name, ValueKind.Other, OtherHoldsState: true);
        TypeRef scalar = result.Leaves[0].Type;
        Var span = Rent(parts.Names, parameter.Name + "Scratch", scalar, Literals.Number(result.Leaves.Count, TypeRef.Int), parts.Prologue, parts.Cleanup);
        if (adjoints == 1)
        {
            // The result's adjoint: a value of its type, read into the seed span.
            var seed = new Var("dResult", type);
            parts.Parameters.Add(new FunctionParameter(seed.Name, type, PassedBy.Value, true,
                "the adjoint of the result: a <c>" + result.Type.Display + "</c> whose members are the seeds of the result's members"));
            for (int i = 0; i < result.Leaves.Count; i++)
            {
                parts.Prologue.Add(new AssignElement(span.Name, Literals.Number(i, TypeRef.Int), Read(seed, result.Leaves[i]), ""));
            }
            return span;
        }
        Var target;
        if (tangents == 1)
        {
            target = new Var("resultDot", type);
            parts.Parameters.Add(new FunctionParameter(target.Name, type, PassedBy.Out, true,
                "receives the tangent of the result: a <c>" + result.Type.Display + "</c> whose members are the directional derivatives of the result's"));
            parts.Epilogue.Add(new Assign(target.Name, new Literal("default", null, type), ""));
        }
        else
        {
            target = new Var(parts.Names.Fresh("_result"), type);
            parts.Epilogue.Add(new Declare(target.Name, type, new Literal("default", null, type)));
            parts.Value = target;
        }
        for (int i = 0; i < result.Leaves.Count; i++)
        {
            parts.Epilogue.Add(new AssignMember(Target(target, result.Type, result.Leaves[i]), new ElementRead(span, EquatableArray.Of<Expr>(Literals.Number(i, TypeRef.Int)), scalar)));
        }
        return span;
    }
}
