using System;
using System.Buffers;

namespace SourceAD;

/// <summary>A temporary float buffer rented from <see cref="ArrayPool{T}.Shared"/>, for pullbacks that need one; dispose to return it.</summary>
internal ref struct Scratch
{
    private float[]? _array;

    private Scratch(int length)
    {
        _array = ArrayPool<float>.Shared.Rent(length);
        Span = _array.AsSpan(0, length);
    }

    /// <summary>The buffer; its contents are undefined until written.</summary>
    public Span<float> Span { get; }

    /// <summary>Rents a buffer of exactly <paramref name="length"/> elements.</summary>
    public static Scratch Rent(int length) => new(length);

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (_array is not null)
        {
            ArrayPool<float>.Shared.Return(_array);
            _array = null;
        }
    }
}
