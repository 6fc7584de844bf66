namespace SourceAD.Generator.Model;

/// <summary>A parameter of a generated method, with how it is passed and what it is (for the method's XML doc).</summary>
public sealed record FunctionParameter(string Name, TypeRef Type, PassedBy Kind, string Doc = "");

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
