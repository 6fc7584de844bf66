using System;
using System.Collections.Generic;

namespace SourceAD.Graphs;

public sealed partial class GraphBuilder
{
    /// <summary>
    /// The reverse sweep over the recorded operations, for graphs whose adjoints are not given one by one: seeds the
    /// result with 1, then visits the operations in reverse evaluation order (those of undrawn iterations included)
    /// and adds each one's adjoint times each local derivative to the adjoint of the input it read: the chain rule
    /// ∂J/∂x = Σ ∂J/∂y · ∂y/∂x over the uses y of x. Each node that depends on an <see cref="Input"/> gets its adjoint
    /// through <see cref="SetAdjoint"/> (0 when it does not reach the result); constants, and operations that read
    /// only constants, get none, as no derivative flows into them. An adjoint that would need a local derivative that
    /// is not a scalar (a tensor operation's) is left as none. Generated <c>FGraph</c> methods call this.
    /// </summary>
    /// <param name="result">The handle of the node holding the method's result.</param>
    /// <exception cref="ArgumentException"><paramref name="result"/> is not a handle this builder returned.</exception>
    /// <exception cref="InvalidOperationException">The graph was already built.</exception>
    public void Backpropagate(int result)
    {
        EnsureNotBuilt();
        RequireHandle(result, nameof(result));
        int count = _tape.Count;
        var varied = new bool[count];
        var slotOf = new Dictionary<int, int>(count);
        for (int k = 0; k < count; k++)
        {
            Recorded entry = _tape[k];
            slotOf[entry.Handle] = k;
            varied[k] = entry.Kind == GraphNodeKind.Input || Array.Exists(entry.Inputs, input => slotOf.TryGetValue(input, out int slot) && varied[slot]);
        }
        var adjoints = new double[count];
        var unknown = new bool[count];
        if (slotOf.TryGetValue(result, out int seeded))
        {
            adjoints[seeded] = 1;
        }
        for (int k = count - 1; k >= 0; k--)
        {
            Recorded entry = _tape[k];
            if (!varied[k])
            {
                continue;
            }
            for (int i = 0; i < entry.Inputs.Length; i++)
            {
                if (!slotOf.TryGetValue(entry.Inputs[i], out int input) || !varied[input])
                {
                    continue;
                }
                GraphValue local = entry.LocalDerivatives[i];
                if (unknown[k] || !local.IsScalar)
                {
                    unknown[input] = true;
                    continue;
                }
                adjoints[input] += adjoints[k] * local.Scalar;
            }
        }
        for (int k = 0; k < count; k++)
        {
            if (varied[k])
            {
                int handle = _tape[k].Handle;
                SetAdjoint(handle, unknown[k] ? GraphValue.None
                    : ValueOf(handle).Kind == GraphValueKind.Single ? (GraphValue)(float)adjoints[k] : (GraphValue)adjoints[k]);
            }
        }
    }

    /// <summary>
    /// A drawn node for <paramref name="node"/>'s value: the node itself when it is drawn; for a value computed in an
    /// iteration past the unrolling limit (a loop's result, say), a new node after the loop that shows the value, reading
    /// it from the loop's summary with local derivative 1. Call it outside the loop, e.g. on the result before
    /// <see cref="Build"/>, which takes only a drawn node.
    /// </summary>
    /// <param name="node">A handle this builder returned.</param>
    /// <param name="label">The new node's label, e.g. the method's name.</param>
    /// <returns>A drawn node with the value (a handle of an undrawn iteration while still inside one).</returns>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not a handle this builder returned, or <paramref name="label"/> is null or empty.</exception>
    /// <exception cref="InvalidOperationException">The graph was already built.</exception>
    public int Drawn(int node, string label)
    {
        EnsureNotBuilt();
        RequireHandle(node, nameof(node));
        if (node >= 0)
        {
            return node;
        }
        GraphValue value = ValueOf(node);
        GraphValue one = value.Kind == GraphValueKind.Single ? (GraphValue)1f : (GraphValue)1.0;
        return Operation(label, "=", value, [(node, one)], static x => x[0], variable: label);
    }

    private static int[] Handles(ReadOnlySpan<(int Node, GraphValue LocalDerivative)> inputs)
    {
        var handles = new int[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            handles[i] = inputs[i].Node;
        }
        return handles;
    }

    private static GraphValue[] LocalDerivatives(ReadOnlySpan<(int Node, GraphValue LocalDerivative)> inputs)
    {
        var derivatives = new GraphValue[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            derivatives[i] = inputs[i].LocalDerivative;
        }
        return derivatives;
    }

    /// <summary>
    /// One recorded node in evaluation order, drawn or not (<paramref name="Handle"/> negative for an operation of an
    /// undrawn iteration): the handles it read, each with ∂node/∂input, as <see cref="Backpropagate"/> needs them.
    /// </summary>
    private sealed record Recorded(int Handle, GraphNodeKind Kind, int[] Inputs, GraphValue[] LocalDerivatives);
}
