using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.VectorCallModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Calls to vector-valued methods (<c>[Output]</c> buffers) from other <c>[Differentiable]</c> methods: the caller's
/// gradient goes through the callee's <c>Pullback</c>, its tangents through the callee's <c>Tangent</c> and
/// <c>Tangents</c>, its Hessian through the callee's <c>PullbackTangent</c>. Each is checked against a closed form or
/// central differences; VariantProperties checks every variant of the scalar ones against the gradient too.
/// </summary>
internal static partial class VectorCallModels
{
    /// <summary>3·q₀ + q₁² for q = R(θ)·p.</summary>
    [Differentiable]
    public static double RotatedScore(double theta, double[] p)
    {
        Span<double> q = stackalloc double[2];
        VectorModels.Rotate(theta, p, q);
        return 3 * q[0] + q[1] * q[1];
    }

    /// <summary>The cross-entropy of softmax(w·x) against a label, the softmax written into a local buffer.</summary>
    [Differentiable]
    public static double CrossEntropy(double[] z, [NoDiff] int label)
    {
        double[] s = new double[z.Length];
        VectorModels.Softmax(z, s);
        return -Math.Log(s[label]);
    }

    /// <summary>
    /// n RK4 steps of the Lotka–Volterra system, the step's output buffer reused: cleared before each call (a loop
    /// writing 0), so that it holds no derivative when the call starts. Returns the prey at the end.
    /// </summary>
    [Differentiable]
    public static double Integrate(double x0, double y0, [NoDiff] double h, [NoDiff] int n)
    {
        double[] state = new double[2];
        double[] next = new double[2];
        state[0] = x0;
        state[1] = y0;
        for (int k = 0; k < n; k++)
        {
            for (int j = 0; j < next.Length; j++)
            {
                next[j] = 0.0;
            }
            VectorModels.Rk4Step(state, h, next);
            state[0] = next[0];
            state[1] = next[1];
        }
        return state[0];
    }

    /// <summary>Two RK4 steps, the second writing this method's own output: a vector-valued method calling one.</summary>
    [Differentiable]
    public static void TwoSteps(ReadOnlySpan<double> y, double h, [Output] Span<double> after)
    {
        double[] middle = new double[2];
        VectorModels.Rk4Step(y, h, middle);
        VectorModels.Rk4Step(middle, h, after);
    }

    /// <summary>A callee that also returns a value: Σx from Moments, and the squares it writes.</summary>
    [Differentiable]
    public static double SumTimesSquares(double[] x)
    {
        double[] squares = new double[x.Length];
        double sum = VectorModels.Moments(x, squares);
        double t = 0;
        for (int i = 0; i < x.Length; i++)
        {
            t += sum * squares[i];
        }
        return t;
    }

    /// <summary>yᵢ = yᵢ/2 + xᵢ²: a callee that reads what its output held before the call.</summary>
    [Differentiable]
    public static void HalveAndAdd(ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = y[i] / 2 + x[i] * x[i];
        }
    }

    /// <summary>Σ yᵢ² for y = HalveAndAdd(x, [1, 2, …]): the constants the output held must reach the callee's pullback.</summary>
    [Differentiable]
    public static double SquaredAfterHalving(double[] x)
    {
        double[] y = new double[x.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = 1.0 + i;
        }
        HalveAndAdd(x, y);
        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            s += y[i] * y[i];
        }
        return s;
    }
}

public class VectorCalls
{
    private static double[] Numeric(Func<double[], double> f, double[] at, double step = 1e-6)
    {
        var g = new double[at.Length];
        for (int i = 0; i < at.Length; i++)
        {
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[i] += step;
            minus[i] -= step;
            g[i] = (f(plus) - f(minus)) / (2 * step);
        }
        return g;
    }

    [Fact]
    public void RotationInsideAScore_MatchesItsClosedForm()
    {
        double theta = 0.7, p0 = 1.3, p1 = -0.4;
        double[] p = [p0, p1], dp = new double[2];
        double value = M.RotatedScoreBackward(theta, p, out double dtheta, dp);
        double c = Math.Cos(theta), s = Math.Sin(theta);
        double q0 = c * p0 - s * p1, q1 = s * p0 + c * p1;
        GradientAssert.Close(3 * q0 + q1 * q1, value);
        GradientAssert.Close(3 * (-s * p0 - c * p1) + 2 * q1 * (c * p0 - s * p1), dtheta, 1e-12, "∂/∂θ");
        GradientAssert.Near(dp, 1e-12, 3 * c + 2 * q1 * s, -3 * s + 2 * q1 * c);
    }

    [Fact]
    public void RotationInsideAScore_TangentAndHessianMatchTheGradient()
    {
        double[] p = [1.3, -0.4];
        double[] pDot = [0.25, -1.5];
        double thetaDot = 0.6;
        M.RotatedScoreTangent(0.7, p, thetaDot, pDot, out double slope);
        M.RotatedScoreBackward(0.7, p, out double dtheta, new double[2]);
        var dp = new double[2];
        M.RotatedScoreBackward(0.7, p, out _, dp);
        GradientAssert.Close(dtheta * thetaDot + dp[0] * pDot[0] + dp[1] * pDot[1], slope, 1e-12, "tangent");

        // The Hessian against central differences of the generated gradient.
        var hessian = new double[9];
        M.RotatedScoreHessian(0.7, p, hessian);
        double[] Gradient(double[] at)
        {
            var g = new double[2];
            M.RotatedScoreBackward(at[0], [at[1], at[2]], out double d0, g);
            return [d0, g[0], g[1]];
        }
        double[] point = [0.7, 1.3, -0.4];
        for (int j = 0; j < 3; j++)
        {
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[j] += 1e-5;
            minus[j] -= 1e-5;
            double[] gp = Gradient(plus), gm = Gradient(minus);
            for (int i = 0; i < 3; i++)
            {
                GradientAssert.CloseOrTiny((gp[i] - gm[i]) / 2e-5, hessian[i * 3 + j], 1e-6, "H[" + i + "," + j + "]");
            }
        }
    }

    [Fact]
    public void SoftmaxIntoALocalBuffer_GradientIsSoftmaxMinusOneHot()
    {
        double[] z = [0.3, -1.2, 2.0, 0.5];
        var dz = new double[4];
        double value = M.CrossEntropyBackward(z, 2, dz);
        double max = z.Max();
        double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        GradientAssert.Close(-Math.Log(e[2] / sum), value, 1e-12);
        GradientAssert.Near(dz, 1e-12, e[0] / sum, e[1] / sum, e[2] / sum - 1, e[3] / sum);
    }

    [Fact]
    public void ReusedOutputBufferInALoop_GradientTangentAndHessianMatchCentralDifferences()
    {
        const double h = 0.1;
        const int n = 12;
        double F(double[] a) => M.Integrate(a[0], a[1], h, n);
        double[] at = [1.2, 0.8];
        double value = M.IntegrateBackward(at[0], at[1], h, n, out double dx0, out double dy0);
        GradientAssert.Close(F(at), value);
        GradientAssert.Near([dx0, dy0], 1e-7, Numeric(F, at));

        M.IntegrateTangent(at[0], at[1], h, n, 0.3, -0.7, out double slope);
        GradientAssert.Close(0.3 * dx0 - 0.7 * dy0, slope, 1e-12, "tangent");

        var hessian = new double[4];
        M.IntegrateHessian(at[0], at[1], h, n, hessian);
        double[] Gradient(double[] a)
        {
            M.IntegrateBackward(a[0], a[1], h, n, out double g0, out double g1);
            return [g0, g1];
        }
        for (int j = 0; j < 2; j++)
        {
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[j] += 1e-5;
            minus[j] -= 1e-5;
            for (int i = 0; i < 2; i++)
            {
                GradientAssert.Close((Gradient(plus)[i] - Gradient(minus)[i]) / 2e-5, hessian[i * 2 + j], 1e-6, "H[" + i + "," + j + "]");
            }
        }
    }

    [Fact]
    public void VectorValuedCaller_JacobianPullbackAndTangentMatchCentralDifferences()
    {
        double[] y = [1.2, 0.8];
        const double h = 0.1;
        double[] Map(double[] a)
        {
            var after = new double[2];
            M.TwoSteps(a.AsSpan(0, 2), a[2], after);
            return after;
        }
        double[] at = [y[0], y[1], h];
        var jacobian = new double[2 * 3];
        var after = new double[2];
        M.TwoStepsJacobian(y, h, after, jacobian);
        GradientAssert.Near(after, 1e-15, Map(at));
        for (int j = 0; j < 3; j++)
        {
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[j] += 1e-6;
            minus[j] -= 1e-6;
            for (int i = 0; i < 2; i++)
            {
                GradientAssert.Close((Map(plus)[i] - Map(minus)[i]) / 2e-6, jacobian[i * 3 + j], 1e-7, "J[" + i + "," + j + "]");
            }
        }

        // Pullback: Jᵀ·w; tangent: J·v.
        double[] w = [0.5, -2.0];
        var dy = new double[2];
        double dh = 0;
        M.TwoStepsPullback(y, h, new double[2], w, dy, ref dh);
        GradientAssert.Near([dy[0], dy[1], dh], 1e-12,
            Enumerable.Range(0, 3).Select(j => w[0] * jacobian[j] + w[1] * jacobian[3 + j]).ToArray());
        double[] v = [0.3, -0.1, 2.0];
        var afterDot = new double[2];
        M.TwoStepsTangent(y, h, new double[2], v.AsSpan(0, 2), v[2], afterDot);
        GradientAssert.Near(afterDot, 1e-12,
            Enumerable.Range(0, 2).Select(i => Enumerable.Range(0, 3).Sum(j => jacobian[i * 3 + j] * v[j])).ToArray());
    }

    [Fact]
    public void CalleeReturningAValueAndWritingAnOutput_MatchesItsClosedForm()
    {
        // t = (Σx)·(Σx²): ∂t/∂xₖ = Σx² + 2xₖ·Σx.
        double[] x = [0.5, -1.25, 2.0];
        var dx = new double[3];
        double value = M.SumTimesSquaresBackward(x, dx);
        double s = x.Sum(), q = x.Sum(v => v * v);
        GradientAssert.Close(s * q, value, 1e-12);
        GradientAssert.Near(dx, 1e-12, x.Select(v => q + 2 * v * s).ToArray());
    }

    [Fact]
    public void CalleeThatReadsItsOutput_GetsWhatTheOutputHeld()
    {
        // yᵢ = (1 + i)/2 + xᵢ², s = Σ yᵢ²: ∂s/∂xᵢ = 4·yᵢ·xᵢ.
        double[] x = [0.5, -1.25, 2.0];
        var dx = new double[3];
        double value = M.SquaredAfterHalvingBackward(x, dx);
        double[] y = x.Select((v, i) => (1.0 + i) / 2 + v * v).ToArray();
        GradientAssert.Close(y.Sum(v => v * v), value, 1e-12);
        GradientAssert.Near(dx, 1e-12, y.Select((v, i) => 4 * v * x[i]).ToArray());
        double[] xDot = [1.0, 0.5, -0.25];
        M.SquaredAfterHalvingTangent(x, xDot, out double slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum(), slope, 1e-12, "tangent");
    }
}
