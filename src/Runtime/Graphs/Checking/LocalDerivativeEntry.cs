namespace SourceAD.Graphs;

/// <summary>One local derivative of one node, checked against central differences of the node's own operation.</summary>
/// <param name="Node">The node's id.</param>
/// <param name="Source">The node's source text.</param>
/// <param name="Input">The input's label (its variable, or its source text).</param>
/// <param name="Rule">The <c>[DerivativeOf]</c> pullback that gave the derivative, or <see langword="null"/>.</param>
/// <param name="Recorded">The local derivative on the edge, ∂node/∂input.</param>
/// <param name="Numeric">The central-difference estimate.</param>
/// <param name="Error">|recorded − numeric| / max(1, |recorded|, |numeric|), as in <see cref="GradCheck"/>.</param>
/// <param name="Tolerance">The tolerance this entry was held to.</param>
public sealed record LocalDerivativeEntry(int Node, string Source, string Input, string? Rule, double Recorded, double Numeric, double Error, double Tolerance)
{
    /// <summary>Whether the error is within the tolerance.</summary>
    public bool Agrees => Error <= Tolerance;

    /// <summary>A sentence saying what was compared, e.g. <c>node 3 'u = b * c': ∂/∂b = 2, central difference 2 (error 1.2E-10)</c>.</summary>
    public override string ToString() =>
        $"node {Node} '{Source}'{(Rule is null ? "" : $" (rule {Rule})")}: ∂/∂{Input} = {GraphNumber.Format(Recorded)}, central difference {GraphNumber.Format(Numeric)} (error {GraphCheckReport.FormatError(Error)})";
}
