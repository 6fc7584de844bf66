using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.OutputModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Outputs that carry no derivative (issue 9): <c>out</c>/<c>ref</c> arguments of calls SourceAD does not
/// differentiate, local functions over data, and writes into integer and <c>[NoDiff]</c> scratch buffers. Each
/// gradient is checked against central differences and a closed form; the variables the calls write inside loops are
/// the ones the reverse sweep must see restored.
/// </summary>
internal static partial class OutputModels
{
    private static void Count(double v, out int whole, ref bool positive)
    {
        whole = (int)Math.Floor(v);
        positive = v > 0;
    }

    [Differentiable]
    public static double OutAndRefFlags(double x)
    {
        bool positive = false;
        Count(x, out int w, ref positive);
        return positive ? x * x * w : -x;
    }

    /// <summary>Σ over i &lt; n of x·r·q with q, r = DivRem(i + 7, 3): written in a loop, read by the reverse sweep.</summary>
    [Differentiable]
    public static double DivRemInALoop(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            int q = Math.DivRem(i + 7, 3, out int r);
            s += x * x * r + q * x;
        }
        return s;
    }

    [Differentiable]
    public static double TryParseConstant(double x, string text)
    {
        double scale = double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double parsed) ? parsed : 1;
        return scale * Math.Sin(x);
    }

    [Differentiable]
    public static double LocalFunctions(double x, int n)
    {
        static int Twice(int k) => 2 * k;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Twice(i) * x;
            if (Parity(i, out bool even) > 0 && even)
            {
                s += x * x;
            }
        }
        if (s > 1e6)
        {
            return s;
        }
        return s * Scale();
        static int Parity(int k, out bool even) { even = k % 2 == 0; return 1; }
        static double Scale() => 2.5;
    }

    /// <summary>Σ x[perm[i]]·work[i]·(1 + marks[i]) with perm reversed, work[i] = i/2 and marks counting, all written here.</summary>
    [Differentiable]
    public static double ScratchBuffers(double[] x, int[] perm, [NoDiff] double[] work, Span<int> marks)
    {
        for (int i = 0; i < perm.Length; i++)
        {
            perm[i] = perm.Length - 1 - i;
        }
        for (int i = 0; i < work.Length; i++)
        {
            work[i] = i * 0.5;
        }
        marks.Clear();
        double s = 0;
        for (int i = 0; i < perm.Length; i++)
        {
            marks[i]++;
            s += x[perm[i]] * x[perm[i]] * work[i] * (1 + marks[i]);
            perm[i] = -1;
        }
        return s;
    }
}

public class OutputsWithoutDerivative
{
    [Theory]
    [InlineData(2.5)]
    [InlineData(1.3)]
    [InlineData(-0.7)]
    public void OutIntegerAndRefBooleanOfAHelper(double x)
    {
        double[] g = GradientAssert.Check(p => M.OutAndRefFlags(p[0]), p => (M.OutAndRefFlagsBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, x > 0 ? 2 * x * Math.Floor(x) : -1);
    }

    [Fact]
    public void DivRemInALoop()
    {
        const double x = 0.8;
        const int n = 5;
        double[] g = GradientAssert.Check(p => M.DivRemInALoop(p[0], n), p => (M.DivRemInALoopBackward(p[0], n, out double dx), [dx]), x);
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            expected += 2 * x * ((i + 7) % 3) + (i + 7) / 3;
        }
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void TryParseGivesAConstant()
    {
        double[] g = GradientAssert.Check(p => M.TryParseConstant(p[0], "1.5"), p => (M.TryParseConstantBackward(p[0], "1.5", out double dx), [dx]), 0.4);
        GradientAssert.Exact(g, 1.5 * Math.Cos(0.4));
    }

    [Fact]
    public void LocalFunctionsOverData()
    {
        const double x = 0.3;
        const int n = 5;
        double[] g = GradientAssert.Check(p => M.LocalFunctions(p[0], n), p => (M.LocalFunctionsBackward(p[0], n, out double dx), [dx]), x);
        // s = x·Σ2i + x²·#even i; the result is 2.5·s.
        GradientAssert.Exact(g, 2.5 * (2 * (0 + 1 + 2 + 3 + 4) + 2 * x * 3));
    }

    [Fact]
    public void WritesIntoIntegerAndNoDiffScratchBuffers()
    {
        double[] point = { 0.5, -1.2, 2.0 };
        double F(double[] p) => M.ScratchBuffers(p, new int[3], new double[3], new int[3]);
        double[] g = GradientAssert.Check(F, p =>
        {
            double[] dx = new double[3];
            double value = M.ScratchBuffersBackward(p, new int[3], new double[3], new int[3], dx);
            return (value, dx);
        }, point);
        // perm = (2, 1, 0), work = (0, 0.5, 1), marks = 1: s = Σ x[2-i]²·work[i]·2.
        GradientAssert.Exact(g, 2 * 2 * point[0] * 1.0, 2 * 2 * point[1] * 0.5, 0.0);
    }
}
