using System.Numerics;
using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.LaneModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Methods for vector forward mode (<c>FTangents</c>, and the Jacobian's chunked forward sweeps): buffers, loops,
/// local buffers, calls to other <c>[Differentiable]</c> methods, <c>[DerivativeOf]</c> rules on scalars and on
/// buffers, a scalar result beside an output, and a wide map whose Jacobian takes reverse sweeps.
/// </summary>
internal static partial class LaneModels
{
    /// <summary>A smooth pairwise term, through another [Differentiable] method.</summary>
    [Differentiable]
    public static double Pair(double a, double b) => a * Math.Sin(b) + Math.Exp(0.1 * a * b);

    public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [DerivativeOf(nameof(Softplus))]
    public static void SoftplusPullback(double x, double dResult, ref double dx) => dx += dResult / (1 + Math.Exp(-x));

    /// <summary>Σ w[i]·x[i]², with a hand-written pullback over a buffer.</summary>
    public static double WeightedSquares(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += w[i] * x[i] * x[i];
        }
        return sum;
    }

    [DerivativeOf(nameof(WeightedSquares))]
    public static void WeightedSquaresPullback(ReadOnlySpan<double> x, ReadOnlySpan<double> w, double dResult, Span<double> dx, Span<double> dw)
    {
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] += dResult * 2 * w[i] * x[i];
            dw[i] += dResult * x[i] * x[i];
        }
    }

    /// <summary>
    /// A tall map: 3 outputs per input plus 4 more, through a local buffer (running sums), a call to
    /// <see cref="Pair"/>, the scalar rule <see cref="Softplus"/> and the buffer rule <see cref="WeightedSquares"/>
    /// (with a [NoDiff] weight buffer).
    /// </summary>
    [Differentiable]
    public static void Tall(ReadOnlySpan<double> x, double s, [NoDiff] ReadOnlySpan<double> weights, [Output] Span<double> y)
    {
        int n = x.Length;
        double[] running = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += x[i] * s;
            running[i] = total;
        }
        for (int i = 0; i < n; i++)
        {
            y[3 * i] = Pair(x[i], running[i]);
            y[3 * i + 1] = Softplus(x[i] - s * running[n - 1 - i]);
            y[3 * i + 2] = running[i] / (1 + x[i] * x[i]);
        }
        double squares = WeightedSquares(x, weights);
        y[3 * n] = squares;
        y[3 * n + 1] = Math.Sqrt(1 + squares) * s;
        y[3 * n + 2] = s > 0 ? Math.Tanh(s * x[0]) : x[0];
        y[3 * n + 3] = Math.Pow(Math.Abs(x[n - 1]) + 1, s);
    }

    /// <summary>A scalar result beside an output: the Jacobian's first row is the result's gradient.</summary>
    [Differentiable]
    public static double WithValue(double a, ReadOnlySpan<double> x, [Output] double[] y)
    {
        double product = a;
        for (int i = 0; i < x.Length; i++)
        {
            y[2 * i] = Math.Cos(a * x[i]);
            y[2 * i + 1] = x[i] * product;
            product *= x[i];
        }
        return product + a * a;
    }

    /// <summary>A wide map (2 outputs, many inputs): reverse sweeps, a row each.</summary>
    [Differentiable]
    public static void Wide(ReadOnlySpan<double> x, [Output] Span<double> y)
    {
        double sum = 0, squares = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Sin(x[i]) * (i + 1);
            squares += x[i] * x[i];
        }
        y[0] = sum;
        y[1] = Math.Sqrt(squares);
    }
}

/// <summary>
/// The Jacobian with vector forward mode against three independent computations: central differences of the method,
/// column by column; the scalar <c>FTangent</c> along each unit direction; and <c>FPullback</c> with each unit output
/// adjoint (a row). Input counts straddle the chunk width (<see cref="Vector{T}.Count"/>): one input, one chunk
/// exactly, a chunk and one, and a count that is no multiple of it. <c>FTangents</c> itself is checked lane by lane
/// against <c>FTangent</c> along each lane's direction.
/// </summary>
public class VectorJacobians
{
    private static readonly int Lanes = Vector<double>.Count;

    public static TheoryData<int> InputCounts() => new() { 1, 2, Lanes - 1, Lanes, Lanes + 1, 2 * Lanes + 3 };

    private static double[] Point(int n, double shift) => Enumerable.Range(0, n).Select(i => 0.3 + 0.17 * i * (i % 2 == 0 ? 1 : -1) + shift).ToArray();

    [Theory]
    [MemberData(nameof(InputCounts))]
    public void TallJacobianMatchesDifferencesTangentsAndPullbacks(int count)
    {
        double[] x = Point(count, 0.1), weights = Point(count, 0.5);
        double s = 0.8;
        int n = count + 1, m = 3 * count + 4;
        double[] y = new double[m], jacobian = new double[m * n];
        M.TallJacobian(x, s, weights, y, jacobian);
        double[] primal = new double[m];
        M.Tall(x, s, weights, primal);
        GradientAssert.Exact(y, primal);

        double[] point = [.. x, s];
        void Evaluate(double[] p, double[] into) => M.Tall(p.AsSpan(0, count), p[count], weights, into);
        for (int column = 0; column < n; column++)
        {
            // Central differences.
            double h = 1e-6;
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[column] += h;
            minus[column] -= h;
            double[] up = new double[m], down = new double[m];
            Evaluate(plus, up);
            Evaluate(minus, down);
            // The scalar tangent along e(column).
            double[] direction = new double[n];
            direction[column] = 1;
            double[] yDot = new double[m];
            M.TallTangent(x, s, weights, new double[m], direction.AsSpan(0, count), direction[count], yDot);
            for (int row = 0; row < m; row++)
            {
                GradientAssert.CloseOrTiny((up[row] - down[row]) / (2 * h), jacobian[row * n + column], 1e-6, $"J[{row},{column}] vs central differences");
                GradientAssert.CloseOrTiny(yDot[row], jacobian[row * n + column], 1e-13, $"J[{row},{column}] vs the scalar tangent");
            }
        }
        for (int row = 0; row < m; row++)
        {
            double[] seed = new double[m], dx = new double[count];
            seed[row] = 1;
            double ds = 0;
            M.TallPullback(x, s, weights, new double[m], seed, dx, ref ds);
            double[] reverse = [.. dx, ds];
            for (int column = 0; column < n; column++)
            {
                GradientAssert.CloseOrTiny(reverse[column], jacobian[row * n + column], 1e-12, $"J[{row},{column}] vs the pullback's row");
            }
        }
    }

    [Theory]
    [MemberData(nameof(InputCounts))]
    public void ScalarResultIsTheFirstRowInEveryChunk(int count)
    {
        double a = 0.9;
        double[] x = Point(count, 0.2);
        int n = count + 1, m = 1 + 2 * count;
        double[] y = new double[2 * count], jacobian = new double[m * n];
        double value = M.WithValueJacobian(a, x, y, jacobian);
        Assert.Equal(M.WithValue(a, x, new double[2 * count]), value);
        for (int column = 0; column < n; column++)
        {
            double[] direction = new double[n];
            direction[column] = 1;
            double[] yDot = new double[2 * count];
            M.WithValueTangent(a, x, new double[2 * count], direction[0], direction.AsSpan(1), yDot, out double valueDot);
            GradientAssert.CloseOrTiny(valueDot, jacobian[column], 1e-13, $"J[0,{column}] vs the scalar tangent");
            for (int row = 1; row < m; row++)
            {
                GradientAssert.CloseOrTiny(yDot[row - 1], jacobian[row * n + column], 1e-13, $"J[{row},{column}] vs the scalar tangent");
            }
        }
        // The first row against the gradient of the value (reverse mode).
        double[] dx = new double[count];
        double da = 0;
        M.WithValuePullback(a, x, new double[2 * count], 1, new double[2 * count], ref da, dx);
        GradientAssert.Near(jacobian[..n], 1e-12, [da, .. dx]);
    }

    [Fact]
    public void WideJacobianTakesReverseRowsAndMatchesDifferences()
    {
        int count = 4 * Lanes + 1;
        double[] x = Point(count, 0.0), y = new double[2], jacobian = new double[2 * count];
        M.WideJacobian(x, y, jacobian);
        for (int column = 0; column < count; column++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[column] += 1e-6;
            minus[column] -= 1e-6;
            double[] up = new double[2], down = new double[2];
            M.Wide(plus, up);
            M.Wide(minus, down);
            for (int row = 0; row < 2; row++)
            {
                GradientAssert.CloseOrTiny((up[row] - down[row]) / 2e-6, jacobian[row * count + column], 1e-6, $"J[{row},{column}]");
            }
        }
    }

    /// <summary>Lane j of FTangents is FTangent along direction j, and the value is the method's.</summary>
    [Fact]
    public void EachLaneOfTangentsIsTheTangentAlongItsDirection()
    {
        int count = 5;
        double[] x = Point(count, 0.3), weights = Point(count, -0.2);
        double s = 1.3;
        int m = 3 * count + 4;
        var random = new Random(11);
        double[][] directions = Enumerable.Range(0, Lanes).Select(_ => Enumerable.Range(0, count + 1).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var xDots = new Vector<double>[count];
        for (int i = 0; i < count; i++)
        {
            xDots[i] = new Vector<double>(directions.Select(d => d[i]).ToArray());
        }
        var sDot = new Vector<double>(directions.Select(d => d[count]).ToArray());
        double[] y = new double[m];
        var yDots = new Vector<double>[m];
        M.TallTangents(x, s, weights, y, xDots, sDot, yDots);
        double[] primal = new double[m];
        M.Tall(x, s, weights, primal);
        GradientAssert.Exact(y, primal);
        for (int lane = 0; lane < Lanes; lane++)
        {
            double[] yDot = new double[m];
            M.TallTangent(x, s, weights, new double[m], directions[lane].AsSpan(0, count), directions[lane][count], yDot);
            for (int row = 0; row < m; row++)
            {
                GradientAssert.CloseOrTiny(yDot[row], yDots[row][lane], 1e-13, $"lane {lane}, output {row}");
            }
        }
    }
}
