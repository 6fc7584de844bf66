using System;
using System.Numerics.Tensors;

namespace SourceAD;

public sealed partial class Tensor
{
    /// <summary>Adds <paramref name="adjoint"/> into this tensor, element by element: <c>this += adjoint</c>.</summary>
    /// <param name="adjoint">A tensor of the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void Accumulate(Tensor adjoint)
    {
        ArgumentNullException.ThrowIfNull(adjoint);
        TensorShape.RequireSame(nameof(Accumulate), this, adjoint);
        TensorPrimitives.Add(_data, adjoint._data, _data);
    }

    /// <summary>Adds a multiple of <paramref name="other"/> into this tensor: <c>this += alpha · other</c>.</summary>
    /// <param name="other">A tensor of the same shape.</param>
    /// <param name="alpha">The factor.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void AddScaledInPlace(Tensor other, float alpha)
    {
        ArgumentNullException.ThrowIfNull(other);
        TensorShape.RequireSame(nameof(AddScaledInPlace), this, other);
        TensorPrimitives.MultiplyAdd(other._data, alpha, _data, _data);
    }

    /// <summary>Multiplies every element by <paramref name="factor"/>: <c>this *= factor</c>.</summary>
    /// <param name="factor">The factor.</param>
    public void ScaleInPlace(float factor) => TensorPrimitives.Multiply(_data, factor, _data);

    /// <summary>Copies the elements of <paramref name="source"/> into this tensor.</summary>
    /// <param name="source">A tensor of the same shape.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        TensorShape.RequireSame(nameof(CopyFrom), this, source);
        source._data.AsSpan().CopyTo(_data);
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public void Fill(float value) => _data.AsSpan().Fill(value);

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Array.Clear(_data);
}
