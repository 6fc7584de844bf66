using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.VectorModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Vector-valued methods: <c>[Output]</c> buffers, their <c>Pullback</c> (Jᵀ·dy added to the input adjoints),
/// <c>Tangent</c> (J·v) and <c>Jacobian</c> (forward sweeps when inputs are fewer than outputs, reverse sweeps
/// otherwise), against closed forms (a rotation, a softmax) and central differences (an RK4 step).
/// </summary>
internal static partial class VectorModels
{
    /// <summary>q = R(θ)·p.</summary>
    [Differentiable]
    public static void Rotate(double theta, ReadOnlySpan<double> p, [Output] Span<double> q)
    {
        double c = Math.Cos(theta), s = Math.Sin(theta);
        q[0] = c * p[0] - s * p[1];
        q[1] = s * p[0] + c * p[1];
    }

    [Differentiable]
    public static void Softmax(ReadOnlySpan<double> z, [Output] Span<double> s)
    {
        double max = z[0];
        for (int i = 1; i < z.Length; i++)
        {
            max = Math.Max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            s[i] = Math.Exp(z[i] - max);
            sum += s[i];
        }
        for (int i = 0; i < z.Length; i++)
        {
            s[i] = s[i] / sum;
        }
    }

    /// <summary>The Lotka–Volterra right-hand side.</summary>
    [Differentiable]
    public static double Prey(double x, double y) => 1.1 * x - 0.4 * x * y;

    [Differentiable]
    public static double Predator(double x, double y) => 0.1 * x * y - 0.4 * y;

    /// <summary>One classic Runge–Kutta step of the Lotka–Volterra system.</summary>
    [Differentiable]
    public static void Rk4Step(ReadOnlySpan<double> y, double h, [Output] Span<double> next)
    {
        double k1x = Prey(y[0], y[1]), k1y = Predator(y[0], y[1]);
        double k2x = Prey(y[0] + h / 2 * k1x, y[1] + h / 2 * k1y), k2y = Predator(y[0] + h / 2 * k1x, y[1] + h / 2 * k1y);
        double k3x = Prey(y[0] + h / 2 * k2x, y[1] + h / 2 * k2y), k3y = Predator(y[0] + h / 2 * k2x, y[1] + h / 2 * k2y);
        double k4x = Prey(y[0] + h * k3x, y[1] + h * k3y), k4y = Predator(y[0] + h * k3x, y[1] + h * k3y);
        next[0] = y[0] + h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
        next[1] = y[1] + h / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
    }

    /// <summary>A scalar result and an output: the Jacobian's first row is the result's gradient.</summary>
    [Differentiable]
    public static double Moments(ReadOnlySpan<double> x, [Output] double[] powers)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            powers[i] = x[i] * x[i];
            sum += x[i];
        }
        return sum;
    }

    /// <summary>y₀ = x₀x₁ + sin x₀, y₁ = x₁x₀ + sin x₁: each element written straight from a [Differentiable] call.</summary>
    [Differentiable]
    public static void ElementsFromCalls(ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        for (int i = 0; i < 2; i++)
        {
            y[i] = Cross(x, i);
        }
    }

    [Differentiable]
    public static double Cross(ReadOnlySpan<double> a, int i) => a[i] * a[1 - i] + Math.Sin(a[i]);

    /// <summary>yᵢ = yᵢ·xᵢ + xᵢ: reads what its output held, so J = diag(y_old + 1) depends on it.</summary>
    [Differentiable]
    public static void ScaleInPlace(ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = y[i] * x[i] + x[i];
        }
    }

    /// <summary>yⱼ = yⱼ·Σxᵢ + xⱼ for two outputs: few outputs and many inputs, so reverse sweeps, each running it again.</summary>
    [Differentiable]
    public static void ScaleBySum(ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i];
        }
        for (int j = 0; j < y.Length; j++)
        {
            y[j] = y[j] * sum + x[j];
        }
    }

    /// <summary>Many inputs, one output: the Jacobian takes one reverse sweep.</summary>
    [Differentiable]
    public static void Norm(ReadOnlySpan<double> x, [Output] Span<double> norm)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }
        norm[0] = Math.Sqrt(s);
    }
}

public class Jacobians
{
    [Fact]
    public void RotationJacobianIsTheDerivativeOfR()
    {
        double theta = 0.7;
        double[] p = [1.5, -0.4], q = new double[2], j = new double[6];
        M.RotateJacobian(theta, p, q, j);
        double c = Math.Cos(theta), s = Math.Sin(theta);
        GradientAssert.Exact(q, c * 1.5 + s * 0.4, s * 1.5 - c * 0.4);
        // Columns: θ, p0, p1.
        GradientAssert.Exact(j, -s * 1.5 + c * 0.4, c, -s, c * 1.5 + s * 0.4, s, c);
    }

    [Fact]
    public void SoftmaxJacobianIsDiagMinusOuterProduct()
    {
        double[] z = [0.3, -1.2, 2.0, 0.5], s = new double[4], j = new double[16];
        M.SoftmaxJacobian(z, s, j);
        for (int a = 0; a < 4; a++)
        {
            for (int b = 0; b < 4; b++)
            {
                GradientAssert.Close((a == b ? s[a] : 0) - s[a] * s[b], j[a * 4 + b], 1e-12, $"J[{a},{b}]");
            }
        }
    }

    [Fact]
    public void Rk4StepJacobianMatchesCentralDifferences()
    {
        double[] y = [1.2, 0.8];
        double h = 0.3;
        double[] next = new double[2], j = new double[2 * 3];
        M.Rk4StepJacobian(y, h, next, j);
        double[] primal = new double[2];
        M.Rk4Step(y, h, primal);
        GradientAssert.Exact(next, primal);
        double[] point = [y[0], y[1], h];
        for (int column = 0; column < 3; column++)
        {
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[column] += 1e-6;
            minus[column] -= 1e-6;
            double[] up = new double[2], down = new double[2];
            M.Rk4Step(plus.AsSpan(0, 2), plus[2], up);
            M.Rk4Step(minus.AsSpan(0, 2), minus[2], down);
            for (int row = 0; row < 2; row++)
            {
                GradientAssert.Close((up[row] - down[row]) / 2e-6, j[row * 3 + column], 1e-7, $"J[{row},{column}]");
            }
        }
    }

    /// <summary>An element written from a call's value: forward mode once threw (SAD9999) instead of differentiating it.</summary>
    [Fact]
    public void ElementsWrittenFromCallsHaveTheirTangentAndPullback()
    {
        double[] x = [0.4, -1.3], y = new double[2], yDot = new double[2], dx = new double[2];
        double[] v = [0.7, 0.2], w = [-0.5, 1.1];
        double[,] j = { { x[1] + Math.Cos(x[0]), x[0] }, { x[1], x[0] + Math.Cos(x[1]) } };
        M.ElementsFromCallsTangent(x, y, v, yDot);
        GradientAssert.Close(j[0, 0] * v[0] + j[0, 1] * v[1], yDot[0], 1e-15, "(J·v)[0]");
        GradientAssert.Close(j[1, 0] * v[0] + j[1, 1] * v[1], yDot[1], 1e-15, "(J·v)[1]");
        M.ElementsFromCallsPullback(x, y, w, dx);
        GradientAssert.Close(j[0, 0] * w[0] + j[1, 0] * w[1], dx[0], 1e-15, "(Jᵀ·w)[0]");
        GradientAssert.Close(j[0, 1] * w[0] + j[1, 1] * w[1], dx[1], 1e-15, "(Jᵀ·w)[1]");
    }

    [Fact]
    public void AScalarResultIsTheFirstRow()
    {
        double[] x = [0.5, -1.5, 2.0], powers = new double[3], j = new double[4 * 3];
        double value = M.MomentsJacobian(x, powers, j);
        Assert.Equal(1.0, value);
        GradientAssert.Exact(powers, 0.25, 2.25, 4.0);
        GradientAssert.Exact(j, 1, 1, 1, 1.0, 0, 0, 0, -3.0, 0, 0, 0, 4.0);
        double[] dx = new double[3];
        Assert.Equal(1.0, M.MomentsBackward(x, powers, dx));
        GradientAssert.Exact(dx, 1, 1, 1);
    }

    [Fact]
    public void FewOutputsTakeReverseSweeps()
    {
        double[] x = [3, -4, 12], norm = new double[1], j = new double[3];
        M.NormJacobian(x, norm, j);
        Assert.Equal(13.0, norm[0]);
        GradientAssert.Exact(j, 3 / 13.0, -4 / 13.0, 12 / 13.0);
    }

    [Fact]
    public void PullbackAddsTheTransposedJacobianTimesTheOutputAdjoint()
    {
        double theta = 0.7;
        double[] p = [1.5, -0.4], q = new double[2], dq = [0.3, -2.0], dp = [10, 20];
        double dtheta = 5;
        M.RotatePullback(theta, p, q, dq, ref dtheta, dp);
        double[] j = new double[6];
        M.RotateJacobian(theta, p, new double[2], j);
        GradientAssert.Exact([dtheta, dp[0], dp[1]],
            5 + j[0] * dq[0] + j[3] * dq[1], 10 + j[1] * dq[0] + j[4] * dq[1], 20 + j[2] * dq[0] + j[5] * dq[1]);
    }

    [Fact]
    public void TangentIsTheJacobianTimesTheDirection()
    {
        double[] z = [0.3, -1.2, 2.0, 0.5], v = [1, -0.5, 0.25, 2], s = new double[4], sDot = new double[4], j = new double[16];
        M.SoftmaxTangent(z, s, v, sDot);
        M.SoftmaxJacobian(z, new double[4], j);
        for (int a = 0; a < 4; a++)
        {
            GradientAssert.Close(Enumerable.Range(0, 4).Sum(b => j[a * 4 + b] * v[b]), sDot[a], 1e-12, $"(J·v)[{a}]");
        }
    }

    [Fact]
    public void AMethodReadingItsOutput_EverySweepStartsFromWhatTheOutputHeld()
    {
        // 40 columns: several forward sweeps of Vector<double>.Count columns each, all at y_old.
        const int n = 40;
        double[] x = Enumerable.Range(0, n).Select(i => 0.1 * i - 1.5).ToArray();
        double[] old = Enumerable.Range(0, n).Select(i => 1.0 + 0.25 * i).ToArray();
        double[] y = (double[])old.Clone(), j = new double[n * n];
        M.ScaleInPlaceJacobian(x, y, j);
        GradientAssert.Near(y, 1e-15, old.Select((v, i) => v * x[i] + x[i]).ToArray());
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                GradientAssert.Close(r == c ? old[r] + 1 : 0, j[r * n + c], 1e-15, $"J[{r},{c}]");
            }
        }
    }

    [Fact]
    public void AMethodReadingItsOutput_EveryReverseSweepStartsFromWhatTheOutputHeld()
    {
        // Two rows and 40 columns: two reverse sweeps, each running ScaleBySum again from y_old.
        const int n = 40;
        double[] x = Enumerable.Range(0, n).Select(i => 0.05 * i - 0.7).ToArray();
        double[] old = [2.0, -3.0];
        double[] y = (double[])old.Clone(), j = new double[2 * n];
        M.ScaleBySumJacobian(x, y, j);
        double sum = x.Sum();
        GradientAssert.Near(y, 1e-13, old[0] * sum + x[0], old[1] * sum + x[1]);
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < n; c++)
            {
                GradientAssert.Close(old[r] + (r == c ? 1 : 0), j[r * n + c], 1e-15, $"J[{r},{c}]");
            }
        }
    }

    [Fact]
    public void JacobianChecksItsLength() =>
        Assert.Throws<ArgumentException>(() => M.RotateJacobian(0.1, [1.0, 2.0], new double[2], new double[5]));
}
