using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.HessianModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Second derivatives (forward over reverse) against closed forms: a polynomial, x·y + sin(x·y), the Rosenbrock
/// function; and Newton's method on Rosenbrock with the generated gradient and Hessian, which converges quadratically.
/// </summary>
internal static partial class HessianModels
{
    /// <summary>xʸ with both active: at y = 0 its base derivative y·xʸ⁻¹ is 0, but the derivative of that in y is not.</summary>
    [Differentiable]
    public static double Power(double x, double y) => Math.Pow(x, y);

    /// <summary>p(x, y) = 3x³y − 2xy² + y⁴ + 5x.</summary>
    [Differentiable]
    public static double Polynomial(double x, double y) => 3 * Math.Pow(x, 3) * y - 2 * x * y * y + Math.Pow(y, 4) + 5 * x;

    [Differentiable]
    public static double ProductAndSine(double x, double y) => x * y + Math.Sin(x * y);

    [Differentiable]
    public static double Rosenbrock(ReadOnlySpan<double> p) => (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]);

    /// <summary>Σ (i + 1)·(xᵢ² − cᵢ)² through a local buffer: where xᵢ² = cᵢ every adjoint of the buffer is 0, but not its tangent.</summary>
    [Differentiable]
    public static double ShiftedSquares(double[] x, [NoDiff] double[] c)
    {
        double[] y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * x[i] - c[i];
        }
        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            s += y[i] * y[i] * (i + 1);
        }
        return s;
    }
}

public class Hessians
{
    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-2.0, 0.5)]
    public void PolynomialHessianIsItsClosedForm(double x, double y)
    {
        double[] h = new double[4];
        M.PolynomialHessian(x, y, h);
        GradientAssert.Near(h, 1e-13, 18 * x * y, 9 * x * x - 4 * y, 9 * x * x - 4 * y, -4 * x + 12 * y * y);
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(1.9, 0.4)]
    public void ProductAndSineHessianIsItsClosedForm(double x, double y)
    {
        double[] h = new double[4];
        M.ProductAndSineHessian(x, y, h);
        double s = Math.Sin(x * y), c = Math.Cos(x * y);
        double mixed = 1 + c - x * y * s;
        GradientAssert.Near(h, 1e-13, -y * y * s, mixed, mixed, -x * x * s);
    }

    [Theory]
    [InlineData(1.7, 0.0)]
    [InlineData(0.6, 0.0)]
    [InlineData(1.7, 1.3)]
    public void PowerHessianIsItsClosedFormAlsoWhereTheExponentIsZero(double x, double y)
    {
        // H = [y(y−1)xʸ⁻², xʸ⁻¹(1 + y ln x); xʸ⁻¹(1 + y ln x), xʸ ln² x]: at y = 0, H_xy = 1/x (the guard of ∂xʸ/∂x at
        // y = 0, once applied for every x, made it 0; random program P1925, seed 18).
        var hessian = new double[4];
        HessianModels.PowerHessian(x, y, hessian);
        double mixed = Math.Pow(x, y - 1) * (1 + y * Math.Log(x));
        GradientAssert.Near(hessian, 1e-12, y * (y - 1) * Math.Pow(x, y - 2), mixed, mixed, Math.Pow(x, y) * Math.Log(x) * Math.Log(x));
    }

    [Fact]
    public void HessianAtAStationaryPoint_IsNotLostToTheReverseSweepsZeroSkip()
    {
        // The reverse sweep skips a buffer element whose adjoint is 0; at the minimum every adjoint is, yet the
        // Hessian (forward over reverse) is the tangent of those adjoints: ∂²/∂xᵢ² = (i + 1)·(12xᵢ² − 4cᵢ) = 8(i + 1)cᵢ.
        double[] c = [0.25, 1.0, 4.0];
        double[] h = new double[9];
        M.ShiftedSquaresHessian([0.5, -1.0, 2.0], c, h);
        GradientAssert.Near(h, 1e-15, 2, 0, 0, 0, 16, 0, 0, 0, 96);
    }

    [Fact]
    public void RosenbrockHessianAndHessianVectorProduct()
    {
        double[] p = [-1.2, 1.0], h = new double[4];
        M.RosenbrockHessian(p, h);
        double x = p[0], y = p[1];
        GradientAssert.Near(h, 1e-13, 2 - 400 * (y - 3 * x * x), -400 * x, -400 * x, 200);
        double[] g = new double[2], hv = new double[2];
        M.RosenbrockHessianVector(p, [1.0, -2.0], g, hv);
        GradientAssert.Near(g, 1e-13, -2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x));
        GradientAssert.Near(hv, 1e-13, h[0] - 2 * h[1], h[2] - 2 * h[3]);
    }

    [Fact]
    public void HessianChecksItsLength() =>
        Assert.Throws<ArgumentException>(() => M.RosenbrockHessian([1.0, 2.0], new double[3]));

    /// <summary>Newton's method from (−1.2, 1) reaches the minimum (1, 1), the error roughly squaring each step at the end.</summary>
    [Fact]
    public void NewtonOnRosenbrockConvergesQuadratically()
    {
        double[] p = [-1.2, 1.0], g = new double[2], h = new double[4];
        var errors = new List<double>();
        for (int step = 0; step < 50 && Distance(p) > 1e-14; step++)
        {
            M.RosenbrockBackward(p, g);
            M.RosenbrockHessian(p, h);
            double det = h[0] * h[3] - h[1] * h[2];
            p[0] -= (h[3] * g[0] - h[1] * g[1]) / det;
            p[1] -= (h[0] * g[1] - h[2] * g[0]) / det;
            errors.Add(Distance(p));
        }
        Assert.True(Distance(p) < 1e-12, $"did not converge: {Distance(p)}");
        // Quadratic convergence: in the last steps e_{k+1} ≤ C·e_k² with a moderate C.
        int last = errors.Count - 1;
        Assert.True(errors[last - 1] < 1e-3, string.Join(", ", errors));
        Assert.True(errors[last] <= 100 * errors[last - 1] * errors[last - 1] + 1e-15, string.Join(", ", errors));
    }

    private static double Distance(double[] p) => Math.Sqrt((p[0] - 1) * (p[0] - 1) + (p[1] - 1) * (p[1] - 1));
}
