using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>The calls generated graph code makes to the runtime's <c>SourceAD.Graphs.GraphBuilder</c>, as IR.</summary>
internal static class GraphApi
{
    public static readonly TypeRef Builder = new("global::SourceAD.Graphs.GraphBuilder", ValueKind.Other, OtherHoldsState: true);

    public static readonly TypeRef Graph = new("global::SourceAD.Graphs.ComputationGraph", ValueKind.Other, OtherHoldsState: true);

    /// <summary>The default of the <c>iterationLimit</c> parameter.</summary>
    public const string DefaultIterationLimit = "global::SourceAD.Graphs.GraphBuilder.DefaultIterationLimit";

    /// <summary>The local derivative of an input the operation is not differentiated with respect to.</summary>
    public static readonly Expr NoDerivative = new MemberRead(null, "global::SourceAD.Graphs.GraphValue.None", new TypeRef("global::SourceAD.Graphs.GraphValue", ValueKind.Other));

    /// <summary><c>graph.Input(name, value)</c>: a differentiable parameter.</summary>
    public static Expr Input(Var graph, string name, Expr value) => Calls.Method(graph, "Input", TypeRef.Int, GraphLabels.String(name), value);

    /// <summary><c>graph.Constant(label, value)</c>: a value no derivative flows into.</summary>
    public static Expr Constant(Var graph, Expr label, Expr value, string? variable) =>
        Calls.Method(graph, "Constant", TypeRef.Int, variable is null ? new[] { label, value } : new[] { label, value, GraphLabels.String(variable) });

    /// <summary><c>graph.Operation(label, operation, value, [(node, ∂/∂node), …], evaluate, variable: …, rule: …)</c>.</summary>
    public static Expr Operation(Var graph, Expr label, string operation, Expr value, IReadOnlyList<(Expr Node, Expr Derivative)> inputs, Expr? evaluate, string? variable, string? rule)
    {
        var args = new List<Expr> { label, GraphLabels.String(operation), value, Inputs(inputs) };
        if (evaluate is not null)
        {
            args.Add(evaluate);
        }
        if (variable is not null)
        {
            args.Add(Named("variable", GraphLabels.String(variable)));
        }
        if (rule is not null)
        {
            args.Add(Named("rule", GraphLabels.String(rule)));
        }
        return Calls.Method(graph, "Operation", TypeRef.Int, args.ToArray());
    }

    /// <summary><c>graph.Method(args)</c> as a statement: <c>BeginCall</c>, <c>EndLoop</c>, <c>Backpropagate</c>, ….</summary>
    public static Stmt Call(Var graph, string method, params Expr[] args) => new Evaluate(Calls.Method(graph, method, Calls.Void, args), "");

    /// <summary><c>out variable</c>, as an argument.</summary>
    public static Expr Out(Var variable) => Text(new[] { "out ", "" }, variable);

    /// <summary>
    /// <c>static x =&gt; body</c>: an operation re-evaluated from its inputs' values, for the node-level derivative
    /// check; not static when <paramref name="body"/> reads values captured for it.
    /// </summary>
    public static Expr Evaluator(Var parameter, Expr body, bool captures) =>
        Text(new[] { (captures ? "" : "static ") + parameter.Name + " => ", "" }, body);

    /// <summary>The collection expression <c>[(node, derivative), …]</c>.</summary>
    private static Expr Inputs(IReadOnlyList<(Expr Node, Expr Derivative)> inputs)
    {
        var segments = new List<string> { "[(" };
        for (int i = 0; i < inputs.Count; i++)
        {
            segments.Add(", ");
            segments.Add(i < inputs.Count - 1 ? "), (" : ")]");
        }
        return inputs.Count == 0 ? Text(new[] { "[]" }) : Text(segments.ToArray(), inputs.SelectMany(i => new[] { i.Node, i.Derivative }).ToArray());
    }

    private static Expr Named(string name, Expr value) => Text(new[] { name + ": ", "" }, value);

    private static Verbatim Text(string[] segments, params Expr[] holes) =>
        new(segments.ToEquatableArray(), holes.ToEquatableArray(), new TypeRef("", ValueKind.Other), null, "", null);
}
