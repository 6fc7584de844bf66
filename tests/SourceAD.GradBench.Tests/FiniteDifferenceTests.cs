using SourceAD.GradBench.Evals.Ba;
using SourceAD.GradBench.Evals.Det;
using SourceAD.GradBench.Evals.Gmm;
using SourceAD.GradBench.Evals.Hello;
using SourceAD.GradBench.Evals.Llsq;
using SourceAD.GradBench.Evals.Lse;
using SourceAD.GradBench.Evals.Lstm;
using SourceAD.GradBench.Evals.Ode;

namespace SourceAD.GradBench.Tests;

/// <summary>Every generated derivative the tool reports, against central differences of its primal, on small inputs.</summary>
public sealed class FiniteDifferenceTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(-2.5)]
    [InlineData(0.0)]
    [InlineData(3.0)]
    public void HelloDoubleIsTheDerivativeOfSquare(double x)
    {
        HelloObjective.SquareBackward(x, out double dx);
        GradientAssert.Close(CentralDifference.Gradient(v => HelloObjective.Square(v[0]), [x]), [dx], Tolerance);
    }

    [Fact]
    public void LseGradient()
    {
        double[] x = Random(7, 1, scale: 4);
        var gradient = new double[x.Length];
        LseObjective.LogSumExpBackward(x, gradient);
        GradientAssert.Close(CentralDifference.Gradient(v => LseObjective.LogSumExp(v), x), gradient, Tolerance);
    }

    [Fact]
    public void LlsqGradient()
    {
        double[] x = Random(5, 2);
        var gradient = new double[x.Length];
        LlsqObjective.PrimalBackward(x, 9, gradient);
        GradientAssert.Close(CentralDifference.Gradient(v => LlsqObjective.Primal(v, 9), x), gradient, Tolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void DetGradient(int ell)
    {
        double[] a = Random(ell * ell, 3);
        var gradient = new double[a.Length];
        DetObjective.DeterminantBackward(a, ell, gradient);
        GradientAssert.Close(CentralDifference.Gradient(v => DetObjective.Determinant(v, ell), a), gradient, Tolerance);
    }

    [Fact]
    public void DetOfTwoByTwoIsAdMinusBc()
    {
        Assert.Equal(1.0 * 4.0 - 2.0 * 3.0, DetObjective.Determinant([1.0, 2.0, 3.0, 4.0], 2));
    }

    [Theory]
    [InlineData(6, 3)]
    [InlineData(4, 10)]
    public void OdeGradientOfTheLastComponent(int n, int s)
    {
        double[] x = Random(n, 4);
        var gradient = new double[n];
        OdeObjective.LastComponentBackward(x, s, gradient);
        GradientAssert.Close(CentralDifference.Gradient(v => Integrated(v, s)[^1], x), gradient, Tolerance);
    }

    /// <summary>The gradient's function and the primal are written twice (no vector-valued [Differentiable] methods yet): they must agree.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(6, 3)]
    [InlineData(20, 10)]
    public void OdeLastComponentIsThePrimalsLastValue(int n, int s)
    {
        double[] x = Random(n, 5);
        Assert.Equal(Integrated(x, s)[^1], OdeObjective.LastComponent(x, s));
    }

    [Fact]
    public void GmmGradient()
    {
        const int d = 3, k = 2, n = 5;
        double[] alpha = Random(k, 6), mu = Random(k * d, 7), q = Random(k * d, 8), l = Random(k * 3, 9), x = Random(n * d, 10, scale: 2);
        double[] dAlpha = new double[k], dMu = new double[k * d], dQ = new double[k * d], dL = new double[k * 3];
        GmmObjective.ObjectiveBackward(alpha, mu, q, l, x, d, k, n, 1.0, 2, dAlpha, dMu, dQ, dL);
        GradientAssert.Close(CentralDifference.Gradient(v => GmmObjective.Objective(v, mu, q, l, x, d, k, n, 1.0, 2), alpha), dAlpha, Tolerance);
        GradientAssert.Close(CentralDifference.Gradient(v => GmmObjective.Objective(alpha, v, q, l, x, d, k, n, 1.0, 2), mu), dMu, Tolerance);
        GradientAssert.Close(CentralDifference.Gradient(v => GmmObjective.Objective(alpha, mu, v, l, x, d, k, n, 1.0, 2), q), dQ, Tolerance);
        GradientAssert.Close(CentralDifference.Gradient(v => GmmObjective.Objective(alpha, mu, q, v, x, d, k, n, 1.0, 2), l), dL, Tolerance);
    }

    [Fact]
    public void LstmGradient()
    {
        const int l = 2, b = 3, c = 4;
        double[] main = Random(8 * l * b, 11), extra = Random(3 * b, 12), state = Random(2 * l * b, 13), sequence = Random(c * b, 14);
        double[] dMain = new double[main.Length], dExtra = new double[extra.Length];
        LstmObjective.ObjectiveBackward(main, extra, state, sequence, l, c, b, dMain, dExtra);
        GradientAssert.Close(CentralDifference.Gradient(v => LstmObjective.Objective(v, extra, state, sequence, l, c, b), main), dMain, Tolerance);
        GradientAssert.Close(CentralDifference.Gradient(v => LstmObjective.Objective(main, v, state, sequence, l, c, b), extra), dExtra, Tolerance);
    }

    /// <summary>Each CSR entry of the BA Jacobian is the central difference of its row's residual in its column's variable.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BaJacobianEntries(bool zeroRotation)
    {
        double[] cam = [0.3, -0.2, 0.1, 1.0, 2.0, -8.0, 400.0, 5.0, -8.0, 0.08, 0.003];
        if (zeroRotation)
        {
            cam[0] = cam[1] = cam[2] = 0;
        }
        BaProblem problem = BaProblem.From(new BaInput(2, 3, 4, cam, [0.5, -0.4, 3.0], 0.7, [200.0, 300.0]));
        BaJacobian jacobian = BaJacobian.Compute(problem);
        Assert.Equal(3 * problem.P + 1, jacobian.Rows.Length);
        Assert.Equal(31 * problem.P, jacobian.Rows[^1]);
        for (int row = 0; row < 3 * problem.P; row++)
        {
            for (int entry = jacobian.Rows[row]; entry < jacobian.Rows[row + 1]; entry++)
            {
                double numeric = ResidualDerivative(problem, row, jacobian.Cols[entry]);
                GradientAssert.Close([numeric], [jacobian.Vals[entry]], Tolerance);
            }
        }
    }

    /// <summary>∂ residual(row) / ∂ variable(column) by central differences of the primal residuals, on a copy of the problem's variables.</summary>
    private static double ResidualDerivative(BaProblem problem, int row, int column)
    {
        double[] cams = (double[])problem.Cams.Clone(), x = (double[])problem.X.Clone(), w = (double[])problem.W.Clone();
        int pointsStart = BaProblem.CameraParameters * problem.N, weightsStart = pointsStart + 3 * problem.M;
        (double[] variables, int index) = column < pointsStart ? (cams, column)
            : column < weightsStart ? (x, column - pointsStart)
            : (w, column - weightsStart);
        double Residual()
        {
            if (row >= 2 * problem.P)
            {
                return BaObjective.WeightError(w[row - 2 * problem.P]);
            }
            int i = row / 2;
            return BaObjective.ReprojectionError(
                cams.AsSpan(problem.CameraOf(i) * BaProblem.CameraParameters, BaProblem.CameraParameters),
                x.AsSpan(problem.PointOf(i) * 3, 3), w[i], problem.Feats.AsSpan(2 * i, 2), row % 2);
        }
        double original = variables[index];
        double step = CentralDifference.Step * Math.Max(1, Math.Abs(original));
        variables[index] = original + step;
        double plus = Residual();
        variables[index] = original - step;
        double minus = Residual();
        return (plus - minus) / (2 * step);
    }

    private static double[] Integrated(double[] x, int s)
    {
        var y = new double[x.Length];
        OdeObjective.Integrate(x, s, y);
        return y;
    }

    private static double[] Random(int count, int seed, double scale = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }
}
