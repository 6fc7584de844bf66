using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>A parameter of a <see cref="Differentiand"/>: how it is passed, and whether it has a derivative.</summary>
internal sealed record DifferentiandParameter(string Name, TypeRef Type, PassedBy Kind, bool Differentiable)
{
    /// <summary>Whether the function writes the parameter (a ref or out parameter): its derivative is an output too.</summary>
    public bool IsWritten => Kind is PassedBy.Ref or PassedBy.Out || WrittenBuffer;

    /// <summary>A buffer the function writes into (an adjoint buffer of a pullback, say).</summary>
    public bool WrittenBuffer { get; init; }
}

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
    /// <summary>Names the function and its transforms must not reuse.</summary>
    public IEnumerable<string> UserNames => Parameters.Select(p => p.Name).Concat(Locals.Select(l => l.Name));

    public static Differentiand Of(MethodModel method) => new(
        method.Name,
        method.Accessibility,
        method.ReturnType,
        method.Parameters.Select(p => new DifferentiandParameter(p.Name, p.Type, p.Modifier == "in" ? PassedBy.In : PassedBy.Value, p.Differentiable)).ToList(),
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
            function.Parameters.Select(p => new DifferentiandParameter(p.Name, p.Type, p.Kind, p.Differentiable) { WrittenBuffer = p.Type.IsBuffer && written.Contains(p.Name) }).ToList(),
            new List<LocalModel>(),
            function.Body);
    }
}
