using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace SourceAD.Graphs;

/// <summary>
/// Records a <see cref="ComputationGraph"/> while a method runs: one call per node, made by generated code (a
/// <c>[Differentiable]</c> method <c>F</c> gets an <c>FGraph</c>) or by hand. Each call returns the new node's handle,
/// an <see cref="int"/> that later calls pass as an input. No reflection, no per-node allocation beyond the node itself.
/// </summary>
/// <remarks>
/// <para>Order of calls: <see cref="Input"/> and <see cref="Constant"/> for the parameters, then
/// <see cref="Operation(string, string, GraphValue, ReadOnlySpan{ValueTuple{int, GraphValue}}, LocalOperation?, string?, string?)"/>
/// for each operation in evaluation order (an input's handle must exist before it is read, so edges always point from
/// an earlier node to a later one), with <c>Begin…</c>/<c>End…</c> around calls, loops, iterations and branches; after the
/// reverse sweep, <see cref="SetAdjoint"/> for each node; then <see cref="Build"/>.</para>
/// <para>Loops are unrolled up to <see cref="IterationLimit"/> iterations. Later iterations are not drawn: their
/// operations return handles that stand for the loop's one summary node, which says how many iterations it stands for;
/// their values still reach the edges that leave the loop, and a NaN among them is still located.</para>
/// </remarks>
public sealed partial class GraphBuilder
{
    /// <summary>How many iterations of each loop are drawn when no limit is given.</summary>
    public const int DefaultIterationLimit = 8;

    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphEdge> _edges = [];
    private readonly List<GraphCluster> _clusters = [];
    private readonly List<HiddenValue> _hidden = [];
    private readonly HashSet<(int From, int Summary)> _summaryInputs = [];
    private readonly List<Recorded> _tape = [];
    private readonly Stack<Scope> _scopes = new();
    private int _summary = -1;
    private int _hiddenIteration;
    private bool _built;

    /// <summary>Starts an empty graph.</summary>
    /// <param name="name">The name of the result, used in adjoint labels (∂J/∂u); typically the method's name.</param>
    /// <param name="iterationLimit">How many iterations of each loop to draw; at least 1.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterationLimit"/> is less than 1.</exception>
    public GraphBuilder(string name, int iterationLimit = DefaultIterationLimit)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (iterationLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterationLimit), iterationLimit, "Expected an iteration limit of at least 1.");
        }
        Name = name;
        IterationLimit = iterationLimit;
    }

    /// <summary>The name of the result.</summary>
    public string Name { get; }

    /// <summary>How many iterations of each loop are drawn.</summary>
    public int IterationLimit { get; }

    /// <summary>Adds a differentiable parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The node's handle.</returns>
    public int Input(string name, GraphValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Add(GraphNodeKind.Input, name, "input", name, value, [], null, null);
    }

    /// <summary>Adds a constant: a <c>[NoDiff]</c> parameter, a literal initialisation (<c>s = 0</c>), a non-differentiable value. No derivative flows into it.</summary>
    /// <param name="source">The parameter's name or the source text.</param>
    /// <param name="value">Its value.</param>
    /// <param name="variable">The variable it is; by default the name itself, or the variable assigned by <paramref name="source"/>.</param>
    /// <returns>The node's handle.</returns>
    public int Constant(string source, GraphValue value, string? variable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        return Add(GraphNodeKind.Constant, source, "constant", variable ?? AssignedVariable(source) ?? (Identifier().IsMatch(source) ? source : null), value, [], null, null);
    }

    /// <summary>Adds an operation whose local derivatives are known: one node per assignment or subexpression.</summary>
    /// <param name="source">The C# source text, e.g. <c>u = b * c</c> or <c>return 3 * v</c>.</param>
    /// <param name="operation">The operator or function, e.g. <c>*</c>, <c>Math.Exp</c>, <c>Softplus</c>.</param>
    /// <param name="value">The value it computed.</param>
    /// <param name="inputs">Each input node read, with ∂node/∂input (<see cref="GraphValue.None"/> when not a scalar), in the order <paramref name="evaluate"/> reads them.</param>
    /// <param name="evaluate">Re-evaluates the operation from its input values, for <see cref="ComputationGraph.CheckDerivatives"/>; optional.</param>
    /// <param name="variable">The variable assigned; by default read from <paramref name="source"/> (<c>u</c> in <c>u = b * c</c>, <c>s</c> in <c>s += x</c>).</param>
    /// <param name="rule">The <c>[DerivativeOf]</c> pullback that gave the local derivatives, if any, named in derivative reports.</param>
    /// <returns>The node's handle.</returns>
    /// <exception cref="ArgumentException">A text is null or empty, or an input is not a handle this builder returned.</exception>
    /// <exception cref="InvalidOperationException">The graph was already built.</exception>
    [OverloadResolutionPriority(1)]
    public int Operation(string source, string operation, GraphValue value, ReadOnlySpan<(int Node, GraphValue LocalDerivative)> inputs,
        LocalOperation? evaluate = null, string? variable = null, string? rule = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        return Add(GraphNodeKind.Operation, source, operation, variable ?? AssignedVariable(source), value, inputs, evaluate, rule);
    }

    /// <summary>Adds an operation whose local derivatives are not scalars (tensor operations): edges carry values only.</summary>
    /// <param name="source">The C# source text, e.g. <c>hidden = Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1)</c>.</param>
    /// <param name="operation">The operator or function, e.g. <c>Tensor.MatMul</c>.</param>
    /// <param name="value">The value it computed (a tensor converts to its summary).</param>
    /// <param name="inputs">The input nodes read.</param>
    /// <param name="variable">The variable assigned; by default read from <paramref name="source"/>.</param>
    /// <param name="rule">The <c>[DerivativeOf]</c> pullback of the operation, if any.</param>
    /// <returns>The node's handle.</returns>
    /// <exception cref="ArgumentException">A text is null or empty, or an input is not a handle this builder returned.</exception>
    /// <exception cref="InvalidOperationException">The graph was already built.</exception>
    public int Operation(string source, string operation, GraphValue value, ReadOnlySpan<int> inputs, string? variable = null, string? rule = null)
    {
        var pairs = new (int Node, GraphValue LocalDerivative)[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            pairs[i] = (inputs[i], GraphValue.None);
        }
        return Operation(source, operation, value, pairs, evaluate: null, variable, rule);
    }

    /// <summary>Records a node's adjoint, ∂result/∂node, as the reverse sweep computed it (the result's own adjoint is the seed, 1).</summary>
    /// <param name="node">A handle this builder returned.</param>
    /// <param name="adjoint">The adjoint; a <see langword="null"/> tensor adjoint (never needed) is recorded as none.</param>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not a handle this builder returned.</exception>
    /// <exception cref="InvalidOperationException">The graph was already built.</exception>
    public void SetAdjoint(int node, GraphValue adjoint)
    {
        EnsureNotBuilt();
        RequireHandle(node, nameof(node));
        if (node >= 0)
        {
            _nodes[node].Adjoint = adjoint;
        }
        else
        {
            _hidden[~node] = _hidden[~node] with { Adjoint = adjoint };
        }
    }

    /// <summary>Finishes the graph.</summary>
    /// <param name="result">The handle of the node holding the method's result.</param>
    /// <returns>The graph; the builder can no longer be used.</returns>
    /// <exception cref="ArgumentException"><paramref name="result"/> is not a drawn node of this builder.</exception>
    /// <exception cref="InvalidOperationException">A call, loop, iteration or branch is still open, or the graph was already built.</exception>
    public ComputationGraph Build(int result)
    {
        EnsureNotBuilt();
        if (_scopes.Count > 0)
        {
            throw new InvalidOperationException($"Expected every call, loop, iteration and branch to be ended before Build, but a {_scopes.Peek().Kind} is still open.");
        }
        if (result < 0 || result >= _nodes.Count)
        {
            throw new ArgumentException($"Expected the result to be a drawn node of this builder (0 to {_nodes.Count - 1}), but got {result}.", nameof(result));
        }
        _built = true;
        return new ComputationGraph(Name, _nodes, _edges, _clusters, result, LocateFirstNonFinite());
    }

    private int Add(GraphNodeKind kind, string label, string operation, string? variable, GraphValue value,
        ReadOnlySpan<(int Node, GraphValue LocalDerivative)> inputs, LocalOperation? evaluate, string? rule)
    {
        EnsureNotBuilt();
        foreach ((int input, _) in inputs)
        {
            RequireHandle(input, nameof(inputs));
        }
        int handle = _summary >= 0 ? AddHidden(label, value, inputs) : AddDrawn(kind, label, operation, variable, value, inputs, evaluate, rule);
        _tape.Add(new Recorded(handle, kind, Handles(inputs), LocalDerivatives(inputs)));
        return handle;
    }

    private int AddDrawn(GraphNodeKind kind, string label, string operation, string? variable, GraphValue value,
        ReadOnlySpan<(int Node, GraphValue LocalDerivative)> inputs, LocalOperation? evaluate, string? rule)
    {
        int id = _nodes.Count;
        var inputNodes = new int[inputs.Length];
        var inputValues = new GraphValue[inputs.Length];
        var inputEdges = new int[inputs.Length];
        int edges = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            inputNodes[i] = DrawnNode(inputs[i].Node);
            inputValues[i] = ValueOf(inputs[i].Node);
            int first = FirstIndexOf(inputs, inputs[i].Node);
            inputEdges[i] = first == i ? edges++ : inputEdges[first];
        }
        _nodes.Add(new GraphNode(id, kind, label, operation, variable, value, CurrentCluster, inputNodes, evaluate, rule)
        {
            InputValues = inputValues,
            InputEdges = inputEdges,
        });
        for (int i = 0; i < inputs.Length; i++)
        {
            if (FirstIndexOf(inputs, inputs[i].Node) == i)
            {
                _edges.Add(new GraphEdge(inputNodes[i], id, inputValues[i], TotalLocalDerivative(inputs, inputs[i].Node)));
            }
        }
        return id;
    }

    private int AddHidden(string label, GraphValue value, ReadOnlySpan<(int Node, GraphValue LocalDerivative)> inputs)
    {
        foreach ((int input, _) in inputs)
        {
            if (input >= 0 && _summaryInputs.Add((input, _summary)))
            {
                _edges.Add(new GraphEdge(input, _summary, _nodes[input].Value, GraphValue.None));
            }
        }
        _hidden.Add(new HiddenValue(label, value, GraphValue.None, _summary, _hiddenIteration, _nodes.Count - 1));
        return ~(_hidden.Count - 1);
    }

    private static int FirstIndexOf(ReadOnlySpan<(int Node, GraphValue LocalDerivative)> inputs, int node)
    {
        int i = 0;
        while (inputs[i].Node != node)
        {
            i++;
        }
        return i;
    }

    /// <summary>The sum of the local derivatives of every read of <paramref name="node"/> (∂(x·x)/∂x = x + x), or none if one of several is not a scalar.</summary>
    private static GraphValue TotalLocalDerivative(ReadOnlySpan<(int Node, GraphValue LocalDerivative)> inputs, int node)
    {
        int first = FirstIndexOf(inputs, node);
        GraphValue total = inputs[first].LocalDerivative;
        for (int i = first + 1; i < inputs.Length; i++)
        {
            if (inputs[i].Node != node)
            {
                continue;
            }
            GraphValue derivative = inputs[i].LocalDerivative;
            if (!total.IsScalar || !derivative.IsScalar)
            {
                return GraphValue.None;
            }
            total = total.Kind == GraphValueKind.Single && derivative.Kind == GraphValueKind.Single
                ? (float)(total.Scalar + derivative.Scalar)
                : total.Scalar + derivative.Scalar;
        }
        return total;
    }

    private int DrawnNode(int handle) => handle >= 0 ? handle : _hidden[~handle].Summary;

    private GraphValue ValueOf(int handle) => handle >= 0 ? _nodes[handle].Value : _hidden[~handle].Value;

    private void RequireHandle(int handle, string parameter)
    {
        if (handle >= _nodes.Count || ~handle >= _hidden.Count)
        {
            throw new ArgumentException($"Expected a node handle returned by this builder, but got {handle}.", parameter);
        }
    }

    private void EnsureNotBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This graph was already built; start a new GraphBuilder for another graph.");
        }
    }

    internal static string? AssignedVariable(string source)
    {
        Match match = Assignment().Match(source);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex(@"^\s*(?:[A-Za-z_][\w.]*(?:<[^>]*>)?(?:\[\])?\??\s+)?(?<name>[A-Za-z_]\w*)\s*[-+*/%]?=(?!=)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();

    /// <summary>
    /// The value, adjoint and place of an operation in an iteration past the unrolling limit: drawn as
    /// <paramref name="Summary"/>, evaluated in iteration <paramref name="Iteration"/>, after drawn node <paramref name="After"/>.
    /// </summary>
    private sealed record HiddenValue(string Source, GraphValue Value, GraphValue Adjoint, int Summary, int Iteration, int After);
}
