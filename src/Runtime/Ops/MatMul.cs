using System;

namespace SourceAD;

// Matrix products of rank-2 tensors, on the blocked kernel in Kernels/Gemm.cs. The transposed variants read the
// transposed operand in place (the kernel's packing absorbs the transpose) and are what the pullbacks use.
public sealed partial class Tensor
{
    /// <summary>The matrix product <c>a · b</c> of <c>a [m, k]</c> and <c>b [k, n]</c>: a tensor <c>[m, n]</c>.</summary>
    /// <param name="a">The left matrix.</param>
    /// <param name="b">The right matrix.</param>
    /// <exception cref="ArgumentException">An operand is not rank 2 or the inner dimensions differ.</exception>
    public static Tensor MatMul(Tensor a, Tensor b) => Product(nameof(MatMul), a, b, false, false);

    /// <summary>The matrix product <c>aᵀ · b</c> of <c>a [k, m]</c> and <c>b [k, n]</c>: a tensor <c>[m, n]</c>.</summary>
    /// <param name="a">The left matrix, transposed by the product.</param>
    /// <param name="b">The right matrix.</param>
    /// <exception cref="ArgumentException">An operand is not rank 2 or the inner dimensions differ.</exception>
    public static Tensor MatMulTransposeA(Tensor a, Tensor b) => Product(nameof(MatMulTransposeA), a, b, true, false);

    /// <summary>The matrix product <c>a · bᵀ</c> of <c>a [m, k]</c> and <c>b [n, k]</c>: a tensor <c>[m, n]</c>.</summary>
    /// <param name="a">The left matrix.</param>
    /// <param name="b">The right matrix, transposed by the product.</param>
    /// <exception cref="ArgumentException">An operand is not rank 2 or the inner dimensions differ.</exception>
    public static Tensor MatMulTransposeB(Tensor a, Tensor b) => Product(nameof(MatMulTransposeB), a, b, false, true);

    /// <summary>The pullback of <see cref="MatMul"/>: <c>da += dResult · bᵀ</c>, <c>db += aᵀ · dResult</c>.</summary>
    /// <param name="a">The left matrix <c>[m, k]</c>.</param>
    /// <param name="b">The right matrix <c>[k, n]</c>.</param>
    /// <param name="dResult">The adjoint of the product, <c>[m, n]</c>.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(MatMul))]
    public static void MatMulPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db)
    {
        (int m, int n, int k, bool aRequested, bool bRequested) = CheckProductPullback(nameof(MatMul), a, b, dResult, da, db, false, false);
        if (aRequested)
        {
            Gemm.Multiply(dResult._data, b._data, da._data, m, k, n, false, true, accumulate: true);
        }
        if (bRequested)
        {
            Gemm.Multiply(a._data, dResult._data, db._data, k, n, m, true, false, accumulate: true);
        }
    }

    /// <summary>The pullback of <see cref="MatMulTransposeA"/>: <c>da += b · dResultᵀ</c>, <c>db += a · dResult</c>.</summary>
    /// <param name="a">The left matrix <c>[k, m]</c>.</param>
    /// <param name="b">The right matrix <c>[k, n]</c>.</param>
    /// <param name="dResult">The adjoint of the product, <c>[m, n]</c>.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(MatMulTransposeA))]
    public static void MatMulTransposeAPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db)
    {
        (int m, int n, int k, bool aRequested, bool bRequested) = CheckProductPullback(nameof(MatMulTransposeA), a, b, dResult, da, db, true, false);
        if (aRequested)
        {
            Gemm.Multiply(b._data, dResult._data, da._data, k, m, n, false, true, accumulate: true);
        }
        if (bRequested)
        {
            Gemm.Multiply(a._data, dResult._data, db._data, k, n, m, false, false, accumulate: true);
        }
    }

    /// <summary>The pullback of <see cref="MatMulTransposeB"/>: <c>da += dResult · b</c>, <c>db += dResultᵀ · a</c>.</summary>
    /// <param name="a">The left matrix <c>[m, k]</c>.</param>
    /// <param name="b">The right matrix <c>[n, k]</c>.</param>
    /// <param name="dResult">The adjoint of the product, <c>[m, n]</c>.</param>
    /// <param name="da">The adjoint of <paramref name="a"/>.</param>
    /// <param name="db">The adjoint of <paramref name="b"/>.</param>
    [DerivativeOf(nameof(MatMulTransposeB))]
    public static void MatMulTransposeBPullback(Tensor a, Tensor b, Tensor dResult, Tensor da, Tensor db)
    {
        (int m, int n, int k, bool aRequested, bool bRequested) = CheckProductPullback(nameof(MatMulTransposeB), a, b, dResult, da, db, false, true);
        if (aRequested)
        {
            Gemm.Multiply(dResult._data, b._data, da._data, m, k, n, false, false, accumulate: true);
        }
        if (bRequested)
        {
            Gemm.Multiply(dResult._data, a._data, db._data, n, k, m, true, false, accumulate: true);
        }
    }

    private static Tensor Product(string name, Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        (int m, int n, int k) = ProductDimensions(name, a, b, transposeA, transposeB);
        Tensor result = Create([m, n]);
        Gemm.Multiply(a._data, b._data, result._data, m, n, k, transposeA, transposeB, accumulate: false);
        return result;
    }

    /// <summary>The dimensions <c>(m, n, k)</c> of <c>op(a) [m, k] · op(b) [k, n]</c>, after checking the operands.</summary>
    private static (int M, int N, int K) ProductDimensions(string name, Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw new ArgumentException($"{name}: operands must be matrices: {TensorShape.Format(a._shape)} × {TensorShape.Format(b._shape)}");
        }
        (int m, int ka) = transposeA ? (a._shape[1], a._shape[0]) : (a._shape[0], a._shape[1]);
        (int kb, int n) = transposeB ? (b._shape[1], b._shape[0]) : (b._shape[0], b._shape[1]);
        if (ka != kb)
        {
            throw new ArgumentException($"{name}: inner dimensions differ: {TensorShape.Format(a._shape)} × {TensorShape.Format(b._shape)}");
        }
        return (m, n, ka);
    }

    /// <summary>Checks a product's pullback arguments; returns its dimensions and which adjoints are given (not null).</summary>
    private static (int M, int N, int K, bool ARequested, bool BRequested) CheckProductPullback(
        string name, Tensor a, Tensor b, Tensor dResult, Tensor? da, Tensor? db, bool transposeA, bool transposeB)
    {
        (int m, int n, int k) = ProductDimensions(name, a, b, transposeA, transposeB);
        TensorShape.RequireShape(name, [m, n], dResult, nameof(dResult));
        return (m, n, k, TensorShape.IsRequested(name, a._shape, da, nameof(da)), TensorShape.IsRequested(name, b._shape, db, nameof(db)));
    }
}
