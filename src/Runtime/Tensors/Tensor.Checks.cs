using System;

namespace SourceAD;

public sealed partial class Tensor
{
    /// <summary>
    /// Checks the arguments of the pullback of a shape-preserving unary operation; returns whether <paramref name="dx"/>
    /// is given (a null adjoint means the operand needs no gradient, and the pullback does nothing).
    /// </summary>
    private static bool CheckUnaryPullback(string operation, Tensor x, Tensor dResult, Tensor? dx)
    {
        ArgumentNullException.ThrowIfNull(x);
        TensorShape.RequireShape(operation, x._shape, dResult, nameof(dResult));
        return TensorShape.IsRequested(operation, x._shape, dx, "the operand's adjoint");
    }

    /// <summary>Like <see cref="CheckUnaryPullback(string, Tensor, Tensor, Tensor)"/>, for a pullback that receives its result.</summary>
    private static bool CheckUnaryPullback(string operation, Tensor x, Tensor result, Tensor dResult, Tensor? dx)
    {
        bool requested = CheckUnaryPullback(operation, x, dResult, dx);
        TensorShape.RequireShape(operation, x._shape, result, nameof(result));
        return requested;
    }
}
