using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.LoopModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>for, while and do loops; nesting; break and continue; early returns; convergence tests.</summary>
internal static partial class LoopModels
{
    [Differentiable]
    public static double ForLoop(double x, int n)
    {
        double y = 1;
        for (int i = 0; i < n; i++)
        {
            y = y * x + 1;
        }
        return y;
    }

    [Differentiable]
    public static double WhileLoop(double x, int n)
    {
        int i = 0;
        double s = 0;
        while (i < n)
        {
            s += Math.Sin(x * i);
            i++;
        }
        return s;
    }

    [Differentiable]
    public static double DoLoop(double x, int n)
    {
        double y = x;
        int i = 0;
        do
        {
            y = y * y * 0.5 + x;
            i++;
        }
        while (i < n);
        return y;
    }

    [Differentiable]
    public static double NestedLoops(double x, double y, int n, int m)
    {
        double p = 1;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                p = p * (x + j * y);
            }
        }
        return p;
    }

    [Differentiable]
    public static double BreakAndContinueInNestedLoops(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 1)
            {
                continue;
            }
            for (int j = 0; j < n; j++)
            {
                if (j > i)
                {
                    break;
                }
                if (j == 1)
                {
                    continue;
                }
                s += x * (i + 1) * (j + 1) + x * x;
            }
        }
        return s;
    }

    [Differentiable]
    public static double BreakOnValue(double x)
    {
        double s = 0;
        int k = 0;
        while (true)
        {
            k++;
            s += x * k;
            if (s > 10)
            {
                break;
            }
        }
        return s;
    }

    [Differentiable]
    public static double EarlyReturnInLoop(double x, int n)
    {
        double y = x;
        for (int i = 0; i < n; i++)
        {
            y = y * x;
            if (y > 100)
            {
                return y * 2;
            }
        }
        return y;
    }

    [Differentiable]
    public static double ExpSeries(double x)
    {
        double sum = 1, term = 1;
        int k = 0;
        while (Math.Abs(term) > 1e-16)
        {
            k++;
            term = term * x / k;
            sum += term;
        }
        return sum;
    }

    [Differentiable]
    public static double NewtonSqrt(double x)
    {
        double y = x;
        while (Math.Abs(y * y - x) > 1e-14 * x)
        {
            y = 0.5 * (y + x / y);
        }
        return y;
    }

    [Differentiable]
    public static double SequentialLoopsReuseCounter(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += x * i;
        }
        for (int i = 0; i < n; i++)
        {
            s = s * x;
        }
        return s;
    }

    [Differentiable]
    public static double LocalsDeclaredInLoopBody(double x, int n)
    {
        double a = 1, b = x;
        for (int i = 0; i < n; i++)
        {
            double next = a + b * x;
            a = b;
            b = next;
        }
        return b;
    }

    [Differentiable]
    public static double ParameterReassignedInLoop(double x, double y, int n)
    {
        for (int i = 0; i < n; i++)
        {
            y = y * x + 1;
            x = x * 0.5;
        }
        return y * x;
    }

    [Differentiable]
    public static double ContinueInWhileAndDo(double x, int n)
    {
        double s = 0;
        int i = 0;
        while (i < n)
        {
            i++;
            if (i % 3 == 0)
            {
                continue;
            }
            s += x * i;
        }
        int j = 0;
        do
        {
            j++;
            if (j == 2)
            {
                continue;
            }
            s = s * x;
        }
        while (j < 3);
        return s;
    }

    [Differentiable]
    public static double TwoLoopVariables(double x, int n)
    {
        double s = 0;
        for (int i = 0, j = n; i < j; i++, j--)
        {
            s += x * (j - i);
        }
        return s;
    }

    [Differentiable]
    public static double DoubleLoopVariable(double x)
    {
        double s = 0;
        for (double u = x; u < 10; u *= 2)
        {
            s += u;
        }
        return s;
    }

    [Differentiable]
    public static double EarlyReturnInNestedLoops(double x, int n)
    {
        double p = 1;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                p = p * x;
                if (p > 50)
                {
                    return p + i;
                }
            }
        }
        return -p;
    }

    [Differentiable]
    public static double NewtonCubeRootDoWhile(double x)
    {
        double y = 1;
        double delta;
        do
        {
            double next = y - (y * y * y - x) / (3 * y * y);
            delta = next - y;
            y = next;
        }
        while (Math.Abs(delta) > 1e-15 * Math.Abs(y));
        return y;
    }

    [Differentiable]
    public static double BreakInSwitchInsideLoop(double x, int n, int mode)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            switch (mode)
            {
                case 0:
                    s += x;
                    break;
                default:
                    s -= x;
                    break;
            }
            s = s * x;
        }
        return s;
    }

    [Differentiable]
    public static double ContinueInSwitchInsideLoop(double x, int n)
    {
        double s = 1;
        for (int i = 0; i < n; i++)
        {
            switch (i % 2)
            {
                case 0:
                    continue;
            }
            s = s * x;
        }
        return s;
    }

    [Differentiable]
    public static double ReturnInSwitchInsideLoop(double x, int n)
    {
        double s = 1;
        for (int i = 0; i < n; i++)
        {
            switch (i)
            {
                case 2:
                    return s * 10;
            }
            s = s * x;
        }
        return s;
    }
}

public sealed class LoopTests
{
    [Theory]
    [InlineData(1.3, 0)]
    [InlineData(1.3, 1)]
    [InlineData(-0.8, 5)]
    public void ForLoopWithIntTripCount(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.ForLoop(p[0], n), p => (M.ForLoopBackward(p[0], n, out double dx), [dx]), x);
        double expected = 0; // d/dx of 1 + x + ... + x^n
        for (int k = 1; k <= n; k++)
        {
            expected += k * Math.Pow(x, k - 1);
        }
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 1)]
    [InlineData(0.7, 4)]
    public void WhileLoop(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.WhileLoop(p[0], n), p => (M.WhileLoopBackward(p[0], n, out double dx), [dx]), x);
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            expected += i * Math.Cos(x * i);
        }
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(0.3, 0)]
    [InlineData(0.3, 1)]
    [InlineData(-0.6, 4)]
    public void DoLoopRunsAtLeastOnce(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.DoLoop(p[0], n), p => (M.DoLoopBackward(p[0], n, out double dx), [dx]), x);
        double y = x, dy = 1; // forward-mode recurrence: y' = y·y' + 1
        int i = 0;
        do
        {
            dy = y * dy + 1;
            y = y * y * 0.5 + x;
            i++;
        }
        while (i < n);
        GradientAssert.Exact(g, dy);
    }

    [Theory]
    [InlineData(1.1, 0.3, 0, 3)]
    [InlineData(1.1, 0.3, 1, 1)]
    [InlineData(1.1, 0.3, 2, 3)]
    public void NestedLoops(double x, double y, int n, int m)
    {
        double[] g = GradientAssert.Check(p => M.NestedLoops(p[0], p[1], n, m), p => (M.NestedLoopsBackward(p[0], p[1], n, m, out double dx, out double dy), [dx, dy]), x, y);
        double value = 1, sx = 0, sy = 0; // p = (Π_j (x + j·y))^n
        for (int j = 0; j < m; j++)
        {
            value *= x + j * y;
            sx += 1 / (x + j * y);
            sy += j / (x + j * y);
        }
        value = Math.Pow(value, n);
        GradientAssert.Exact(g, value * n * sx, value * n * sy);
    }

    [Theory]
    [InlineData(0.6, 0, 0, 0)]
    [InlineData(0.6, 1, 1, 1)]
    [InlineData(0.6, 4, 13, 3)]
    public void BreakAndContinueInNestedLoops(double x, int n, int linear, int quadratic)
    {
        double[] g = GradientAssert.Check(p => M.BreakAndContinueInNestedLoops(p[0], n), p => (M.BreakAndContinueInNestedLoopsBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, linear + 2 * quadratic * x); // s = linear·x + quadratic·x²
    }

    [Theory]
    [InlineData(1.3, 10)]
    [InlineData(0.7, 15)]
    [InlineData(11.0, 1)]
    public void BreakOnAValueTest(double x, int expected)
    {
        double[] g = GradientAssert.Check(p => M.BreakOnValue(p[0]), p => (M.BreakOnValueBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, expected); // s = x·K(K+1)/2 for the first K with s > 10
    }

    [Theory]
    [InlineData(2.0, 0, 1.0)]
    [InlineData(2.0, 3, 32.0)]
    [InlineData(3.0, 10, 810.0)]
    public void EarlyReturnInsideLoop(double x, int n, double expected)
    {
        double[] g = GradientAssert.Check(p => M.EarlyReturnInLoop(p[0], n), p => (M.EarlyReturnInLoopBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.3)]
    [InlineData(-1.5)]
    public void ConvergenceLoopSummingExpSeries(double x)
    {
        double[] g = GradientAssert.Check(p => M.ExpSeries(p[0]), p => (M.ExpSeriesBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Close(Math.Exp(x), M.ExpSeries(x));
        GradientAssert.Exact(g, Math.Exp(x));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.3)]
    [InlineData(10.0)]
    public void ConvergenceLoopNewtonSqrt(double x)
    {
        double[] g = GradientAssert.Check(p => M.NewtonSqrt(p[0]), p => (M.NewtonSqrtBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, 0.5 / Math.Sqrt(x));
    }

    [Theory]
    [InlineData(1.3, 0, 0.0)]
    [InlineData(1.3, 2, 3.0 * 1.3 * 1.3)]
    [InlineData(-0.7, 3, 12.0 * -0.7 * -0.7 * -0.7)]
    public void SequentialLoopsReusingTheCounterName(double x, int n, double expected)
    {
        double[] g = GradientAssert.Check(p => M.SequentialLoopsReuseCounter(p[0], n), p => (M.SequentialLoopsReuseCounterBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, expected); // s = x^(n+1)·n(n−1)/2
    }

    [Theory]
    [InlineData(0.8, 0)]
    [InlineData(0.8, 1)]
    [InlineData(-1.2, 6)]
    public void LocalsDeclaredInsideTheLoopBody(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.LocalsDeclaredInLoopBody(p[0], n), p => (M.LocalsDeclaredInLoopBodyBackward(p[0], n, out double dx), [dx]), x);
        double a = 1, b = x, da = 0, db = 1; // forward mode
        for (int i = 0; i < n; i++)
        {
            (a, b, da, db) = (b, a + b * x, db, da + db * x + b);
        }
        GradientAssert.Exact(g, db);
    }

    [Theory]
    [InlineData(1.3, -0.4, 0)]
    [InlineData(1.3, -0.4, 1)]
    [InlineData(0.9, 2.0, 4)]
    public void ParametersReassignedInsideALoop(double x, double y, int n)
    {
        double[] g = GradientAssert.Check(p => M.ParameterReassignedInLoop(p[0], p[1], n), p => (M.ParameterReassignedInLoopBackward(p[0], p[1], n, out double dx, out double dy), [dx, dy]), x, y);
        // Forward mode with respect to (x0, y0): x_k = x0 / 2^k, y_{k+1} = y_k·x_k + 1.
        double xk = x, yk = y, dxk = 1, dyx = 0, dyy = 1;
        for (int i = 0; i < n; i++)
        {
            (yk, dyx, dyy) = (yk * xk + 1, dyx * xk + yk * dxk, dyy * xk);
            (xk, dxk) = (xk * 0.5, dxk * 0.5);
        }
        GradientAssert.Exact(g, dyx * xk + yk * dxk, dyy * xk);
    }

    [Theory]
    [InlineData(1.1, 0, 0.0)]
    [InlineData(1.1, 1, 1.0)]
    [InlineData(1.1, 4, 7.0)]
    public void ContinueInWhileAndDoLoops(double x, int n, double sum)
    {
        double[] g = GradientAssert.Check(p => M.ContinueInWhileAndDo(p[0], n), p => (M.ContinueInWhileAndDoBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, 3 * sum * x * x); // s = sum·x³
    }

    [Theory]
    [InlineData(0.5, 0, 0.0)]
    [InlineData(0.5, 4, 6.0)]
    [InlineData(0.5, 5, 9.0)]
    public void ForWithTwoLoopVariables(double x, int n, double expected)
    {
        double[] g = GradientAssert.Check(p => M.TwoLoopVariables(p[0], n), p => (M.TwoLoopVariablesBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(0.7, 15.0)]
    [InlineData(1.5, 7.0)]
    [InlineData(3.0, 3.0)]
    [InlineData(12.0, 0.0)]
    public void LoopVariableIsADifferentiableDouble(double x, double expected)
    {
        double[] g = GradientAssert.Check(p => M.DoubleLoopVariable(p[0]), p => (M.DoubleLoopVariableBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(2.0, 0, 0.0)]
    [InlineData(1.1, 2, -4 * 1.1 * 1.1 * 1.1)]
    [InlineData(2.0, 3, 6 * 32.0)]
    public void EarlyReturnInsideNestedLoops(double x, int n, double expected)
    {
        double[] g = GradientAssert.Check(p => M.EarlyReturnInNestedLoops(p[0], n), p => (M.EarlyReturnInNestedLoopsBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(8.0)]
    [InlineData(0.5)]
    public void ConvergenceDoWhileNewtonCubeRoot(double x)
    {
        double[] g = GradientAssert.Check(p => M.NewtonCubeRootDoWhile(p[0]), p => (M.NewtonCubeRootDoWhileBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, 1 / (3 * Math.Cbrt(x) * Math.Cbrt(x)));
    }

    [Theory]
    [InlineData(0.7, 0, 0)]
    [InlineData(0.7, 1, 0)]
    [InlineData(-1.3, 4, 0)]
    [InlineData(-1.3, 4, 1)]
    public void BreakInASwitchInsideALoopLeavesOnlyTheSwitch(double x, int n, int mode)
    {
        double[] g = GradientAssert.Check(p => M.BreakInSwitchInsideLoop(p[0], n, mode), p => (M.BreakInSwitchInsideLoopBackward(p[0], n, mode, out double dx), [dx]), x);
        double sign = mode == 0 ? 1 : -1, s = 0, ds = 0; // forward mode: s ← (s ± x)·x
        for (int i = 0; i < n; i++)
        {
            (s, ds) = ((s + sign * x) * x, (ds + sign) * x + s + sign * x);
        }
        GradientAssert.Exact(g, ds);
    }

    [Theory]
    [InlineData(0.7, 0, 0.0)]
    [InlineData(0.7, 1, 0.0)]
    [InlineData(-1.3, 5, 2 * -1.3)]
    public void ContinueInASwitchInsideALoop(double x, int n, double expected)
    {
        double[] g = GradientAssert.Check(p => M.ContinueInSwitchInsideLoop(p[0], n), p => (M.ContinueInSwitchInsideLoopBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, expected); // s = x^(n/2)
    }

    [Theory]
    [InlineData(0.7, 0, 0.0)]
    [InlineData(0.7, 2, 1.4)]
    [InlineData(-1.3, 5, 20 * -1.3)]
    public void ReturnInASwitchInsideALoop(double x, int n, double expected)
    {
        double[] g = GradientAssert.Check(p => M.ReturnInSwitchInsideLoop(p[0], n), p => (M.ReturnInSwitchInsideLoopBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, expected); // x^n for n ≤ 2, else 10·x²
    }
}
