using System;

namespace SourceAD.Graphs;

/// <summary>
/// A value drawn in a <see cref="ComputationGraph"/>: a scalar (<see cref="double"/> or <see cref="float"/>), a summary of a
/// tensor or buffer, or nothing. Scalars, floats and tensors convert implicitly, so generated code passes its values as
/// they are; a <see langword="null"/> tensor (an adjoint that was never needed) is <see cref="None"/>.
/// </summary>
public readonly struct GraphValue : IEquatable<GraphValue>
{
    private readonly double _scalar;

    private GraphValue(GraphValueKind kind, double scalar, TensorSummary? tensor)
    {
        Kind = kind;
        _scalar = scalar;
        Tensor = tensor;
    }

    /// <summary>No value.</summary>
    public static GraphValue None => default;

    /// <summary>What this value holds.</summary>
    public GraphValueKind Kind { get; }

    /// <summary>Whether this is <see cref="None"/>.</summary>
    public bool IsNone => Kind == GraphValueKind.None;

    /// <summary>Whether this is a <see cref="double"/> or <see cref="float"/> scalar.</summary>
    public bool IsScalar => Kind is GraphValueKind.Double or GraphValueKind.Single;

    /// <summary>The scalar, widened to <see cref="double"/> for a <see cref="float"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not a scalar.</exception>
    public double Scalar => IsScalar ? _scalar : throw new InvalidOperationException($"Expected a scalar graph value, but this one is {Kind}.");

    /// <summary>The tensor summary, or <see langword="null"/> when the value is not a tensor.</summary>
    public TensorSummary? Tensor { get; }

    /// <summary>
    /// Whether the value is free of NaN and infinities: a finite scalar, a tensor with no non-finite element, or
    /// <see cref="None"/>.
    /// </summary>
    public bool IsFinite => Kind switch
    {
        GraphValueKind.Double or GraphValueKind.Single => double.IsFinite(_scalar),
        GraphValueKind.Tensor => Tensor!.NonFiniteCount == 0,
        _ => true,
    };

    /// <summary>A <see cref="double"/> value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator GraphValue(double value) => new(GraphValueKind.Double, value, null);

    /// <summary>A <see cref="float"/> value, printed at single precision.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator GraphValue(float value) => new(GraphValueKind.Single, value, null);

    /// <summary>A summary of a tensor (shape, norm, minimum, maximum); <see cref="None"/> for <see langword="null"/>.</summary>
    /// <param name="value">The tensor, read once; the summary keeps no reference to it.</param>
    public static implicit operator GraphValue(Tensor? value) =>
        value is null ? None : Of(new TensorSummary(value.Shape, value.Span, singlePrecision: true));

    /// <summary>A summary of a buffer of <see cref="double"/> (shape <c>[length]</c>).</summary>
    /// <param name="values">The elements, read once.</param>
    public static GraphValue Of(ReadOnlySpan<double> values) => Of(new TensorSummary([values.Length], values));

    /// <summary>A summary of a buffer of <see cref="float"/> (shape <c>[length]</c>).</summary>
    /// <param name="values">The elements, read once.</param>
    public static GraphValue Of(ReadOnlySpan<float> values) => Of(new TensorSummary([values.Length], values, singlePrecision: true));

    /// <summary>A tensor value from its summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static GraphValue Of(TensorSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new GraphValue(GraphValueKind.Tensor, 0, summary);
    }

    /// <summary>The value as the pictures print it: a scalar in shortest round-trip invariant form, a tensor as its summary, <see cref="None"/> as an empty string.</summary>
    public override string ToString() => Kind switch
    {
        GraphValueKind.Double => GraphNumber.Format(_scalar),
        GraphValueKind.Single => GraphNumber.Format((float)_scalar),
        GraphValueKind.Tensor => Tensor!.ToString(),
        _ => string.Empty,
    };

    /// <inheritdoc/>
    public bool Equals(GraphValue other) =>
        Kind == other.Kind && _scalar.Equals(other._scalar) && Equals(Tensor, other.Tensor);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GraphValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _scalar, Tensor);

    /// <summary>Whether two values are equal (same kind, same scalar or same summary).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator ==(GraphValue left, GraphValue right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another value.</param>
    public static bool operator !=(GraphValue left, GraphValue right) => !left.Equals(right);
}
