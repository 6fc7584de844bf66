namespace SourceAD.Graphs;

/// <summary>One node's adjoint from the reverse sweep, checked against the chain rule over the edges out of the node.</summary>
/// <param name="Node">The node's id.</param>
/// <param name="Source">The node's source text.</param>
/// <param name="Recorded">The adjoint the reverse sweep gave the node.</param>
/// <param name="ChainRule">Σ over the nodes y that read it of ∂J/∂y · ∂y/∂node, from the recorded adjoints and local derivatives.</param>
/// <param name="Error">|recorded − chain rule| / max(1, |recorded|, |chain rule|).</param>
/// <param name="Tolerance">The tolerance this entry was held to.</param>
public sealed record AdjointEntry(int Node, string Source, double Recorded, double ChainRule, double Error, double Tolerance)
{
    /// <summary>Whether the error is within the tolerance.</summary>
    public bool Agrees => Error <= Tolerance;

    /// <summary>A sentence saying what was compared.</summary>
    public override string ToString() =>
        $"node {Node} '{Source}': adjoint {GraphNumber.Format(Recorded)}, chain rule over its edges {GraphNumber.Format(ChainRule)} (error {GraphCheckReport.FormatError(Error)})";
}
