namespace SourceAD.Generator.Model;

/// <summary>
/// A parameter of the differentiated method. <see cref="Modifier"/> is "" or "in". <see cref="Output"/>: an
/// <c>[Output]</c> buffer the method writes its results into (not an input: it has no gradient of its own).
/// </summary>
public sealed record ParameterModel(string Name, TypeRef Type, bool Differentiable, string Modifier, bool Output = false);

/// <summary>A local of the method, renamed to be unique in the method.</summary>
public sealed record LocalModel(string Name, TypeRef Type);

/// <summary>A type that contains the method, outermost first, as it must be re-declared: e.g. "partial class Net".</summary>
public sealed record ContainerModel(string Declaration, string Name = "");

/// <summary>
/// Everything the reverse transform and the emitter need to know about one <c>[Differentiable]</c> method.
/// <see cref="Usings"/> are the using directives in scope at the method (not global ones), which generated code repeats
/// so that code kept as written (<see cref="Verbatim"/>) binds as it did. <see cref="NestedCallees"/> names (by
/// <see cref="HintName"/>) the methods whose generated derivatives this method calls: theirs must be differentiable
/// again, with respect to every floating-point input.
/// </summary>
/// <remarks>
/// A method with aggregate parameters, or an instance method, is modelled flat (Model/Aggregates.cs):
/// <see cref="Parameters"/> are the flat method's, <see cref="Declared"/> the method's own, and <see cref="Aggregates"/>
/// the parameters (and instance) that were scalarised. <see cref="TypeParameters"/> and <see cref="Constraints"/> are
/// a generic method's, as C# spells them (<c>&lt;T&gt;</c>, <c>where T : …</c>).
/// </remarks>
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

    public EquatableArray<ParameterModel> Declared { get; init; }

    public EquatableArray<AggregateParameter> Aggregates { get; init; }

    public bool IsInstance { get; init; }

    /// <summary>The variants to generate beyond Backward and Pullback (<c>[Differentiable(Variants = …)]</c>).</summary>
    public VariantFlags Variants { get; init; } = VariantFlags.All;

    /// <summary>Whether <paramref name="variant"/> is asked for.</summary>
    public bool Wants(VariantFlags variant) => (Variants & variant) == variant;

    /// <summary>
    /// A struct result, read back member by member: the flat method returns nothing and writes the result's leaves, in
    /// declaration order, into the <c>[Output]</c> span named <see cref="AggregateParameter.Name"/>.
    /// </summary>
    public AggregateParameter? Result { get; init; }

    public string TypeParameters { get; init; } = "";

    public string Constraints { get; init; } = "";

    /// <summary>
    /// Whether the method may read what an <c>[Output]</c> buffer held before the call (Parsing/OutputReads.cs): the
    /// variants that run it once per direction must then give every run what the caller's buffer held.
    /// </summary>
    public bool ReadsOutputs { get; init; }

    /// <summary>Whether the method is overloaded, or its type declares <c>{Name}Gradient</c> itself: no gradient value is generated.</summary>
    public bool GradientNameTaken { get; init; }

    /// <summary>Whether the transforms see a flat method, which the signature layer wraps in the user's types.</summary>
    public bool IsFlat => IsInstance || Aggregates.Count > 0 || Result is not null;

    /// <summary>The name the flat method and its derivatives take (method + "Flat").</summary>
    public string FlatName => Name + Flat;

    public const string Flat = "Flat";
}

/// <summary>The result of parsing one method: a model when it can be differentiated, and the diagnostics found.</summary>
public sealed record ParseResult(MethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
