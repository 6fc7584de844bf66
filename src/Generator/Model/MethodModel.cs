namespace SourceAD.Generator.Model;

/// <summary>
/// A parameter of the differentiated method. <see cref="Modifier"/> is "" or "in". <see cref="Output"/>: an
/// <c>[Output]</c> buffer the method writes its results into (not an input: it has no gradient of its own).
/// </summary>
public sealed record ParameterModel(string Name, TypeRef Type, bool Differentiable, string Modifier, bool Output = false);

/// <summary>A local of the method, renamed to be unique in the method.</summary>
public sealed record LocalModel(string Name, TypeRef Type);

/// <summary>A type that contains the method, outermost first, as it must be re-declared: e.g. "partial class Net".</summary>
public sealed record ContainerModel(string Declaration);

/// <summary>
/// Everything the reverse transform and the emitter need to know about one <c>[Differentiable]</c> method.
/// <see cref="Usings"/> are the using directives in scope at the method (not global ones), which generated code repeats
/// so that code kept as written (<see cref="Verbatim"/>) binds as it did. <see cref="NestedCallees"/> names (by
/// <see cref="HintName"/>) the methods whose generated derivatives this method calls: theirs must be differentiable
/// again, with respect to every floating-point input.
/// </summary>
public sealed record MethodModel(
    string? Namespace,
    EquatableArray<ContainerModel> Containers,
    string Accessibility,
    string Name,
    TypeRef ReturnType,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<LocalModel> Locals,
    Block Body,
    string HintName,
    LocationInfo? Location,
    EquatableArray<string> Usings = default,
    EquatableArray<string> NestedCallees = default)
{
    public string BackwardName => Name + "Backward";

    public string PullbackName => Name + "Pullback";
}

/// <summary>The result of parsing one method: a model when it can be differentiated, and the diagnostics found.</summary>
public sealed record ParseResult(MethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
