using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.VectorCallModels;
using N = SourceAD.EndToEnd.Tests.NestedVectorModels;

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

    [Differentiable]
    public static void Scale(ReadOnlySpan<double> x, double s, [Output] Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = s * x[i];
        }
    }

    /// <summary>Output buffers reused in a loop, cleared by Array.Clear, Span.Clear and AsSpan().Clear.</summary>
    [Differentiable]
    public static double ClearedBetweenCalls(double[] x, double s)
    {
        double[] y = new double[x.Length];
        Span<double> z = stackalloc double[x.Length];
        double total = 0;
        for (int k = 0; k < 3; k++)
        {
            Array.Clear(y);
            Scale(x, s, y);
            z.Clear();
            Scale(y, s, z);
            y.AsSpan().Clear();
            Scale(z, s, y);
            total += y[0] * k + z[1];
        }
        return total;
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

/// <summary>Nested derivatives of a vector-valued method: its Pullback and Tangent called inside differentiated code.</summary>
internal static partial class NestedVectorModels
{
    /// <summary>yᵢ = s·xᵢ².</summary>
    [Differentiable]
    public static void Map(ReadOnlySpan<double> x, double s, [Output] Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = s * x[i] * x[i];
        }
    }

    /// <summary>With (dx, ds) = Jᵀ·w for w = (1, 2, …): ds² + Σ dxᵢ·yᵢ (reverse over reverse).</summary>
    [Differentiable]
    public static double Vjp(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] w = new double[x.Length];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = 1.0 + i;
        }
        double[] dx = new double[x.Length];
        double ds = 0.0;
        MapPullback(x, s, y, w, dx, ref ds);
        double t = ds * ds;
        for (int i = 0; i < dx.Length; i++)
        {
            t += dx[i] * y[i];
        }
        return t;
    }

    /// <summary>With ẏ = J·(v, ½) for v = (1, 0, −1, …): Σ ẏᵢ·yᵢ (reverse over forward).</summary>
    [Differentiable]
    public static double Jvp(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] yDot = new double[x.Length];
        double[] v = new double[x.Length];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = 1.0 - i;
        }
        MapTangent(x, s, y, v, 0.5, yDot);
        double t = 0.0;
        for (int i = 0; i < y.Length; i++)
        {
            t += yDot[i] * y[i];
        }
        return t;
    }

    /// <summary>Σ Jᵢⱼ² of Map's Jacobian J = [diag(2s·xᵢ) | xᵢ²], through a nested MapJacobian.</summary>
    [Differentiable]
    public static double JacobianNorm(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] jacobian = new double[x.Length * (x.Length + 1)];
        MapJacobian(x, s, y, jacobian);
        double t = 0.0;
        for (int i = 0; i < jacobian.Length; i++)
        {
            t += jacobian[i] * jacobian[i];
        }
        return t + y[0];
    }

    /// <summary>A nested MapJacobian into a span one column short: it throws, as MapJacobian itself does.</summary>
    [Differentiable]
    public static double ShortJacobian(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] jacobian = new double[x.Length * x.Length];
        MapJacobian(x, s, y, jacobian);
        return jacobian[0] + y[0];
    }

    /// <summary>yᵢ = s·xᵢ², and returns s·Σxᵢ: a vector-valued method that also returns a value.</summary>
    [Differentiable]
    public static double MapWithTotal(ReadOnlySpan<double> x, double s, [Output] Span<double> y)
    {
        double total = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = s * x[i] * x[i];
            total += s * x[i];
        }
        return total;
    }

    /// <summary>With (value, v̇, ẏ) from MapWithTotalTangent along (v, ½), v = (1, 0, −1, …): value·v̇ + Σ ẏᵢ·yᵢ.</summary>
    [Differentiable]
    public static double JvpWithValue(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] yDot = new double[x.Length];
        double[] v = new double[x.Length];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = 1.0 - i;
        }
        double value = MapWithTotalTangent(x, s, y, v, 0.5, yDot, out double valueDot);
        double t = value * valueDot;
        for (int i = 0; i < y.Length; i++)
        {
            t += yDot[i] * y[i];
        }
        return t;
    }

    /// <summary>value² + Σ Jᵢⱼ² + y₀ through a nested MapWithTotalJacobian (row 0 the value's derivative).</summary>
    [Differentiable]
    public static double JacobianNormWithValue(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] jacobian = new double[(x.Length + 1) * (x.Length + 1)];
        double value = MapWithTotalJacobian(x, s, y, jacobian);
        double t = value * value;
        for (int i = 0; i < jacobian.Length; i++)
        {
            t += jacobian[i] * jacobian[i];
        }
        return t + y[0];
    }

    /// <summary>
    /// y and dx read before MapPullback overwrites both (y = 2 + i, dx = ½): the reverse sweep saves both and must put
    /// each back, t = 2x₀ + ½x₁ + ds + Σ dxᵢ·yᵢ.
    /// </summary>
    [Differentiable]
    public static double VjpAfterReadingItsBuffers(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] w = new double[x.Length];
        double[] dx = new double[x.Length];
        for (int i = 0; i < w.Length; i++)
        {
            y[i] = 2.0 + i;
            w[i] = 1.0 + i;
            dx[i] = 0.5;
        }
        double before = y[0] * x[0] + dx[0] * x[1];
        double ds = 0.0;
        MapPullback(x, s, y, w, dx, ref ds);
        double t = before + ds;
        for (int i = 0; i < dx.Length; i++)
        {
            t += dx[i] * y[i];
        }
        return t;
    }

    /// <summary>yᵢ = yᵢ·s + xᵢ²: reads what its output held.</summary>
    [Differentiable]
    public static void Accumulate(ReadOnlySpan<double> x, double s, [Output] Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = y[i] * s + x[i] * x[i];
        }
    }

    /// <summary>y = cᵢ = 1 + i, then (dx, ds) = Jᵀ·w for w = (1, 2, …) through AccumulatePullback: ds² + Σ dxᵢ·yᵢ.</summary>
    [Differentiable]
    public static double VjpOfAReader(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] w = new double[x.Length];
        for (int i = 0; i < w.Length; i++)
        {
            y[i] = 1.0 + i;
            w[i] = 1.0 + i;
        }
        double[] dx = new double[x.Length];
        double ds = 0.0;
        AccumulatePullback(x, s, y, w, dx, ref ds);
        double t = ds * ds;
        for (int i = 0; i < dx.Length; i++)
        {
            t += dx[i] * y[i];
        }
        return t;
    }

    /// <summary>y = cᵢ = 1 + i, then ẏ = J·(v, ½) for v = (1, 0, −1, …) through AccumulateTangent: Σ ẏᵢ·yᵢ.</summary>
    [Differentiable]
    public static double JvpOfAReader(double[] x, double s)
    {
        double[] y = new double[x.Length];
        double[] yDot = new double[x.Length];
        double[] v = new double[x.Length];
        for (int i = 0; i < v.Length; i++)
        {
            y[i] = 1.0 + i;
            v[i] = 1.0 - i;
        }
        AccumulateTangent(x, s, y, v, 0.5, yDot);
        double t = 0.0;
        for (int i = 0; i < y.Length; i++)
        {
            t += yDot[i] * y[i];
        }
        return t;
    }

    /// <summary>y = cᵢ = 1 + i, then Σ Jᵢⱼ² + y₀ through AccumulateJacobian, J = [diag(2xᵢ) | cᵢ].</summary>
    [Differentiable]
    public static double JacobianNormOfAReader(double[] x, double s)
    {
        double[] y = new double[x.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = 1.0 + i;
        }
        double[] jacobian = new double[x.Length * (x.Length + 1)];
        AccumulateJacobian(x, s, y, jacobian);
        double t = 0.0;
        for (int i = 0; i < jacobian.Length; i++)
        {
            t += jacobian[i] * jacobian[i];
        }
        return t + y[0];
    }

    /// <summary>The residuals rᵢ = p·uᵢ − cᵢ·(1 + uᵢ²/10) of a small fit.</summary>
    [Differentiable]
    public static void Residuals(ReadOnlySpan<double> u, double p, [Output] Span<double> r)
    {
        for (int i = 0; i < u.Length; i++)
        {
            r[i] = p * u[i] - (1.0 + i) * (1.0 + u[i] * u[i] / 10.0);
        }
    }

    /// <summary>
    /// Gradient descent on ½‖r(u, p)‖² over u, the gradient Jᵀ·r from ResidualsPullback, until it is small (a trip
    /// count that depends on the data); returns Σ uᵢ at the end, a function of p.
    /// </summary>
    [Differentiable]
    public static double Descent(double p, [NoDiff] double eta, [NoDiff] double tolerance)
    {
        double[] u = new double[3];
        double[] r = new double[3];
        double[] g = new double[3];
        double[] residualsAgain = new double[3];
        for (int step = 0; step < 10000; step++)
        {
            for (int j = 0; j < r.Length; j++)
            {
                r[j] = 0.0;
            }
            Residuals(u, p, r);
            for (int j = 0; j < residualsAgain.Length; j++)
            {
                residualsAgain[j] = 0.0;
            }
            for (int j = 0; j < g.Length; j++)
            {
                g[j] = 0.0;
            }
            double gp = 0.0;
            ResidualsPullback(u, p, residualsAgain, r, g, ref gp);
            double norm = 0.0;
            for (int j = 0; j < g.Length; j++)
            {
                norm += g[j] * g[j];
                u[j] -= eta * g[j];
            }
            if (norm < tolerance * tolerance)
            {
                break;
            }
        }
        return u[0] + u[1] + u[2];
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
    public void OutputBuffersClearedByArrayClearAndSpanClear_MatchTheClosedForm()
    {
        // total = 3s³·x₀ + 3s²·x₁.
        double[] x = [0.5, -1.25, 2.0];
        double s = 0.75;
        var dx = new double[3];
        double value = M.ClearedBetweenCallsBackward(x, s, dx, out double ds);
        GradientAssert.Close(3 * s * s * s * x[0] + 3 * s * s * x[1], value, 1e-12);
        GradientAssert.Near(dx, 1e-12, 3 * s * s * s, 3 * s * s, 0);
        GradientAssert.Close(9 * s * s * x[0] + 6 * s * x[1], ds, 1e-12, "∂/∂s");
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

    [Fact]
    public void PullbackOfAVectorValuedMethodInsideAGradient_MatchesItsClosedForm()
    {
        // t = ds² + Σ 2s²wᵢxᵢ³ with ds = Σ wᵢxᵢ²: ∂t/∂xₖ = 4·ds·wₖxₖ + 6s²wₖxₖ², ∂t/∂s = 4s·Σ wᵢxᵢ³.
        double[] x = [0.5, -1.25, 2.0];
        double s = 0.75;
        double[] w = [1, 2, 3];
        var dx = new double[3];
        double value = N.VjpBackward(x, s, dx, out double dsOuter);
        double ds = Enumerable.Range(0, 3).Sum(i => w[i] * x[i] * x[i]);
        GradientAssert.Close(ds * ds + Enumerable.Range(0, 3).Sum(i => 2 * s * s * w[i] * Math.Pow(x[i], 3)), value, 1e-12);
        GradientAssert.Near(dx, 1e-12, Enumerable.Range(0, 3).Select(k => 4 * ds * w[k] * x[k] + 6 * s * s * w[k] * x[k] * x[k]).ToArray());
        GradientAssert.Close(4 * s * Enumerable.Range(0, 3).Sum(i => w[i] * Math.Pow(x[i], 3)), dsOuter, 1e-12, "∂t/∂s");

        // Forward over reverse: the tangent agrees with the gradient.
        double[] xDot = [0.3, -0.2, 1.0];
        N.VjpTangent(x, s, xDot, -0.4, out double slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum() - 0.4 * dsOuter, slope, 1e-12, "tangent");
    }

    [Fact]
    public void TangentOfAVectorValuedMethodInsideAGradient_MatchesItsClosedForm()
    {
        // t = Σ 2s²vᵢxᵢ³ + ½s·xᵢ⁴: ∂t/∂xₖ = 6s²vₖxₖ² + 2s·xₖ³, ∂t/∂s = Σ 4s·vᵢxᵢ³ + ½xᵢ⁴.
        double[] x = [0.5, -1.25, 2.0];
        double s = 0.75;
        double[] v = [1, 0, -1];
        var dx = new double[3];
        double value = N.JvpBackward(x, s, dx, out double ds);
        GradientAssert.Close(Enumerable.Range(0, 3).Sum(i => 2 * s * s * v[i] * Math.Pow(x[i], 3) + 0.5 * s * Math.Pow(x[i], 4)), value, 1e-12);
        GradientAssert.Near(dx, 1e-12, Enumerable.Range(0, 3).Select(k => 6 * s * s * v[k] * x[k] * x[k] + 2 * s * Math.Pow(x[k], 3)).ToArray());
        GradientAssert.Close(Enumerable.Range(0, 3).Sum(i => 4 * s * v[i] * Math.Pow(x[i], 3) + 0.5 * Math.Pow(x[i], 4)), ds, 1e-12, "∂t/∂s");

        // Forward over forward (through MapTangentTangent): the tangent agrees with the closed-form gradient.
        double[] xDot = [0.3, -0.2, 1.0];
        N.JvpTangent(x, s, xDot, -0.4, out double slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum() - 0.4 * ds, slope, 1e-12, "tangent");
    }

    [Fact]
    public void JacobianOfAVectorValuedMethodInsideAGradient_MatchesItsClosedForm()
    {
        // t = 4s²·Σxᵢ² + Σxᵢ⁴ + s·x₀²: ∂t/∂xₖ = 8s²xₖ + 4xₖ³ (+ 2s·x₀ for k = 0), ∂t/∂s = 8s·Σxᵢ² + x₀².
        double[] x = [0.5, -1.25, 2.0];
        double s = 0.75;
        var dx = new double[3];
        double value = N.JacobianNormBackward(x, s, dx, out double ds);
        double squares = x.Sum(v => v * v);
        GradientAssert.Close(4 * s * s * squares + x.Sum(v => Math.Pow(v, 4)) + s * x[0] * x[0], value, 1e-12);
        GradientAssert.Near(dx, 1e-12, x.Select((v, k) => 8 * s * s * v + 4 * Math.Pow(v, 3) + (k == 0 ? 2 * s * v : 0)).ToArray());
        GradientAssert.Close(8 * s * squares + x[0] * x[0], ds, 1e-12, "∂t/∂s");

        // Forward through the nested Jacobian (one MapTangentTangent per column).
        double[] xDot = [0.3, -0.2, 1.0];
        N.JacobianNormTangent(x, s, xDot, -0.4, out double slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum() - 0.4 * ds, slope, 1e-12, "tangent");
    }

    [Fact]
    public void ANestedJacobianChecksItsLengthAsTheJacobianDoes()
    {
        double[] x = [0.5, -1.25, 2.0];
        Assert.Throws<ArgumentException>(() => N.ShortJacobian(x, 0.75));
        Assert.Throws<ArgumentException>(() => N.ShortJacobianBackward(x, 0.75, new double[3], out _));
        Assert.Throws<ArgumentException>(() => N.ShortJacobianTangent(x, 0.75, new double[3], 1.0, out _));
    }

    [Fact]
    public void TangentOfAMethodReturningAValueAndOutputs_InsideAGradient_MatchesItsClosedForm()
    {
        // With S = Σxᵢ, V = Σvᵢ: t = s²SV + ½sS² + Σ 2s²vᵢxᵢ³ + ½s·xᵢ⁴, so
        // ∂t/∂xₖ = s²V + sS + 6s²vₖxₖ² + 2s·xₖ³ and ∂t/∂s = 2sSV + ½S² + Σ 4s·vᵢxᵢ³ + ½xᵢ⁴.
        double[] x = [0.5, -1.25, 2.0];
        double s = 0.75;
        double[] v = [1, 0, -1];
        double S = x.Sum(), V = v.Sum();
        var dx = new double[3];
        double value = N.JvpWithValueBackward(x, s, dx, out double ds);
        GradientAssert.Close(s * s * S * V + 0.5 * s * S * S + Enumerable.Range(0, 3).Sum(i => 2 * s * s * v[i] * Math.Pow(x[i], 3) + 0.5 * s * Math.Pow(x[i], 4)), value, 1e-12);
        GradientAssert.Near(dx, 1e-12, Enumerable.Range(0, 3).Select(k => s * s * V + s * S + 6 * s * s * v[k] * x[k] * x[k] + 2 * s * Math.Pow(x[k], 3)).ToArray());
        GradientAssert.Close(2 * s * S * V + 0.5 * S * S + Enumerable.Range(0, 3).Sum(i => 4 * s * v[i] * Math.Pow(x[i], 3) + 0.5 * Math.Pow(x[i], 4)), ds, 1e-12, "∂t/∂s");

        // Forward over forward, through MapWithTotalTangentTangent (its two result tangents: resultDot, resultDot2).
        double[] xDot = [0.3, -0.2, 1.0];
        N.JvpWithValueTangent(x, s, xDot, -0.4, out double slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum() - 0.4 * ds, slope, 1e-12, "tangent");
    }

    [Fact]
    public void JacobianOfAMethodReturningAValueAndOutputs_InsideAGradient_MatchesItsClosedForm()
    {
        // J = [s … s | S ; diag(2s·xᵢ) | xᵢ²], so t = s²S² + n·s² + S² + 4s²Σxᵢ² + Σxᵢ⁴ + s·x₀²:
        // ∂t/∂xₖ = 2s²S + 2S + 8s²xₖ + 4xₖ³ (+ 2s·x₀ for k = 0), ∂t/∂s = 2sS² + 2ns + 8sΣxᵢ² + x₀².
        double[] x = [0.5, -1.25, 2.0];
        double s = 0.75;
        int n = x.Length;
        double S = x.Sum(), squares = x.Sum(v => v * v);
        var dx = new double[3];
        double value = N.JacobianNormWithValueBackward(x, s, dx, out double ds);
        GradientAssert.Close(s * s * S * S + n * s * s + S * S + 4 * s * s * squares + x.Sum(v => Math.Pow(v, 4)) + s * x[0] * x[0], value, 1e-12);
        GradientAssert.Close(N.JacobianNormWithValue(x, s), value, 1e-12, "the primal, through the generated MapWithTotalJacobian");
        GradientAssert.Near(dx, 1e-12, x.Select((v, k) => 2 * s * s * S + 2 * S + 8 * s * s * v + 4 * Math.Pow(v, 3) + (k == 0 ? 2 * s * v : 0)).ToArray());
        GradientAssert.Close(2 * s * S * S + 2 * n * s + 8 * s * squares + x[0] * x[0], ds, 1e-12, "∂t/∂s");

        double[] xDot = [0.3, -0.2, 1.0];
        N.JacobianNormWithValueTangent(x, s, xDot, -0.4, out double slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum() - 0.4 * ds, slope, 1e-12, "tangent");
    }

    [Fact]
    public void BuffersANestedPullbackOverwrites_AreEachRestoredToTheirOwnValues()
    {
        // dxᵢ = ½ + 2s·wᵢxᵢ, yᵢ = s·xᵢ²: t = 2x₀ + ½x₁ + Σ wᵢxᵢ² + ½s·Σ xᵢ² + 2s²·Σ wᵢxᵢ³, so
        // ∂t/∂xₖ = 2δₖ₀ + ½δₖ₁ + 2wₖxₖ + s·xₖ + 6s²wₖxₖ² and ∂t/∂s = ½Σ xᵢ² + 4s·Σ wᵢxᵢ³.
        double[] x = [0.5, -1.25, 2.0];
        double s = 0.75;
        double[] w = [1, 2, 3];
        var dx = new double[3];
        double value = N.VjpAfterReadingItsBuffersBackward(x, s, dx, out double ds);
        IEnumerable<int> all = Enumerable.Range(0, 3);
        GradientAssert.Close(2 * x[0] + 0.5 * x[1] + all.Sum(i => w[i] * x[i] * x[i] + 0.5 * s * x[i] * x[i] + 2 * s * s * w[i] * Math.Pow(x[i], 3)), value, 1e-12);
        GradientAssert.Near(dx, 1e-12, all.Select(k => (k == 0 ? 2 : k == 1 ? 0.5 : 0) + 2 * w[k] * x[k] + s * x[k] + 6 * s * s * w[k] * x[k] * x[k]).ToArray());
        GradientAssert.Close(0.5 * x.Sum(v => v * v) + 4 * s * all.Sum(i => w[i] * Math.Pow(x[i], 3)), ds, 1e-12, "∂t/∂s");
    }

    [Fact]
    public void NestedDerivativesOfAMethodThatReadsItsOutput_MatchTheirClosedForms()
    {
        double[] x = [0.5, -1.25, 2.0];
        double s = 0.75;
        double[] c = [1, 2, 3], w = [1, 2, 3], v = [1, 0, -1];
        double[] xDot = [0.3, -0.2, 1.0];
        const double sDot = -0.4;
        IEnumerable<int> all = Enumerable.Range(0, 3);

        // Pullback: dxₖ = 2wₖxₖ, ds = Σ wᵢcᵢ (a constant), y = c·s + x²: t = ds² + Σ 2wᵢxᵢ(cᵢs + xᵢ²),
        // ∂t/∂xₖ = 2wₖcₖs + 6wₖxₖ², ∂t/∂s = Σ 2wᵢxᵢcᵢ.
        var dx = new double[3];
        double value = N.VjpOfAReaderBackward(x, s, dx, out double ds);
        double dsInner = all.Sum(i => w[i] * c[i]);
        GradientAssert.Close(dsInner * dsInner + all.Sum(i => 2 * w[i] * x[i] * (c[i] * s + x[i] * x[i])), value, 1e-12);
        GradientAssert.Near(dx, 1e-12, all.Select(k => 2 * w[k] * c[k] * s + 6 * w[k] * x[k] * x[k]).ToArray());
        GradientAssert.Close(all.Sum(i => 2 * w[i] * x[i] * c[i]), ds, 1e-12, "∂t/∂s (pullback)");
        N.VjpOfAReaderTangent(x, s, xDot, sDot, out double slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum() + sDot * ds, slope, 1e-12, "tangent (pullback)");

        // Tangent: ẏᵢ = ½cᵢ + 2xᵢvᵢ: t = Σ (½cᵢ + 2xᵢvᵢ)(cᵢs + xᵢ²),
        // ∂t/∂xₖ = 2vₖcₖs + 6vₖxₖ² + cₖxₖ, ∂t/∂s = Σ (½cᵢ + 2xᵢvᵢ)cᵢ.
        value = N.JvpOfAReaderBackward(x, s, dx, out ds);
        GradientAssert.Close(all.Sum(i => (0.5 * c[i] + 2 * x[i] * v[i]) * (c[i] * s + x[i] * x[i])), value, 1e-12);
        GradientAssert.Near(dx, 1e-12, all.Select(k => 2 * v[k] * c[k] * s + 6 * v[k] * x[k] * x[k] + c[k] * x[k]).ToArray());
        GradientAssert.Close(all.Sum(i => (0.5 * c[i] + 2 * x[i] * v[i]) * c[i]), ds, 1e-12, "∂t/∂s (tangent)");
        N.JvpOfAReaderTangent(x, s, xDot, sDot, out slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum() + sDot * ds, slope, 1e-12, "tangent (tangent)");

        // Jacobian J = [diag(2xᵢ) | cᵢ] at y = c: t = Σ 4xᵢ² + Σ cᵢ² + c₀s + x₀², ∂t/∂xₖ = 8xₖ (+ 2x₀), ∂t/∂s = c₀.
        value = N.JacobianNormOfAReaderBackward(x, s, dx, out ds);
        GradientAssert.Close(all.Sum(i => 4 * x[i] * x[i] + c[i] * c[i]) + c[0] * s + x[0] * x[0], value, 1e-12);
        GradientAssert.Close(N.JacobianNormOfAReader(x, s), value, 1e-12, "the primal, through the generated AccumulateJacobian");
        GradientAssert.Near(dx, 1e-12, all.Select(k => 8 * x[k] + (k == 0 ? 2 * x[0] : 0)).ToArray());
        GradientAssert.Close(c[0], ds, 1e-12, "∂t/∂s (Jacobian)");
        N.JacobianNormOfAReaderTangent(x, s, xDot, sDot, out slope);
        GradientAssert.Close(dx.Zip(xDot, (a, b) => a * b).Sum() + sDot * ds, slope, 1e-12, "tangent (Jacobian)");
    }

    [Fact]
    public void GradientDescentOnAVectorValuedResidual_DerivativeOfTheMinimiserMatchesCentralDifferences()
    {
        const double eta = 0.05, tolerance = 1e-10;
        double p = 1.3;
        double value = N.DescentBackward(p, eta, tolerance, out double dp);
        GradientAssert.Close(N.Descent(p, eta, tolerance), value, 1e-15);
        double h = 1e-5;
        double numeric = (N.Descent(p + h, eta, tolerance) - N.Descent(p - h, eta, tolerance)) / (2 * h);
        GradientAssert.Close(numeric, dp, 1e-5, "d(Σu*)/dp");
        N.DescentTangent(p, eta, tolerance, 1.0, out double slope);
        GradientAssert.Close(dp, slope, 1e-10, "forward over reverse");
    }
}
