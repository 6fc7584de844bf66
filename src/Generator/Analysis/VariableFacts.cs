using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Analysis;

/// <summary>One write of the body: a whole variable, or (when <see cref="Element"/>) one element of a buffer.</summary>
/// <remarks><see cref="CarriesDerivative"/>: whether the written variable can carry a derivative (set from its type).</remarks>
internal sealed record Write(string Target, Expr Value, bool Element, bool InLoop, bool TopLevel, LocationInfo? Location)
{
    public bool CarriesDerivative { get; init; } = Value.Type.IsDifferentiable;
}

/// <summary>Per variable: its type, how often it is assigned, and whether an assignment sits in a loop.</summary>
internal sealed class VariableFacts
{
    private readonly Dictionary<string, TypeRef> _types = new();
    private readonly Dictionary<string, int> _assignments = new();
    private readonly HashSet<string> _assignedInLoop = new();
    private readonly HashSet<string> _parameters = new();
    private readonly HashSet<string> _outputs = new();
    private readonly HashSet<string> _elementWritten = new();

    public VariableFacts(IEnumerable<ParameterModel> parameters, IEnumerable<LocalModel> locals, Block body)
    {
        foreach (ParameterModel parameter in parameters)
        {
            _types[parameter.Name] = parameter.Type;
            _parameters.Add(parameter.Name);
            if (parameter.Output)
            {
                _outputs.Add(parameter.Name);
            }
        }
        foreach (LocalModel local in locals)
        {
            _types[local.Name] = local.Type;
        }
        Visit(body, inLoop: false, topLevel: true);
    }

    /// <summary>Whether the body calls a vector-valued method or a derivative of one (what OutputArguments checks).</summary>
    public bool CallsVectorValued { get; private set; }

    /// <summary>Every write of the body, in order.</summary>
    public List<Write> Writes { get; } = new();

    public TypeRef Type(string variable) => _types[variable];

    /// <summary>Whether the name is a primal variable (a parameter or a local) rather than an adjoint or temporary.</summary>
    public bool IsPrimal(string name) => _types.ContainsKey(name);

    public bool IsParameter(string variable) => _parameters.Contains(variable);

    /// <summary>Whether the variable is an <c>[Output]</c> buffer parameter.</summary>
    public bool IsOutput(string variable) => _outputs.Contains(variable);

    public bool IsAssigned(string variable) => _assignments.ContainsKey(variable);

    /// <summary>Whether some statement writes an element of this buffer.</summary>
    public bool HasElementWrites(string variable) => _elementWritten.Contains(variable);

    /// <summary>
    /// Whether the variable can hold, before one of its assignments, a value that matters: it is a parameter, is
    /// assigned more than once, or is assigned in a loop. Such a variable's old value is saved when the reverse sweep
    /// reads it, and its adjoint is reset when it is overwritten.
    /// </summary>
    public bool MayBeReadBefore(string variable) =>
        _parameters.Contains(variable)
        || _assignedInLoop.Contains(variable)
        || (_assignments.TryGetValue(variable, out int count) && count > 1);

    private void Visit(Block block, bool inLoop, bool topLevel)
    {
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case Assign assign:
                    Record(new Write(assign.Target, assign.Value, false, inLoop, topLevel, assign.Location));
                    break;
                case AssignElement element:
                    Record(new Write(element.Target, element.Value, true, inLoop, topLevel, element.Location));
                    break;
                case If branch:
                    Visit(branch.Then, inLoop, false);
                    Visit(branch.Else, inLoop, false);
                    break;
                case Loop loop:
                    Visit(loop.Body, true, false);
                    Visit(loop.Step, true, false);
                    break;
                case Declare declare:
                    _types[declare.Name] = declare.Type;
                    Record(new Write(declare.Name, declare.Initial, false, inLoop, topLevel, null));
                    break;
                case Push push:
                    // A stack is a variable that holds every value pushed on it: a pop reads it.
                    Record(new Write(push.Stack, push.Value, false, inLoop, topLevel, null));
                    break;
                case Group group:
                    Visit(group.Body, inLoop, topLevel);
                    break;
            }
            RecordCallOutputs(statement, inLoop, topLevel);
        }
    }

    /// <summary>A variable passed by <c>ref</c> or <c>out</c> to a derivative method (or any call) is written by the call.</summary>
    private void RecordCallOutputs(Stmt statement, bool inLoop, bool topLevel)
    {
        if (statement is If or Loop or Group)
        {
            return;
        }
        foreach ((Expr expression, _) in Statements.Expressions(Block.Of(statement)))
        {
            List<Expr> nodes = ExprVisitor.Descendants(expression); // one walk for the three kinds of call below
            // The temporary an out/ref argument of a call without a derivative is passed in (see BodyParser.OutArguments).
            foreach (OpaqueCall call in nodes.OfType<OpaqueCall>())
            {
                for (int i = 0; i < call.Args.Count; i++)
                {
                    if (call.Passed(i) != PassedBy.Value && call.Args[i] is Var temporary)
                    {
                        Record(new Write(temporary.Name, call, false, inLoop, topLevel, null) { CarriesDerivative = temporary.Type.IsDifferentiable });
                    }
                }
            }
            // A generated copy (a pullback taking its output adjoints, dy.CopyTo(_d_y)): element writes of what it copies.
            if (expression is OpaqueCall { Name: "CopyTo", Receiver: { } from, Args: [Var to] } copy && copy.Flow == Opaque.Generated)
            {
                Expr source = from is OpaqueCall { Name: "global::System.MemoryExtensions.AsSpan", Args: [var array] } ? array : from;
                Record(new Write(to.Name, source, true, inLoop, topLevel, null) { CarriesDerivative = to.Type.Element is { IsDifferentiable: true } });
            }
            // The [Output] buffers of a vector-valued [Differentiable] callee: element writes of what the call computes.
            foreach (DiffCall call in nodes.OfType<DiffCall>().Where(c => c.Callee.HasOutputs))
            {
                CallsVectorValued = true;
                for (int i = 0; i < call.Args.Count; i++)
                {
                    if (call.Callee.IsOutput(i) && call.Args[i] is Var output)
                    {
                        Record(new Write(output.Name, call, true, inLoop, topLevel, call.Location) { CarriesDerivative = output.Type.Element is { IsDifferentiable: true } });
                    }
                }
            }
            foreach (DerivativeCall call in nodes.OfType<DerivativeCall>())
            {
                CallsVectorValued |= call.Callee.HasOutputs;
                var signature = Signatures.Of(call.Callee, call.Modes.ToList());
                for (int i = 0; i < call.Args.Count; i++)
                {
                    if (call.Kinds[i] is PassedBy.Ref or PassedBy.Out || (i < signature.Count && signature[i].WrittenBuffer))
                    {
                        switch (call.Args[i])
                        {
                            case Var v:
                                Record(new Write(v.Name, call, v.Type.IsBuffer, inLoop, topLevel, null) { CarriesDerivative = v.Type.IsDifferentiable });
                                break;
                            case ElementRead { Array: Var buffer } element:
                                Record(new Write(buffer.Name, call, true, inLoop, topLevel, null) { CarriesDerivative = element.Type.IsDifferentiable });
                                break;
                            case Slice { Buffer: Var buffer } slice:
                                Record(new Write(buffer.Name, call, true, inLoop, topLevel, null) { CarriesDerivative = slice.Type.IsDifferentiable });
                                break;
                        }
                    }
                }
            }
        }
    }

    private void Record(Write write)
    {
        Writes.Add(write);
        if (write.Element)
        {
            _elementWritten.Add(write.Target);
            return;
        }
        _assignments[write.Target] = _assignments.TryGetValue(write.Target, out int previous) ? previous + 1 : 1;
        if (write.InLoop) _assignedInLoop.Add(write.Target);
    }
}
