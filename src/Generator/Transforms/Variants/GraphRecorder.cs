using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>
/// Turns a lowered body into the body of its graph recorder, IR to IR: the method's own computation, statement by
/// statement, with each <c>double</c>/<c>float</c> operation also recorded as a node of a <c>GraphBuilder</c> (its
/// source text, its value, and the node and local derivative of each input it reads). Every floating-point variable
/// has a node handle beside it (an <c>int</c>) that names the node holding its current value. The side of an
/// <c>if</c> or <c>?:</c> that runs is recorded inside a branch, each iteration of a loop inside an iteration, and a
/// call to another <c>[Differentiable]</c> method calls that method's recorder inside a call, so the callee's nodes
/// become a collapsible subgraph. Integers, conditions and anything else that is not a floating-point value run as
/// the method wrote them. Constructs the graph cannot show are collected in <see cref="Unsupported"/>.
/// </summary>
internal sealed partial class GraphRecorder
{
    private readonly Names _names;
    private readonly Var _graph;
    private readonly GraphLabels _labels;
    private readonly Dictionary<string, Var> _handles;
    private readonly Dictionary<string, TypeRef> _types;
    private readonly HashSet<string> _synthetic;
    private readonly string _method;
    private readonly string _result;
    private readonly List<Stmt> _declarations = new();
    private Var? _evaluatorParameter;
    private int _recorded;

    /// <param name="names">The recorder's names (the method's and its parameters' taken).</param>
    /// <param name="graph">The builder parameter.</param>
    /// <param name="handles">The node handle of each floating-point parameter (parameters of the recorder).</param>
    /// <param name="types">The type of every parameter and local, the lowering's included.</param>
    /// <param name="synthetic">The locals the lowering introduced: temporaries, flags, the result.</param>
    /// <param name="method">The method's name, the variable its result is shown as.</param>
    /// <param name="result">The variable every <c>return</c> assigns.</param>
    public GraphRecorder(Names names, Var graph, IReadOnlyDictionary<string, Var> handles, IReadOnlyDictionary<string, TypeRef> types,
        IEnumerable<string> synthetic, string method, string result)
    {
        _names = names;
        _graph = graph;
        _labels = new GraphLabels();
        _handles = handles.ToDictionary(h => h.Key, h => h.Value);
        _types = types.ToDictionary(t => t.Key, t => t.Value);
        _synthetic = new HashSet<string>(synthetic);
        _method = method;
        _result = result;
        foreach (KeyValuePair<string, TypeRef> local in types.Where(t => t.Value.IsFloating && !_handles.ContainsKey(t.Key)).OrderBy(t => t.Key, System.StringComparer.Ordinal))
        {
            var handle = new Var(_names.Fresh(local.Key + "Node"), TypeRef.Int);
            _handles[local.Key] = handle;
            _declarations.Add(new Declare(handle.Name, TypeRef.Int, Literals.Default(TypeRef.Int)));
        }
    }

    /// <summary>What the graph cannot show, with where it is: the first such construct, or null.</summary>
    public (string Reason, LocationInfo? Location)? Unsupported { get; private set; }

    /// <summary>The node handle of a floating-point variable.</summary>
    public Var Handle(string variable) => _handles[variable];

    /// <summary>The recording body: the handles' declarations, then the statements.</summary>
    public List<Stmt> Record(Block body)
    {
        var statements = new List<Stmt>();
        Record(body, statements);
        var all = new List<Stmt>();
        if (_declarations.Count > 0)
        {
            all.Add(new Comment("Node handles: the node that holds each floating-point variable's current value"));
            all.AddRange(_declarations);
        }
        all.Add(new Comment(""));
        all.Add(new Comment("── Values forward, one node per operation ──"));
        all.AddRange(statements);
        return all;
    }

    /// <summary>
    /// The recording of a method whose body the graph cannot show: the whole call as one node, its value from the
    /// method, its local derivatives from the method's pullback called with seed 1.
    /// </summary>
    public List<Stmt> OneNode(MethodModel method, Var resultNode)
    {
        var into = new List<Stmt> { new Comment("The body is not drawn: the call is one node, its local derivatives from the pullback") };
        var args = method.Parameters.Select(p => (Expr)new Var(p.Name, p.Type)).ToArray();
        Expr call = Calls.Static(method.Name, method.ReturnType, args);
        Var value = Declared("_v", method.ReturnType, call, into);
        var pullbackArgs = args.Append(Literals.One(method.ReturnType)).ToList();
        var kinds = method.Parameters.Select(p => p.Modifier == "in" ? PassedBy.In : PassedBy.Value).Append(PassedBy.Value).ToList();
        var inputs = new List<Input>();
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.Type.IsFloating))
        {
            Expr derivative = GraphApi.NoDerivative;
            if (parameter.Differentiable)
            {
                Var adjoint = Declared("_d", parameter.Type, Literals.Zero(parameter.Type), into);
                derivative = adjoint;
            }
            inputs.Add(new Input(new Recorded(new Var(parameter.Name, parameter.Type), _handles[parameter.Name]), derivative));
        }
        pullbackArgs.AddRange(inputs.Select(i => i.Derivative).OfType<Var>());
        kinds.AddRange(inputs.Select(i => i.Derivative).OfType<Var>().Select(_ => PassedBy.Ref));
        into.Add(new Evaluate(new DerivativeCall(BackwardBuilder.Self(method), EquatableArray.Of(Mode.Reverse), pullbackArgs.ToEquatableArray(), kinds.ToEquatableArray(), method.ReturnType), ""));
        Expr label = GraphLabels.String(method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.Name)) + ")");
        Emit(call, call, value, inputs, new Root(value, resultNode, label, _method), into, method.Name, rule: null);
        into.Add(new Return(value, ""));
        return into;
    }

    private void Record(Block block, List<Stmt> into)
    {
        foreach (Stmt statement in block.Statements)
        {
            Record(statement, into);
        }
    }

    private void Record(Stmt statement, List<Stmt> into)
    {
        if (Statements.Expressions(Block.Of(statement)).SelectMany(e => ExprVisitor.DerivativeCalls(e.Expression)).FirstOrDefault() is { } nested)
        {
            Fail("it calls a derivative of '" + nested.Callee.Name + "' (a nested derivative), whose operations the graph does not draw", nested.Location);
            into.Add(statement);
            return;
        }
        switch (statement)
        {
            case Assign assign when _types.TryGetValue(assign.Target, out TypeRef? type) && type.IsFloating:
                RecordAssign(assign, type, into);
                break;
            case Assign assign when assign.Value.Type.IsObject:
                Fail("it computes the object '" + assign.Target + "' (the graph draws double and float values, one node each)", assign.Location);
                into.Add(statement);
                break;
            case AssignElement element when element.Value.Type.IsFloating || element.Value.Type.IsObject:
                Fail("it writes elements of the buffer '" + element.Target + "' (the graph draws double and float values, one node each)", element.Location);
                into.Add(statement);
                break;
            case Evaluate { Value: DiffCall call }:
                if (GraphVariant.SignatureProblem(call.Callee) is string problem)
                {
                    Fail("it calls '" + call.Callee.Name + "', whose graph is not drawn: " + problem, call.Location);
                }
                into.Add(statement);
                break;
            case If branch:
                RecordIf(branch, into);
                break;
            case Loop loop:
                RecordLoop(loop, into);
                break;
            default:
                into.Add(statement);
                break;
        }
    }

    /// <summary><c>v = e</c>: e's operations as nodes, the last one labelled with the statement; a copy <c>v = w</c> makes v's handle w's.</summary>
    private void RecordAssign(Assign assign, TypeRef type, List<Stmt> into)
    {
        var target = new Var(assign.Target, type);
        Var handle = _handles[assign.Target];
        bool synthetic = _synthetic.Contains(assign.Target) && assign.Target != _result;
        if (synthetic && assign.Value is DiffCall hoisted)
        {
            _labels.Hoisted(assign.Target, hoisted.Source.Length > 0 ? hoisted.Source : assign.Target);
        }
        Expr label = synthetic || assign.Source.Length == 0 ? _labels.Of(assign.Value) : GraphLabels.Statement(assign.Source);
        string? variable = assign.Target == _result ? _method : synthetic ? null : assign.Target;
        Recorded recorded = Record(assign.Value, into, new Root(target, handle, label, variable));
        if (recorded.Node is null)
        {
            into.Add(new Assign(target.Name, recorded.Value, ""));
            into.Add(new Assign(handle.Name, Counted(GraphApi.Constant(_graph, label, target, variable)), ""));
            return;
        }
        if (recorded.Value is not Var { Name: var name } || name != target.Name)
        {
            into.Add(new Assign(target.Name, recorded.Value, ""));
        }
        if (recorded.Node is not Var { Name: var node } || node != handle.Name)
        {
            into.Add(new Assign(handle.Name, recorded.Node, ""));
        }
    }

    /// <summary>The side of an <c>if</c> that runs, inside a branch when it records nodes (an <c>if</c> the lowering made is not drawn).</summary>
    private void RecordIf(If branch, List<Stmt> into)
    {
        bool drawn = branch.Source.Length > 0 && char.IsLetter(branch.Source[0])
            && !branch.Source.StartsWith("continue unless", System.StringComparison.Ordinal) && !branch.Source.StartsWith("step unless", System.StringComparison.Ordinal);
        Block Side(Block side, string name)
        {
            var statements = new List<Stmt>();
            int before = _recorded;
            Record(side, statements);
            return drawn && _recorded > before ? InBranch(GraphLabels.Statement(branch.Source), name, statements) : Block.Of(statements);
        }
        // A switch is lowered to one if per section, labelled with its case: its sides are "taken" and "not taken".
        bool section = branch.Source.StartsWith("case ", System.StringComparison.Ordinal);
        into.Add(branch with { Then = Side(branch.Then, section ? "taken" : "then"), Else = Side(branch.Else, section ? "not taken" : "else") });
    }

    /// <summary>A loop that records nodes, as a loop of iterations (the builder draws the first few and summarises the rest).</summary>
    private void RecordLoop(Loop loop, List<Stmt> into)
    {
        int before = _recorded;
        var body = new List<Stmt>();
        Record(loop.Body, body);
        var step = new List<Stmt>();
        Record(loop.Step, step);
        if (_recorded == before || loop.Source.Length == 0)
        {
            into.Add(loop with { Body = Block.Of(body), Step = Block.Of(step) });
            return;
        }
        into.Add(GraphApi.Call(_graph, "BeginLoop", GraphLabels.Statement(loop.Source)));
        body.Insert(0, GraphApi.Call(_graph, "BeginIteration"));
        step.Add(GraphApi.Call(_graph, "EndIteration"));
        into.Add(loop with { Body = Block.Of(body), Step = Block.Of(step) });
        into.Add(GraphApi.Call(_graph, "EndLoop"));
    }

    private Block InBranch(Expr condition, string side, List<Stmt> statements) =>
        Block.Of(new[] { GraphApi.Call(_graph, "BeginBranch", condition, GraphLabels.String(side)) }.Concat(statements).Append(GraphApi.Call(_graph, "EndBranch")));

    /// <summary>A call that adds a node: counted, so a branch or loop knows it records something.</summary>
    private Expr Counted(Expr call)
    {
        _recorded++;
        return call;
    }

    private void Fail(string reason, LocationInfo? location)
    {
        Unsupported ??= (reason, location);
    }
}
