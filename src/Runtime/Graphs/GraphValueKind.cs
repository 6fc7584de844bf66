namespace SourceAD.Graphs;

/// <summary>What a <see cref="GraphValue"/> holds.</summary>
public enum GraphValueKind
{
    /// <summary>Nothing: no value was recorded (an adjoint the reverse sweep did not compute, or a local derivative that is not a scalar).</summary>
    None,

    /// <summary>A <see cref="double"/>.</summary>
    Double,

    /// <summary>A <see cref="float"/>, printed at single precision.</summary>
    Single,

    /// <summary>A tensor or buffer, kept as a <see cref="TensorSummary"/> (shape, norm, minimum, maximum).</summary>
    Tensor,
}
