using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>
/// A function a transform differentiates, in one shape whatever it comes from: the user's <c>[Differentiable]</c>
/// method (its locals declared up front), or a method a transform generated (its locals declared in its body). So
/// every transform accepts every transform's output, and derivatives compose.
/// </summary>
internal sealed record Differentiand(
    string Name,
    string Accessibility,
    TypeRef ReturnType,
    IReadOnlyList<DifferentiandParameter> Parameters,
    IReadOnlyList<LocalModel> Locals,
    Block Body)
{
    /// <summary>The variable a generated method returns at its end (<c>return _result;</c>), if it ends that way.</summary>
    public Var? Result { get; init; }

    /// <summary>Whether the function is a method a transform generated (a pullback, say), not the user's.</summary>
    public bool Generated { get; init; }

    /// <summary>Names the function and its transforms must not reuse: its parameters and every variable it declares.</summary>
    public IEnumerable<string> UserNames =>
        Parameters.Select(p => p.Name).Concat(Locals.Select(l => l.Name)).Concat(Analysis.Statements.Targets(Body));

    public static Differentiand Of(MethodModel method) => new(
        method.Name,
        method.Accessibility,
        method.ReturnType,
        method.Parameters.Select(p => new DifferentiandParameter(p.Name, p.Type, p.Modifier == "in" ? PassedBy.In : PassedBy.Value, p.Differentiable || p.Output)
        {
            IsOutput = p.Output,
            WrittenBuffer = p.Output,
            Doc = ParameterDocs.Input(method.Name, p),
        }).ToList(),
        method.Locals.ToList(),
        method.Body);

    /// <summary>A generated method as input of another transform; its buffer parameters that it writes are outputs.</summary>
    public static Differentiand Of(FunctionModel function)
    {
        var written = Analysis.Statements.Targets(function.Body);
        return new(
            function.Name,
            function.Accessibility,
            function.ReturnType,
            function.Parameters.Select(p => new DifferentiandParameter(p.Name, p.Type, p.Kind, p.Differentiable) { WrittenBuffer = (p.Type.IsBuffer || p.Type.IsObject) && (p.Written || written.Contains(p.Name)), Doc = p.Doc }).ToList(),
            new List<LocalModel>(),
            function.Body)
        {
            Result = function.Body.Statements.LastOrDefault() is Return { Value: Var returned } ? returned : null,
            Generated = true,
        };
    }
}
