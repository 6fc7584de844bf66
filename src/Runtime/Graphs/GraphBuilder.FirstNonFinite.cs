namespace SourceAD.Graphs;

public sealed partial class GraphBuilder
{
    /// <summary>
    /// The first non-finite value in forward order (drawn nodes and the operations of undrawn iterations, merged in
    /// evaluation order) or, when there is none, the first non-finite adjoint in reverse order.
    /// </summary>
    private NonFiniteLocation? LocateFirstNonFinite()
    {
        int hidden = 0;
        for (int node = 0; node < _nodes.Count; node++)
        {
            if (!_nodes[node].Value.IsFinite)
            {
                return new NonFiniteLocation(node, InAdjoint: false, _nodes[node].Label, _nodes[node].Value, null);
            }
            for (; hidden < _hidden.Count && _hidden[hidden].After == node; hidden++)
            {
                if (!_hidden[hidden].Value.IsFinite)
                {
                    return Located(_hidden[hidden], inAdjoint: false);
                }
            }
        }
        hidden = _hidden.Count - 1;
        for (int node = _nodes.Count - 1; node >= 0; node--)
        {
            for (; hidden >= 0 && _hidden[hidden].After == node; hidden--)
            {
                if (!_hidden[hidden].Adjoint.IsFinite)
                {
                    return Located(_hidden[hidden], inAdjoint: true);
                }
            }
            if (!_nodes[node].Adjoint.IsFinite)
            {
                return new NonFiniteLocation(node, InAdjoint: true, _nodes[node].Label, _nodes[node].Adjoint, null);
            }
        }
        return null;
    }

    private static NonFiniteLocation Located(HiddenValue value, bool inAdjoint) =>
        new(value.Summary, inAdjoint, value.Source, inAdjoint ? value.Adjoint : value.Value, value.Iteration);
}
