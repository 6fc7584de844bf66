using System;
using NumericsTensor = System.Numerics.Tensors.Tensor;
using NumericsTensorOfFloat = System.Numerics.Tensors.Tensor<float>;

namespace SourceAD;

public sealed partial class Tensor
{
    /// <summary>A copy of this tensor as a <see cref="System.Numerics.Tensors.Tensor{T}"/> of the same shape.</summary>
    public NumericsTensorOfFloat ToNumericsTensor()
    {
        Span<nint> lengths = stackalloc nint[Rank];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = _shape[i];
        }
        return NumericsTensor.Create(ToArray(), lengths);
    }

    /// <summary>A copy of a <see cref="System.Numerics.Tensors.Tensor{T}"/> (dense or strided) as a tensor of the same shape.</summary>
    /// <param name="source">The tensor to copy; rank 0 to 4.</param>
    /// <exception cref="ArgumentException">The rank exceeds 4 or a dimension does not fit in an <see cref="int"/>.</exception>
    public static Tensor FromNumericsTensor(NumericsTensorOfFloat source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ReadOnlySpan<nint> lengths = source.Lengths;
        int[] shape = new int[lengths.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = checked((int)lengths[i]);
        }
        TensorShape.Validate(shape, nameof(FromNumericsTensor));
        Tensor result = Create(shape);
        source.FlattenTo(result._data);
        return result;
    }
}
