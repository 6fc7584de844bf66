using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;
using SourceAD.Generator.Rules;

namespace SourceAD.Generator.Transforms.Variants;

internal sealed partial class GraphRecorder
{
    /// <summary>An expression's value, and the node that holds it: null for a value no node holds (a literal, an integer, an expression that reads no node).</summary>
    private sealed record Recorded(Expr Value, Expr? Node);

    /// <summary>Where the node of a statement's whole expression goes: the variable assigned, its handle, the statement's label.</summary>
    private sealed record Root(Var Target, Var Handle, Expr Label, string? Variable);

    /// <summary>An input of an operation: the recorded operand and ∂operation/∂operand.</summary>
    private sealed record Input(Recorded From, Expr Derivative);

    /// <summary>
    /// Records the operations of <paramref name="e"/>, operands first; the operation at its root takes
    /// <paramref name="root"/>'s label and variable when given. Local derivatives come from the operators and the rule
    /// table that reverse and forward mode use.
    /// </summary>
    private Recorded Record(Expr e, List<Stmt> into, Root? root)
    {
        if (!e.Type.IsFloating)
        {
            return new Recorded(e, null);
        }
        switch (e)
        {
            case Var v:
                return new Recorded(v, _handles.TryGetValue(v.Name, out Var? handle) ? handle : null);
            case Unary { Op: UnaryOp.Plus } u:
                return Record(u.Operand, into, root);
            case Unary { Op: UnaryOp.Negate } u:
                {
                    Recorded operand = Record(u.Operand, into, null);
                    Expr computed = u with { Operand = operand.Value };
                    return operand.Node is null ? new Recorded(computed, null)
                        : Operation(e, computed, _ => Inputs(new Input(operand, Sym.Lit(-1, u.Type))), root, into);
                }
            case Cast c:
                {
                    Recorded operand = Record(c.Operand, into, null);
                    Expr computed = c with { Operand = operand.Value };
                    return operand.Node is null ? new Recorded(computed, null)
                        : Operation(e, computed, _ => Inputs(new Input(operand, Literals.One(c.Type))), root, into);
                }
            case Binary { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Remainder } b:
                {
                    Recorded left = Record(b.Left, into, null), right = Record(b.Right, into, null);
                    var computed = b with { Left = left.Value, Right = right.Value };
                    return left.Node is null && right.Node is null ? new Recorded(computed, null)
                        : Operation(e, computed, value => BinaryInputs(computed, left, right, value), root, into);
                }
            case MathCall m when MathRules.Find(m.Function, m.Args.Count) is DerivativeRule rule:
                {
                    var args = m.Args.Select(a => Record(a, into, null)).ToList();
                    var computed = m with { Args = args.Select(a => a.Value).ToEquatableArray() };
                    return args.All(a => a.Node is null) ? new Recorded(computed, null)
                        : Operation(e, computed, value =>
                        {
                            var context = new RuleContext(computed, value);
                            return Inputs(args.Select((a, i) => new Input(a, rule.Partials[i] is { } partial ? partial(context) : Literals.Zero(m.Type))).ToArray());
                        }, root, into);
                }
            case Conditional c:
                return RecordConditional(c, root, into);
            case DiffCall call:
                return RecordCall(call, root, into);
            case var other when ReadsNodes(other):
                // Fail closed: a value computed from nodes by an expression the graph has no local derivative for.
                Fail("it computes a value with an operation whose local derivatives the graph does not draw", null);
                return new Recorded(e, null);
            default:
                // Anything else (a property, a call with no derivative, an element of constant data) is a value no
                // derivative flows through: shown inside the operation that reads it.
                return new Recorded(e, null);
        }
    }

    private static List<Input> BinaryInputs(Binary b, Recorded left, Recorded right, Var value)
    {
        Expr one = Literals.One(b.Type);
        (Expr dLeft, Expr dRight) = b.Op switch
        {
            BinaryOp.Add => (one, one),
            BinaryOp.Subtract => (one, Sym.Lit(-1, b.Type)),
            BinaryOp.Multiply => (Sym.To(right.Value, b.Type), Sym.To(left.Value, b.Type)),
            BinaryOp.Divide => (Sym.Div(one, right.Value), Sym.Neg(Sym.Div(value, right.Value))),
            _ => (one, Sym.Neg(new MathCall(b.Type.Name == "float" ? "global::System.MathF" : "global::System.Math", "Truncate", EquatableArray.Of(Sym.Div(left.Value, right.Value)), b.Type))),
        };
        return Inputs(new Input(left, dLeft), new Input(right, dRight));
    }

    /// <summary>The inputs that are nodes (a literal operand is part of the operation).</summary>
    private static List<Input> Inputs(params Input[] inputs) => inputs.Where(i => i.From.Node is not null).ToList();

    /// <summary>
    /// <c>c ? a : b</c> where a side reads a node: only the side taken is evaluated (the other may be NaN, as in
    /// <c>x &gt; 0 ? Math.Log(x) : 0</c>), inside a branch when it records nodes.
    /// </summary>
    private Recorded RecordConditional(Conditional c, Root? root, List<Stmt> into)
    {
        if (!ReadsNodes(c.WhenTrue) && !ReadsNodes(c.WhenFalse))
        {
            return new Recorded(c, null);
        }
        Var value = root?.Target ?? Declared("_v", c.Type, Literals.Default(c.Type), into);
        Var handle = root?.Handle ?? Declared("_n", TypeRef.Int, Literals.Default(TypeRef.Int), into);
        Expr label = _labels.Of(c);
        Block Side(Expr side, string name)
        {
            var statements = new List<Stmt>();
            int before = _recorded;
            Recorded taken = Record(side, statements, null);
            if (taken.Value is not Var { Name: var same } || same != value.Name)
            {
                statements.Add(new Assign(value.Name, taken.Value, ""));
            }
            statements.Add(new Assign(handle.Name, taken.Node ?? Counted(GraphApi.Constant(_graph, _labels.Of(side), value, null)), ""));
            return _recorded > before ? InBranch(label, name, statements) : Block.Of(statements);
        }
        into.Add(new If(c.Condition, Side(c.WhenTrue, "true"), Side(c.WhenFalse, "false"), ""));
        return new Recorded(value, handle);
    }

    /// <summary>
    /// A call: a <c>[DerivativeOf]</c> rule is one node whose local derivatives its pullback gives (called with seed 1);
    /// a <c>[Differentiable]</c> method's recorder draws its operations inside a call.
    /// </summary>
    private Recorded RecordCall(DiffCall call, Root? root, List<Stmt> into)
    {
        Callee callee = call.Callee;
        if (GraphVariant.SignatureProblem(callee) is string problem)
        {
            Fail("it calls '" + callee.Name + "', whose graph is not drawn: " + problem, call.Location);
            return new Recorded(call, null);
        }
        var args = call.Args.Select(a => Record(a, into, null)).ToList();
        var computed = call with { Args = args.Select(a => a.Value).ToEquatableArray() };
        if (callee.IsRule)
        {
            return args.All(a => a.Node is null) ? new Recorded(computed, null) : RecordRule(computed, args, root, into);
        }
        // Every floating-point parameter of the callee reads a node: an argument no node holds becomes a constant.
        var handles = new List<Expr>();
        for (int i = 0; i < args.Count; i++)
        {
            if (callee.ParameterTypes[i].IsFloating)
            {
                handles.Add(args[i].Node ?? Declared("_n", TypeRef.Int, Counted(GraphApi.Constant(_graph, _labels.Of(call.Args[i]), Sym.To(args[i].Value, callee.ParameterTypes[i]), null)), into));
            }
        }
        Var handle = root?.Handle ?? Declared("_n", TypeRef.Int, Literals.Default(TypeRef.Int), into);
        var recorder = Calls.Static(callee.ContainingType + "." + GraphVariant.RecorderName(callee), call.Type,
            new Expr[] { _graph }.Concat(computed.Args).Concat(handles).Append(GraphApi.Out(handle)).ToArray());
        into.Add(GraphApi.Call(_graph, "BeginCall", root?.Label ?? _labels.Of(call)));
        Var value = Value(recorder, root, into);
        into.Add(GraphApi.Call(_graph, "EndCall", handle));
        _recorded++;
        if (root is not null && value != root.Target)
        {
            into.Add(new Assign(root.Target.Name, value, ""));
        }
        return new Recorded(root?.Target ?? value, handle);
    }

    private Recorded RecordRule(DiffCall computed, List<Recorded> args, Root? root, List<Stmt> into)
    {
        Callee callee = computed.Callee;
        Var value = Value(computed, root, into);
        var pullbackArgs = computed.Args.ToList();
        if (callee.TakesResult)
        {
            pullbackArgs.Add(value);
        }
        pullbackArgs.Add(Literals.One(callee.ReturnType));
        var kinds = pullbackArgs.Select(_ => PassedBy.Value).ToList();
        var derivatives = new Expr[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            derivatives[i] = GraphApi.NoDerivative;
            if (callee.Differentiable[i])
            {
                Var adjoint = Declared("_d", callee.ParameterTypes[i], Literals.Zero(callee.ParameterTypes[i]), into);
                pullbackArgs.Add(adjoint);
                kinds.Add(PassedBy.Ref);
                derivatives[i] = adjoint;
            }
        }
        into.Add(new Evaluate(new DerivativeCall(callee, EquatableArray.Of(Mode.Reverse), pullbackArgs.ToEquatableArray(), kinds.ToEquatableArray(), Calls.Void), ""));
        var inputs = Inputs(args.Select((a, i) => new Input(a, derivatives[i])).ToArray());
        return Emit(computed, computed, value, inputs, root, into, callee.Name, GraphLabels.ShortName(callee.Pullback));
    }

    private Recorded Operation(Expr original, Expr computed, System.Func<Var, List<Input>> inputs, Root? root, List<Stmt> into)
    {
        Var value = Value(computed, root, into);
        return Emit(original, computed, value, inputs(value), root, into, GraphLabels.Operation(original), rule: null);
    }

    /// <summary>The operation's value: straight into the statement's variable, or a temporary when the expression still reads the old value.</summary>
    private Var Value(Expr computed, Root? root, List<Stmt> into)
    {
        if (root is not null && !ExprVisitor.Reads(computed, root.Target.Name))
        {
            into.Add(new Assign(root.Target.Name, computed, ""));
            return root.Target;
        }
        return Declared("_v", computed.Type, computed, into);
    }

    /// <summary>The node of an operation whose value is computed: <c>handle = graph.Operation(…)</c>, then the statement's variable.</summary>
    private Recorded Emit(Expr original, Expr computed, Var value, List<Input> inputs, Root? root, List<Stmt> into, string operation, string? rule)
    {
        Expr label = root?.Label ?? _labels.Of(original);
        Expr? evaluate = Evaluator(computed, inputs, into);
        Expr node = Counted(GraphApi.Operation(_graph, label, operation, value, inputs.Select(i => (i.From.Node!, i.Derivative)).ToList(), evaluate, root?.Variable, rule));
        if (root is null)
        {
            return new Recorded(value, Declared("_n", TypeRef.Int, node, into));
        }
        into.Add(new Assign(root.Handle.Name, node, ""));
        if (value != root.Target)
        {
            into.Add(new Assign(root.Target.Name, value, ""));
        }
        return new Recorded(root.Target, root.Handle);
    }

    /// <summary>
    /// <c>x =&gt; …</c>, the operation as a function of its inputs' values (the i-th input read as <c>x[i]</c>), for the
    /// node-level derivative check. Other values it reads are copied first, so the check sees them as they were here
    /// (in a loop, as they were in that iteration); a span cannot be copied into a lambda, and then there is none.
    /// </summary>
    private Expr? Evaluator(Expr computed, List<Input> inputs, List<Stmt> into)
    {
        Var parameter = _evaluatorParameter ??= new Var(_names.Fresh("x"), new TypeRef("global::System.ReadOnlySpan<double>", ValueKind.Other));
        var map = new Dictionary<string, Expr>();
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].From.Value is Var read && !map.ContainsKey(read.Name))
            {
                Expr element = new ElementRead(parameter, EquatableArray.Of<Expr>(Literals.Number(i, TypeRef.Int)), TypeRef.Double);
                map[read.Name] = read.Type == TypeRef.Double ? element : new Cast(element, read.Type);
            }
        }
        var captured = new List<Var>();
        CapturedReads(computed, map, captured);
        if (captured.Any(v => v.Type.IsSpan || v.Type.Name.Contains("Span<")))
        {
            return null;
        }
        int start = into.Count;
        var copies = new Dictionary<string, Expr>(map);
        foreach (Var read in captured)
        {
            copies[read.Name] = Declared("_c", read.Type, read, into);
        }
        Expr body = Rename(computed, copies);
        var remaining = ExprVisitor.AllVars(body);
        remaining.Remove(parameter.Name);
        if (!remaining.SetEquals(captured.Select(c => ((Var)copies[c.Name]).Name)))
        {
            // A value read where no copy reaches (inside code kept as written): no re-evaluation, the node is not checked.
            into.RemoveRange(start, into.Count - start);
            return null;
        }
        // A local function of the method is declared in the graph method too; a static lambda cannot call it unless it
        // is static itself.
        bool callsLocalFunction = ExprVisitor.Descendants(body).OfType<OpaqueCall>().Any(c => c.Flow.IsLocalFunction);
        return GraphApi.Evaluator(parameter, body, captured.Count > 0 || callsLocalFunction);
    }

    /// <summary>The variables <paramref name="e"/> reads that are not inputs of the operation, once each.</summary>
    private static void CapturedReads(Expr e, Dictionary<string, Expr> inputs, List<Var> into)
    {
        if (e is Var v)
        {
            if (!inputs.ContainsKey(v.Name) && !into.Any(c => c.Name == v.Name))
            {
                into.Add(v);
            }
            return;
        }
        foreach (Expr child in ExprVisitor.Children(e))
        {
            CapturedReads(child, inputs, into);
        }
    }

    /// <summary><paramref name="e"/> with variables replaced as <paramref name="map"/> says.</summary>
    private static Expr Rename(Expr e, IReadOnlyDictionary<string, Expr> map) => e switch
    {
        Var v => map.TryGetValue(v.Name, out Expr? by) ? by : v,
        Unary u => u with { Operand = Rename(u.Operand, map) },
        Binary b => b with { Left = Rename(b.Left, map), Right = Rename(b.Right, map) },
        Cast c => c with { Operand = Rename(c.Operand, map) },
        Convert c => c with { Operand = Rename(c.Operand, map) },
        Conditional c => c with { Condition = Rename(c.Condition, map), WhenTrue = Rename(c.WhenTrue, map), WhenFalse = Rename(c.WhenFalse, map) },
        MathCall m => m with { Args = m.Args.Select(a => Rename(a, map)).ToEquatableArray() },
        DiffCall d => d with { Args = d.Args.Select(a => Rename(a, map)).ToEquatableArray() },
        OpaqueCall o => o with { Receiver = o.Receiver is null ? null : Rename(o.Receiver, map), Args = o.Args.Select(a => Rename(a, map)).ToEquatableArray() },
        MemberRead m => m with { Receiver = m.Receiver is null ? null : Rename(m.Receiver, map) },
        ElementRead el => el with { Array = Rename(el.Array, map), Indices = el.Indices.Select(i => Rename(i, map)).ToEquatableArray() },
        _ => e,
    };

    private bool ReadsNodes(Expr e) => ContainsCall(e) || ExprVisitor.AllVars(e).Any(_handles.ContainsKey);

    private static bool ContainsCall(Expr e) => e is DiffCall || ExprVisitor.Children(e).Any(ContainsCall);

    private Var Declared(string prefix, TypeRef type, Expr initial, List<Stmt> into)
    {
        var variable = new Var(_names.Numbered(prefix), type);
        into.Add(new Declare(variable.Name, type, initial));
        return variable;
    }
}
