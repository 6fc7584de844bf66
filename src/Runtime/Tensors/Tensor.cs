using System;
using System.Runtime.CompilerServices;

namespace SourceAD;

/// <summary>
/// A dense, contiguous, row-major tensor of <see cref="float"/> of rank 0 to 4, and the value type of SourceAD's tensor
/// operations. Each operation is a static method of this type with a hand-written pullback marked
/// <see cref="DerivativeOfAttribute"/>, so <c>[Differentiable]</c> methods can compute with tensors.
/// </summary>
/// <remarks>
/// A tensor owns its storage: every factory and operation returns a new tensor whose elements no other tensor shares.
/// Operations check shapes and throw <see cref="ArgumentException"/> naming the operation and the shapes involved.
/// Pullbacks add into their adjoint arguments (they never overwrite) and skip a tensor adjoint passed as <c>null</c>,
/// which generated code passes for an operand that needs no gradient.
/// </remarks>
public sealed partial class Tensor : IDifferentiable<Tensor>
{
    private readonly float[] _data;
    private readonly int[] _shape;

    private Tensor(float[] data, int[] shape)
    {
        _data = data;
        _shape = shape;
    }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements (1 for a scalar).</summary>
    public int Length => _data.Length;

    /// <summary>The elements in row-major order, without copying; writes change the tensor.</summary>
    public Span<float> Span => _data;

    /// <summary>An element of a rank-1 tensor.</summary>
    /// <param name="i">The index.</param>
    /// <exception cref="InvalidOperationException">The tensor is not of rank 1.</exception>
    /// <exception cref="IndexOutOfRangeException">The index is out of range.</exception>
    [IndexerName("Element")] // "Item" is the Item() method
    public float this[int i]
    {
        get => _data[Offset(i)];
        set => _data[Offset(i)] = value;
    }

    /// <summary>An element of a rank-2 tensor.</summary>
    /// <param name="i">The row.</param>
    /// <param name="j">The column.</param>
    /// <exception cref="InvalidOperationException">The tensor is not of rank 2.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    [IndexerName("Element")]
    public float this[int i, int j]
    {
        get => _data[Offset(i, j)];
        set => _data[Offset(i, j)] = value;
    }

    /// <summary>A new tensor of the given shape, all zeros.</summary>
    /// <param name="shape">The dimensions; none for a scalar.</param>
    /// <exception cref="ArgumentException">The rank exceeds 4 or a dimension is negative.</exception>
    public static Tensor Zeros(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int length = TensorShape.Validate(shape, nameof(Zeros));
        return new Tensor(new float[length], (int[])shape.Clone());
    }

    /// <summary>A new tensor of the given shape with every element set to <paramref name="value"/>.</summary>
    /// <param name="value">The value of every element.</param>
    /// <param name="shape">The dimensions; none for a scalar.</param>
    /// <exception cref="ArgumentException">The rank exceeds 4 or a dimension is negative.</exception>
    public static Tensor Full(float value, params int[] shape)
    {
        Tensor result = Zeros(shape);
        result._data.AsSpan().Fill(value);
        return result;
    }

    /// <summary>A new tensor with the given elements (copied: later changes to <paramref name="data"/> do not affect it).</summary>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="shape">The dimensions; their product must equal the number of elements. None for a scalar.</param>
    /// <exception cref="ArgumentException">The shape is invalid or does not match the number of elements.</exception>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        int length = TensorShape.Validate(shape, nameof(FromArray));
        if (length != data.Length)
        {
            throw new ArgumentException($"{nameof(FromArray)}: {data.Length} elements do not fit shape {TensorShape.Format(shape)}", nameof(data));
        }
        return new Tensor((float[])data.Clone(), (int[])shape.Clone());
    }

    /// <summary>A new rank-0 tensor holding <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static Tensor Scalar(float value) => new([value], []);

    /// <summary>A new tensor of the same shape as <paramref name="value"/>, all zeros.</summary>
    /// <param name="value">The tensor whose shape to use.</param>
    public static Tensor ZerosLike(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Tensor(new float[value.Length], value._shape);
    }

    /// <summary>Whether <paramref name="candidate"/> has the shape of <paramref name="value"/> (its adjoints are pooled).</summary>
    /// <param name="candidate">A tensor that could be reused.</param>
    /// <param name="value">The tensor whose shape it needs.</param>
    public static bool HasShapeOf(Tensor candidate, Tensor value) =>
        candidate._data.Length == value._data.Length && candidate._shape.AsSpan().SequenceEqual(value._shape);

    /// <summary>A tensor of ones with the shape of <paramref name="value"/> (the seed of a tensor-valued gradient).</summary>
    /// <param name="value">The tensor whose shape to copy.</param>
    public static Tensor OnesLike(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var data = new float[value.Length];
        Array.Fill(data, 1f);
        return new Tensor(data, value._shape);
    }

    /// <summary>
    /// A new tensor of normally distributed elements with mean 0 and standard deviation <paramref name="std"/>
    /// (Box–Muller on <paramref name="rng"/>, so a seeded generator gives reproducible weights).
    /// </summary>
    /// <param name="rng">The random number generator, e.g. <c>new Random(42)</c>.</param>
    /// <param name="std">The standard deviation.</param>
    /// <param name="shape">The dimensions.</param>
    public static Tensor RandomNormal(Random rng, float std, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Tensor result = Zeros(shape);
        Span<float> data = result._data;
        for (int i = 0; i < data.Length; i += 2)
        {
            double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble()));
            double angle = 2.0 * Math.PI * rng.NextDouble();
            data[i] = (float)(std * radius * Math.Cos(angle));
            if (i + 1 < data.Length)
            {
                data[i + 1] = (float)(std * radius * Math.Sin(angle));
            }
        }
        return result;
    }

    /// <summary>A new tensor of elements uniformly distributed in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="rng">The random number generator, e.g. <c>new Random(42)</c>.</param>
    /// <param name="low">The inclusive lower bound.</param>
    /// <param name="high">The exclusive upper bound.</param>
    /// <param name="shape">The dimensions.</param>
    public static Tensor RandomUniform(Random rng, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Tensor result = Zeros(shape);
        Span<float> data = result._data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(low + (high - (double)low) * rng.NextDouble());
        }
        return result;
    }

    /// <summary>The single element of a tensor with one element (e.g. a scalar).</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public float Item()
    {
        if (_data.Length != 1)
        {
            throw new InvalidOperationException($"{nameof(Item)}: tensor of shape {TensorShape.Format(_shape)} has {_data.Length} elements, not 1");
        }
        return _data[0];
    }

    /// <summary>A copy of this tensor.</summary>
    public Tensor Clone() => new((float[])_data.Clone(), _shape);

    /// <summary>A copy of the elements in row-major order.</summary>
    public float[] ToArray() => (float[])_data.Clone();

    /// <summary>The shape, e.g. <c>Tensor[2, 3]</c>.</summary>
    public override string ToString() => $"Tensor{TensorShape.Format(_shape)}";

    /// <summary>A new zero tensor of an already validated shape; the shape array is kept, not copied.</summary>
    internal static Tensor Create(int[] shape) => new(new float[TensorShape.LengthOf(shape)], shape);

    private int Offset(int i)
    {
        if (_shape.Length != 1)
        {
            throw new InvalidOperationException($"Indexer: one index given for a tensor of shape {TensorShape.Format(_shape)}");
        }
        if ((uint)i >= (uint)_shape[0])
        {
            throw new IndexOutOfRangeException($"Indexer: index {i} out of range for shape {TensorShape.Format(_shape)}");
        }
        return i;
    }

    private int Offset(int i, int j)
    {
        if (_shape.Length != 2)
        {
            throw new InvalidOperationException($"Indexer: two indices given for a tensor of shape {TensorShape.Format(_shape)}");
        }
        if ((uint)i >= (uint)_shape[0] || (uint)j >= (uint)_shape[1])
        {
            throw new IndexOutOfRangeException($"Indexer: index [{i}, {j}] out of range for shape {TensorShape.Format(_shape)}");
        }
        return i * _shape[1] + j;
    }
}
