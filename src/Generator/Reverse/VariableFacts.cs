using System.Collections.Generic;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Reverse;

/// <summary>Per variable: its type, how often it is assigned, and whether an assignment sits in a loop.</summary>
internal sealed class VariableFacts
{
    private readonly Dictionary<string, TypeRef> _types = new();
    private readonly Dictionary<string, int> _assignments = new();
    private readonly HashSet<string> _assignedInLoop = new();
    private readonly HashSet<string> _parameters = new();

    public VariableFacts(IEnumerable<ParameterModel> parameters, IEnumerable<LocalModel> locals, Block body)
    {
        foreach (ParameterModel parameter in parameters)
        {
            _types[parameter.Name] = parameter.Type;
            _parameters.Add(parameter.Name);
        }
        foreach (LocalModel local in locals)
        {
            _types[local.Name] = local.Type;
        }
        Visit(body, inLoop: false);
    }

    /// <summary>Every assignment of the body, in order.</summary>
    public List<Assign> Assignments { get; } = new();

    public TypeRef Type(string variable) => _types[variable];

    public bool IsParameter(string variable) => _parameters.Contains(variable);

    public bool IsAssigned(string variable) => _assignments.ContainsKey(variable);

    /// <summary>
    /// Whether the variable can hold, before one of its assignments, a value that matters: it is a parameter, is
    /// assigned more than once, or is assigned in a loop. Such a variable's old value is saved when the reverse sweep
    /// reads it, and its adjoint is reset when it is overwritten.
    /// </summary>
    public bool MayBeReadBefore(string variable) =>
        _parameters.Contains(variable)
        || _assignedInLoop.Contains(variable)
        || (_assignments.TryGetValue(variable, out int count) && count > 1);

    private void Visit(Block block, bool inLoop)
    {
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case Assign assign:
                    Assignments.Add(assign);
                    _assignments[assign.Target] = _assignments.TryGetValue(assign.Target, out int count) ? count + 1 : 1;
                    if (inLoop) _assignedInLoop.Add(assign.Target);
                    break;
                case If branch:
                    Visit(branch.Then, inLoop);
                    Visit(branch.Else, inLoop);
                    break;
                case Loop loop:
                    Visit(loop.Body, true);
                    Visit(loop.Step, true);
                    break;
            }
        }
    }
}
