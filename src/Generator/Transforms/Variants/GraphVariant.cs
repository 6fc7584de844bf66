using System;
using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>
/// The computational graph of a method: <c>FGraph(args…, iterationLimit)</c> returns the <c>ComputationGraph</c> of
/// <c>F</c> at that point, and the recorder overload <c>FGraph(graph, args…, nodes…, out resultNode)</c> records F's
/// operations into a builder, so a caller's graph draws a call to F as a subgraph. <c>FGraph</c> creates a builder,
/// adds each floating-point parameter (an input if differentiable, else a constant), records, runs the reverse sweep
/// over the recorded nodes (<c>GraphBuilder.Backpropagate</c>) and builds. Both are separate methods in a file of
/// their own, so a method that never asks for its graph pays nothing for it at run time.
/// A graph draws <c>double</c> and <c>float</c> values: for a method with a buffer or tensor among its differentiable
/// values, one read member by member (structs, records, classes, collections, an instance method: Model/Aggregates.cs)
/// or a generic one, what is not generated is reported with SAD0020 (and a recorder whose method's body cannot be shown draws
/// each call as one node, so callers still get theirs).
/// </summary>
internal static class GraphVariant
{
    public const string Suffix = "Graph";

    /// <summary>The hint name of the graph's file: the method's, <c>….g.cs</c> → <c>….graph.g.cs</c> (listed after it).</summary>
    public static string HintName(string methodHintName) =>
        (methodHintName.EndsWith(".g.cs", StringComparison.Ordinal) ? methodHintName.Substring(0, methodHintName.Length - ".g.cs".Length) : methodHintName) + ".graph.g.cs";

    /// <summary>The name of the graph methods of <paramref name="callee"/>, with its type arguments if it has any.</summary>
    public static string RecorderName(Callee callee) =>
        callee.CallName.StartsWith(callee.Name, StringComparison.Ordinal) ? callee.Name + Suffix + callee.CallName.Substring(callee.Name.Length) : callee.Name + Suffix;

    /// <summary>Why a call to <paramref name="callee"/> cannot be drawn, or null when it can.</summary>
    public static string? SignatureProblem(Callee callee) =>
        callee.GraphOff ? "'" + callee.Name + "' leaves out its graph ([Differentiable(Variants = …)] without DerivativeVariants.Graph)"
        : !callee.IsRule && callee.CallName.Length > callee.Name.Length && callee.CallName[callee.Name.Length] == '<'
            ? "'" + callee.Name + "' is generic, and SourceAD draws no graph of a generic method"
            : SignatureProblem(callee.ReturnType, callee.ParameterNames.Select((name, i) => (name, callee.ParameterTypes[i], callee.Differentiable[i], callee.IsOutput(i))));

    /// <summary>The graph methods of <paramref name="method"/>; what cannot be generated is reported with SAD0020, an unexpected failure with SAD9999.</summary>
    public static IReadOnlyList<FunctionModel> Of(MethodModel method, List<DiagnosticInfo> diagnostics)
    {
        string name = method.Name + Suffix;
        try
        {
            string? problem = method.IsFlat
                ? "SourceAD draws the graphs of methods whose values are 'double' and 'float' parameters, and this one reads structs, records, classes, collections or its instance member by member (or returns a struct)"
                : method.TypeParameters.Length > 0
                ? "SourceAD draws the graphs of methods over 'double' and 'float', and this one is generic over floating-point generic math"
                : SignatureProblem(method.ReturnType, method.Parameters.Select(p => (p.Name, p.Type, p.Differentiable, p.Output)));
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.VariantNotGenerated, method.Location, name, problem));
                return Array.Empty<FunctionModel>();
            }
            return Build(method, name, diagnostics);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.From(exception, method.Location, name));
            return Array.Empty<FunctionModel>();
        }
    }

    private static IReadOnlyList<FunctionModel> Build(MethodModel method, string name, List<DiagnosticInfo> diagnostics)
    {
        var names = new Names(method.Parameters.Select(p => p.Name).Concat(method.Locals.Select(l => l.Name)));
        var lowering = new ControlFlowLowering(names, method.ReturnType);
        Block body = lowering.Lower(method.Body);
        var locals = method.Locals.Concat(lowering.Synthetic).ToList();
        var facts = new VariableFacts(method.Parameters, locals, body);
        var graph = new Var(names.Fresh("graph"), GraphApi.Builder);
        var handles = method.Parameters.Where(p => p.Type.IsFloating).ToDictionary(p => p.Name, p => new Var(names.Fresh(p.Name + "Node"), TypeRef.Int));
        var resultNode = new Var(names.Fresh("resultNode"), TypeRef.Int);
        var iterationLimit = new Var(names.Fresh("iterationLimit"), TypeRef.Int);
        var types = method.Parameters.Select(p => (p.Name, p.Type)).Concat(locals.Select(l => (l.Name, l.Type))).ToDictionary(t => t.Name, t => t.Type);
        var recorder = new GraphRecorder(names, graph, handles, types, lowering.Synthetic.Select(l => l.Name), method.Name, lowering.Result.Name);

        List<Stmt> recording = recorder.Record(body);
        var parameters = new[] { new FunctionParameter(graph.Name, graph.Type, PassedBy.Value, Doc: "the builder the operations are recorded into") }
            .Concat(VariantParts.Originals(method))
            .Concat(method.Parameters.Where(p => p.Type.IsFloating).Select(p => new FunctionParameter(handles[p.Name].Name, TypeRef.Int, PassedBy.Value, Doc: "the node of <c>graph</c> that holds <c>" + p.Name + "</c>")))
            .Append(new FunctionParameter(resultNode.Name, TypeRef.Int, PassedBy.Out, Doc: "receives the node that holds the value"))
            .ToEquatableArray();
        if (recorder.Unsupported is { } unsupported)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.VariantNotGenerated, unsupported.Location ?? method.Location, name + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.Name)) + ")",
                unsupported.Reason + "; a graph that calls " + method.Name + " draws the call as one node"));
            var oneNode = new FunctionModel(name, method.Accessibility, method.ReturnType, parameters, Block.Of(recorder.OneNode(method, resultNode)), EquatableArray.Of(
                "Records <c>" + method.Name + "</c> into <c>graph</c> as one node (its body is not drawn: " + Xml(unsupported.Reason) + "),",
                "with its value and its local derivatives from <c>" + method.PullbackName + "</c>; returns the value and sets <c>" + resultNode.Name + "</c> to the node."));
            return new[] { oneNode };
        }

        var statements = new List<Stmt> { new Comment("Primal variables") };
        statements.AddRange(locals.Select(l => new Declare(l.Name, l.Type, BufferRules.InitialValue(l.Type, BufferRules.IsStackAllocated(facts, l.Name)))));
        statements.AddRange(recording);
        statements.Add(new Assign(resultNode.Name, recorder.Handle(lowering.Result.Name), ""));
        statements.Add(new Return(lowering.Result, ""));
        var record = new FunctionModel(name, method.Accessibility, method.ReturnType, parameters, Block.Of(statements), EquatableArray.Of(
            "Records the operations of <c>" + method.Name + "</c> into <c>graph</c>, one node each, reading each floating-point parameter",
            "from the node given for it; returns the value and sets <c>" + resultNode.Name + "</c> to the node that holds it. A caller's graph calls this to draw a call as a subgraph."));
        return new[] { Public(method, name, graph, handles, resultNode, iterationLimit), record };
    }

    /// <summary><c>FGraph(args…, iterationLimit)</c>: inputs and constants, the recording, the reverse sweep, the graph.</summary>
    private static FunctionModel Public(MethodModel method, string name, Var graph, Dictionary<string, Var> handles, Var resultNode, Var iterationLimit)
    {
        var statements = new List<Stmt>
        {
            new Declare(graph.Name, graph.Type, new New(EquatableArray.Of(GraphLabels.String(method.Name), iterationLimit), graph.Type, Opaque.Generated)),
            new Comment("Inputs: the differentiable parameters; constants: the others, into which no derivative flows"),
        };
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.Type.IsFloating))
        {
            var value = new Var(parameter.Name, parameter.Type);
            Expr node = parameter.Differentiable ? GraphApi.Input(graph, parameter.Name, value) : GraphApi.Constant(graph, GraphLabels.String(parameter.Name), value, null);
            statements.Add(new Declare(handles[parameter.Name].Name, TypeRef.Int, node));
        }
        statements.Add(new Declare(resultNode.Name, TypeRef.Int, Literals.Default(TypeRef.Int)));
        var args = new Expr[] { graph }.Concat(method.Parameters.Select(p => new Var(p.Name, p.Type)))
            .Concat(method.Parameters.Where(p => p.Type.IsFloating).Select(p => handles[p.Name])).Append(GraphApi.Out(resultNode));
        statements.Add(new Evaluate(Calls.Static(name, method.ReturnType, args.ToArray()), ""));
        statements.Add(new Comment("A result computed in a loop iteration past the limit gets a node of its own"));
        statements.Add(new Assign(resultNode.Name, Calls.Method(graph, "Drawn", TypeRef.Int, resultNode, GraphLabels.String(method.Name)), ""));
        statements.Add(new Comment("Adjoints: the reverse sweep over the recorded nodes, from ∂" + method.Name + "/∂" + method.Name + " = 1"));
        statements.Add(GraphApi.Call(graph, "Backpropagate", resultNode));
        statements.Add(new Return(Calls.Method(graph, "Build", GraphApi.Graph, resultNode), ""));
        var parameters = VariantParts.Originals(method)
            .Append(new FunctionParameter(iterationLimit.Name, TypeRef.Int, PassedBy.Value, Doc: "how many iterations of each loop to draw; later ones are summarised in one node", Default: GraphApi.DefaultIterationLimit));
        return new FunctionModel(name, method.Accessibility, GraphApi.Graph, parameters.ToEquatableArray(), Block.Of(statements), EquatableArray.Of(
            "The computational graph of <c>" + method.Name + "</c> at the given point: a node per input and per operation with its",
            "source text and value, edges with each local derivative, and each node's adjoint ∂" + method.Name + "/∂node from the reverse sweep."));
    }

    private static string? SignatureProblem(TypeRef returnType, IEnumerable<(string Name, TypeRef Type, bool Differentiable, bool Output)> parameters)
    {
        var list = parameters.ToList();
        if (list.Any(p => p.Output) || returnType.IsVoid)
        {
            return "it returns its results in [Output] buffers, and a graph is drawn for a method that returns one double or float";
        }
        if (!returnType.IsFloating)
        {
            return "it returns a '" + returnType.Name + "', and a graph is drawn for a method that returns a double or float";
        }
        foreach ((string name, TypeRef type, bool differentiable, _) in list)
        {
            if (differentiable && !type.IsFloating)
            {
                return "its differentiable parameter '" + name + "' is a '" + type.Name + "', and a graph draws double and float values, one node each";
            }
        }
        return null;
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
