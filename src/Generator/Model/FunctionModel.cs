namespace SourceAD.Generator.Model;

/// <summary>
/// A parameter of a generated method: how it is passed, whether a derivative of the method differentiates with
/// respect to it (an adjoint or a value the method's own parameters carry; not a [NoDiff] one), and what it is (for the
/// method's XML doc).
/// </summary>
/// <remarks><see cref="Written"/>: a buffer the method writes into (an adjoint buffer of a pullback, say).
/// <see cref="Default"/>: the default value of an optional parameter, in C# syntax, or null.</remarks>
public sealed record FunctionParameter(string Name, TypeRef Type, PassedBy Kind, bool Differentiable = false, string Doc = "", bool Written = false, string? Default = null);

/// <summary>
/// A method the transforms generate, as IR: its signature, its body (declarations, sweeps, a final return) and the
/// summary of its XML doc. The emitter prints it; a transform may take it as input again.
/// </summary>
public sealed record FunctionModel(
    string Name,
    string Accessibility,
    TypeRef ReturnType,
    EquatableArray<FunctionParameter> Parameters,
    Block Body,
    EquatableArray<string> Summary);
