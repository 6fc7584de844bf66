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
    EquatableArray<string> Summary)
{
    /// <summary>An instance method (the signature layer's derivatives of an instance method); static otherwise.</summary>
    public bool IsInstance { get; init; }

    /// <summary>Plumbing that other generated code calls (a flat derivative): hidden from IntelliSense.</summary>
    public bool Hidden { get; init; }

    /// <summary>A generic method's type parameters and constraints, as C# spells them.</summary>
    public string TypeParameters { get; init; } = "";

    public string Constraints { get; init; } = "";

    /// <summary>
    /// Another body (and summary) for the same signature, generated instead of this one when this one calls a derivative
    /// that turns out not to be generated (the availability check, Transforms/Availability.cs): the Jacobian by one
    /// <c>FTangent</c> per column when its vector sweeps' <c>FTangents</c> is left out. Null when there is none.
    /// </summary>
    public FunctionModel? Fallback { get; init; }

    /// <summary>
    /// This function with the body and summary of its choice <paramref name="index"/> of <see cref="Choices"/> (0: its
    /// own; 1: its fallback's; …), and the fallbacks after it: the signature and everything else stay this function's.
    /// </summary>
    public FunctionModel Choice(int index)
    {
        FunctionModel choice = System.Linq.Enumerable.ElementAt(Choices(), index);
        return index == 0 ? this : this with { Body = choice.Body, Summary = choice.Summary, Fallback = choice.Fallback };
    }

    /// <summary>The bodies this function may be generated with, in order of preference: its own, then its fallbacks'.</summary>
    public System.Collections.Generic.IEnumerable<FunctionModel> Choices()
    {
        for (FunctionModel? choice = this; choice is not null; choice = choice.Fallback)
        {
            yield return choice;
        }
    }
}
