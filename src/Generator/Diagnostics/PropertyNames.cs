namespace SourceAD.Generator.Diagnostics;

/// <summary>Keys of the machine-readable properties diagnostics carry, which the code fixes read.</summary>
public static class PropertyNames
{
    /// <summary>The parameter a diagnostic is about (SAD0003, SAD0004, SAD0015, SAD0016).</summary>
    public const string Parameter = "Parameter";

    /// <summary>The simple name of the called method a diagnostic is about (SAD0005, SAD0016, SAD0019).</summary>
    public const string Callee = "Callee";

    /// <summary>Whether the callee's source is in the compilation ("true"/"false"), so it could be marked [Differentiable].</summary>
    public const string CalleeInSource = "CalleeInSource";

    /// <summary>The type a diagnostic is about (SAD0001).</summary>
    public const string Type = "Type";
}
