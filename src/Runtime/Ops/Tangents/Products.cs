namespace SourceAD;

// Tangents of the matrix products: the product rule, (a · b)' = a' · b + a · b', with each term skipped when its
// operand's tangent is zero (null). See TangentOfAttribute for the convention.
public sealed partial class Tensor
{
    /// <summary>The tangent of <see cref="MatMul"/>: <c>resultDot = aDot · b + a · bDot</c>.</summary>
    /// <param name="a">The left matrix <c>[m, k]</c>.</param>
    /// <param name="b">The right matrix <c>[k, n]</c>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the product (null: zero).</param>
    [TangentOf(nameof(MatMul))]
    public static Tensor MatMulTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot) =>
        ProductTangent(nameof(MatMul), a, b, aDot, bDot, false, false, out resultDot);

    /// <summary>The tangent of <see cref="MatMulTransposeA"/>: <c>resultDot = aDotᵀ · b + aᵀ · bDot</c>.</summary>
    /// <param name="a">The left matrix <c>[k, m]</c>.</param>
    /// <param name="b">The right matrix <c>[k, n]</c>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the product (null: zero).</param>
    [TangentOf(nameof(MatMulTransposeA))]
    public static Tensor MatMulTransposeATangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot) =>
        ProductTangent(nameof(MatMulTransposeA), a, b, aDot, bDot, true, false, out resultDot);

    /// <summary>The tangent of <see cref="MatMulTransposeB"/>: <c>resultDot = aDot · bᵀ + a · bDotᵀ</c>.</summary>
    /// <param name="a">The left matrix <c>[m, k]</c>.</param>
    /// <param name="b">The right matrix <c>[n, k]</c>.</param>
    /// <param name="aDot">The tangent of <paramref name="a"/> (null: zero).</param>
    /// <param name="bDot">The tangent of <paramref name="b"/> (null: zero).</param>
    /// <param name="resultDot">The tangent of the product (null: zero).</param>
    [TangentOf(nameof(MatMulTransposeB))]
    public static Tensor MatMulTransposeBTangent(Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, out Tensor? resultDot) =>
        ProductTangent(nameof(MatMulTransposeB), a, b, aDot, bDot, false, true, out resultDot);

    private static Tensor ProductTangent(string name, Tensor a, Tensor b, Tensor? aDot, Tensor? bDot, bool transposeA, bool transposeB, out Tensor? resultDot)
    {
        Tensor result = Product(name, a, b, transposeA, transposeB);
        (int m, int n, int k) = ProductDimensions(name, a, b, transposeA, transposeB);
        Tensor? left = TangentOf(name, a, aDot, nameof(aDot)), right = TangentOf(name, b, bDot, nameof(bDot));
        if (left is null && right is null)
        {
            resultDot = null;
            return result;
        }
        Tensor tangent = Create([m, n]);
        if (left is not null)
        {
            Gemm.Multiply(left._data, b._data, tangent._data, m, n, k, transposeA, transposeB, accumulate: false);
        }
        if (right is not null)
        {
            Gemm.Multiply(a._data, right._data, tangent._data, m, n, k, transposeA, transposeB, accumulate: left is not null);
        }
        resultDot = tangent;
        return result;
    }
}
