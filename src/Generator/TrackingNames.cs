namespace SourceAD.Generator;

/// <summary>Names of the incremental pipeline steps, so tests can assert that each step is cached.</summary>
public static class TrackingNames
{
    /// <summary>Each <c>[Differentiable]</c> method parsed into its equatable model.</summary>
    public const string Parse = "SourceAD.Parse";

    /// <summary>The models, with method signatures resolved, ready to differentiate and emit.</summary>
    public const string Models = "SourceAD.Models";

    /// <summary>Each model differentiated: the IR of its generated functions, and the derivatives they call.</summary>
    public const string Derive = "SourceAD.Derive";

    /// <summary>The generated functions that call a derivative that is not generated, across the compilation.</summary>
    public const string Availability = "SourceAD.Availability";
}
