using System.Numerics;
using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.FallbackModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// [Output] methods whose vector forward mode (<c>FTangents</c>) is left out because a callee's <c>Tangents</c> is not
/// generated, found only across methods: a callee that calls a generic method, and one that calls a generated
/// derivative. Their Jacobians fall back to one <c>FTangent</c> per column.
/// </summary>
internal static partial class FallbackModels
{
    [Differentiable]
    public static T Bump<T>(T a, T b) where T : IFloatingPointIeee754<T> => T.Sin(a) * b + T.Exp(a * b / (T.One + a * a));

    /// <summary>No Tangents: it calls the generic <see cref="Bump{T}"/>.</summary>
    [Differentiable]
    public static double ThroughGeneric(double a, double b) => Bump(a, b) * a;

    [Differentiable]
    public static double Cube(double a) => a * a * a;

    /// <summary>No Tangents: it calls a generated derivative, <c>CubeBackward</c>.</summary>
    [Differentiable]
    public static double ThroughDerivative(double a, double b)
    {
        CubeBackward(a * b, out double slope);
        return slope + Math.Sin(a) * b;
    }

    /// <summary>A tall map (2n + 1 outputs of n inputs) through both callees.</summary>
    [Differentiable]
    public static void Tall(ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        int n = x.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            y[2 * i] = ThroughGeneric(x[i], x[(i + 1) % n]);
            y[2 * i + 1] = ThroughDerivative(x[(i + 2) % n], x[i]) * x[0];
            sum += x[i] * x[i];
        }
        y[2 * n] = Math.Sqrt(1 + sum);
    }
}

public class JacobianFallback
{
    public static TheoryData<int> InputCounts() => new() { 1, 3, Vector<double>.Count + 1 };

    [Fact]
    public void VectorModeIsLeftOut() =>
        Assert.Null(typeof(M).GetMethod(nameof(M.Tall) + "Tangents"));

    [Theory]
    [MemberData(nameof(InputCounts))]
    public void JacobianMatchesCentralDifferencesColumnByColumn(int n)
    {
        double[] x = Enumerable.Range(0, n).Select(i => 0.4 + 0.23 * i * (i % 2 == 0 ? 1 : -1)).ToArray();
        int m = 2 * n + 1;
        double[] y = new double[m], jacobian = new double[m * n];
        M.TallJacobian(x, y, jacobian);
        double[] primal = new double[m];
        M.Tall(x, primal);
        GradientAssert.Exact(y, primal);
        for (int column = 0; column < n; column++)
        {
            double h = 1e-6;
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[column] += h;
            minus[column] -= h;
            double[] up = new double[m], down = new double[m];
            M.Tall(plus, up);
            M.Tall(minus, down);
            for (int row = 0; row < m; row++)
            {
                GradientAssert.CloseOrTiny((up[row] - down[row]) / (2 * h), jacobian[row * n + column], 1e-6, $"J[{row},{column}] vs central differences");
            }
        }
    }
}
