using System;
using System.Numerics.Tensors;

namespace SourceAD;

/// <summary>
/// Operations that write into a tensor the caller allocated once, for loops that would otherwise allocate a result per
/// call (the MNIST sample's test pass, an evaluation loop). Each checks that <c>destination</c> has the shape the
/// operation's own result would have, and returns it.
/// </summary>
public sealed partial class Tensor
{
    /// <summary><see cref="MatMul"/> into <paramref name="destination"/> ([m, n] for a [m, k] · [k, n]).</summary>
    /// <exception cref="ArgumentException">The operands do not multiply, or <paramref name="destination"/> has another shape or is an operand.</exception>
    public static Tensor MatMulInto(Tensor destination, Tensor a, Tensor b)
    {
        (int m, int n, int k) = ProductDimensions(nameof(MatMulInto), a, b, false, false);
        RequireDestination(nameof(MatMulInto), destination, [m, n], a, b);
        Gemm.Multiply(a._data, b._data, destination._data, m, n, k, false, false, accumulate: false);
        return destination;
    }

    /// <summary>
    /// <see cref="Add(Tensor, Tensor)"/> (broadcasting the operand of smaller rank) into <paramref name="destination"/>,
    /// which may be the larger operand itself (in place).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or <paramref name="destination"/> has another shape.</exception>
    public static Tensor AddInto(Tensor destination, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        RequireDestination(nameof(AddInto), destination, TensorShape.BroadcastShape(nameof(AddInto), a, b), null, null);
        Broadcast.Apply(BinaryOperation.Add, a._data, b._data, destination._data);
        return destination;
    }

    /// <summary><see cref="Sigmoid"/> into <paramref name="destination"/>, which may be <paramref name="x"/> itself (in place).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has another shape.</exception>
    public static Tensor SigmoidInto(Tensor destination, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireDestination(nameof(SigmoidInto), destination, x._shape, null, null);
        TensorPrimitives.Sigmoid(x._data, destination._data);
        return destination;
    }

    private static void RequireDestination(string name, Tensor destination, ReadOnlySpan<int> shape, Tensor? a, Tensor? b)
    {
        ArgumentNullException.ThrowIfNull(destination);
        TensorShape.RequireShape(name, shape, destination, nameof(destination));
        if (ReferenceEquals(destination, a) || ReferenceEquals(destination, b))
        {
            throw new ArgumentException($"{name}: the destination must not be an operand.", nameof(destination));
        }
    }
}
