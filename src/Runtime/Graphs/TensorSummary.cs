using System;
using System.Collections.Generic;
using System.Text;

namespace SourceAD.Graphs;

/// <summary>
/// What a picture shows of a tensor or buffer instead of its elements: its shape, Euclidean norm, minimum and maximum,
/// and how many elements are NaN or infinite.
/// </summary>
public sealed class TensorSummary : IEquatable<TensorSummary>
{
    private readonly int[] _shape;

    /// <summary>Summarises <see cref="double"/> elements.</summary>
    /// <param name="shape">The dimensions, outermost first; their product is the number of elements.</param>
    /// <param name="elements">The elements in row-major order.</param>
    /// <exception cref="ArgumentException">The shape has a negative dimension or does not match the number of elements.</exception>
    public TensorSummary(ReadOnlySpan<int> shape, ReadOnlySpan<double> elements)
        : this(shape, elements.Length, singlePrecision: false)
    {
        foreach (double x in elements)
        {
            Add(x);
        }
        Finish();
    }

    /// <summary>Summarises <see cref="float"/> elements.</summary>
    /// <param name="shape">The dimensions, outermost first; their product is the number of elements.</param>
    /// <param name="elements">The elements in row-major order.</param>
    /// <param name="singlePrecision">Whether to print the summary at single precision (as the elements are).</param>
    /// <exception cref="ArgumentException">The shape has a negative dimension or does not match the number of elements.</exception>
    public TensorSummary(ReadOnlySpan<int> shape, ReadOnlySpan<float> elements, bool singlePrecision = true)
        : this(shape, elements.Length, singlePrecision)
    {
        foreach (float x in elements)
        {
            Add(x);
        }
        Finish();
    }

    private TensorSummary(ReadOnlySpan<int> shape, int length, bool singlePrecision)
    {
        long product = 1;
        foreach (int dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Expected non-negative dimensions, but the shape is {TensorShape.Format(shape)}.", nameof(shape));
            }
            product *= dimension;
        }
        if (product != length)
        {
            throw new ArgumentException($"Expected {product} elements for shape {TensorShape.Format(shape)}, but got {length}.", nameof(shape));
        }
        _shape = shape.ToArray();
        Length = length;
        SinglePrecision = singlePrecision;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
    }

    /// <summary>The dimensions, outermost first; empty for a scalar tensor.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The Euclidean norm √(Σ xᵢ²), accumulated in <see cref="double"/>; NaN when an element is NaN.</summary>
    public double Norm { get; private set; }

    /// <summary>The smallest element; NaN when an element is NaN, +∞ for an empty tensor.</summary>
    public double Min { get; private set; }

    /// <summary>The largest element; NaN when an element is NaN, −∞ for an empty tensor.</summary>
    public double Max { get; private set; }

    /// <summary>How many elements are NaN or infinite.</summary>
    public int NonFiniteCount { get; private set; }

    /// <summary>Whether the elements are <see cref="float"/>, so the summary prints at single precision.</summary>
    public bool SinglePrecision { get; }

    private void Add(double x)
    {
        Norm += x * x;
        Min = Math.Min(Min, x);
        Max = Math.Max(Max, x);
        if (!double.IsFinite(x))
        {
            NonFiniteCount++;
        }
    }

    private void Finish() => Norm = Math.Sqrt(Norm);

    /// <summary>The shape alone, e.g. <c>[2, 3]</c>.</summary>
    public string ShapeText => TensorShape.Format(_shape);

    /// <summary>The summary as the pictures print it, e.g. <c>[2, 3] norm 1.5 min -0.5 max 1</c>, with the count of non-finite elements when there are any.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(ShapeText);
        if (Length > 0)
        {
            text.Append(" norm ").Append(GraphNumber.Format(Norm, SinglePrecision))
                .Append(" min ").Append(GraphNumber.Format(Min, SinglePrecision))
                .Append(" max ").Append(GraphNumber.Format(Max, SinglePrecision));
        }
        if (NonFiniteCount > 0)
        {
            text.Append(", ").Append(NonFiniteCount).Append(" non-finite");
        }
        return text.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(TensorSummary? other) =>
        other is not null && _shape.AsSpan().SequenceEqual(other._shape) && Norm.Equals(other.Norm) && Min.Equals(other.Min)
        && Max.Equals(other.Max) && NonFiniteCount == other.NonFiniteCount && SinglePrecision == other.SinglePrecision;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TensorSummary);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Length, Norm, Min, Max, NonFiniteCount);
}
