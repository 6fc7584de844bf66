using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.CallModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Calls between [Differentiable] methods (same type, another type, recursion, in loops) and to plain methods.</summary>
internal static partial class CallModels
{
    [Differentiable]
    public static double Square(double x)
    {
        return x * x;
    }

    [Differentiable]
    public static double Affine(double x, [NoDiff] double k)
    {
        return k * x + 1;
    }

    [Differentiable]
    public static double SumOfSquares(double x, double y)
    {
        return Square(x) + 3 * Square(y) + Square(x * y);
    }

    [Differentiable]
    public static double CallsAnotherType(double x)
    {
        return CallTargets.Cube(x) * Square(x);
    }

    [Differentiable]
    public static double PassesNoDiffArgument(double x, double y)
    {
        return Affine(x * y, 2.0) * Affine(y, 3.0);
    }

    [Differentiable]
    public static double PowRec(double x, int n)
    {
        if (n == 0)
        {
            return 1;
        }
        return x * PowRec(x, n - 1);
    }

    [Differentiable]
    public static double CallInLoop(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Square(x + i);
        }
        return s;
    }

    [Differentiable]
    public static double CallsPlainMethods(double x, [NoDiff] double scale, int n)
    {
        double w = Weight(n) * Offset(scale) * Math.Max(n, 2);
        return w * x * x;
    }

    [Differentiable]
    public static double PowRecExpressionBodied(double x, int n) => n == 0 ? 1 : x * PowRecExpressionBodied(x, n - 1);

    [Differentiable]
    public static double TreeRecursion(double x, int n)
    {
        if (n <= 1)
        {
            return x;
        }
        return TreeRecursion(x, n - 1) * x + TreeRecursion(x, n - 2);
    }

    [Differentiable]
    public static double Ping(double x, int n)
    {
        if (n == 0)
        {
            return x;
        }
        return 2 * Pong(x, n - 1);
    }

    [Differentiable]
    public static double Pong(double x, int n)
    {
        if (n == 0)
        {
            return x * x;
        }
        return Ping(x, n - 1) + x;
    }

    [Differentiable]
    public static double CallInCondition(double x)
    {
        if (Square(x) > 2)
        {
            return CallTargets.Cube(x);
        }
        return Square(x) * 3;
    }

    [Differentiable]
    public static double NestedCallsInArguments(double x, double y)
    {
        return Square(Math.Sin(Square(x)) + CallTargets.Cube(y));
    }

    [Differentiable]
    public static double HalvingRecursion(double x, int n)
    {
        if (n == 0)
        {
            return x;
        }
        return HalvingRecursion(x * 0.5, n - 1) + x;
    }

    [Differentiable]
    public static double Overloaded(double x) { return x * x; }

    [Differentiable]
    public static double Overloaded(double x, double y) { return x * y; }

    [Differentiable]
    public static float SquareF(float x) { return x * x; }

    [Differentiable]
    public static float FloatCallsDouble(float x) { return (float)Square(x); }

    [Differentiable]
    public static double DoubleCallsFloat(double x) { return SquareF((float)x) * x; }

    /// <summary>A sum over calls whose result subtracts it: deferred with coefficient −1.</summary>
    [Differentiable]
    public static double PriorMinusSum(double x, double y, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Square(x * i + y);
        }
        s -= x;
        return y * y - s;
    }

    /// <summary>The same sum used nonlinearly: its value is needed before the reverse sweep, so it is not deferred.</summary>
    [Differentiable]
    public static double SquaredSum(double x, double y, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Square(x * i + y);
        }
        return s * s;
    }

    /// <summary>A sum of calls to a method that counts how often it runs.</summary>
    [Differentiable]
    public static double CountedSum(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += CountedSquare(x + i);
        }
        return s + x;
    }

    [Differentiable]
    public static double CountedSquare(double x)
    {
        Runs.Tick();
        return x * x;
    }

    public static double Weight(int n) => 1.0 / (n + 1);

    public static double Offset(double s) => s + 0.5;
}

/// <summary>How many times <see cref="CallModels.CountedSquare"/> ran on this thread.</summary>
internal static class Runs
{
    [ThreadStatic]
    public static int Count;

    public static void Tick() => Count++;
}

/// <summary>A second type whose [Differentiable] method is called from <see cref="CallModels"/>.</summary>
internal static partial class CallTargets
{
    [Differentiable]
    public static double Cube(double x)
    {
        return x * x * x;
    }
}

public sealed class CallTests
{
    [Theory]
    [InlineData(1.5, -0.5)]
    [InlineData(-0.3, 2.0)]
    public void CallsInTheSameType(double x, double y)
    {
        double[] g = GradientAssert.Check(p => M.SumOfSquares(p[0], p[1]), p => (M.SumOfSquaresBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), x, y);
        GradientAssert.Exact(g, 2 * x + 2 * x * y * y, 6 * y + 2 * x * x * y);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.7)]
    public void CallsAMethodInAnotherPartialType(double x)
    {
        double[] g = GradientAssert.Check(p => M.CallsAnotherType(p[0]), p => (M.CallsAnotherTypeBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, 5 * Math.Pow(x, 4));
    }

    [Theory]
    [InlineData(1.5, -0.5)]
    [InlineData(-0.3, 2.0)]
    public void PassesAConstantToANoDiffParameter(double x, double y)
    {
        double[] g = GradientAssert.Check(p => M.PassesNoDiffArgument(p[0], p[1]), p => (M.PassesNoDiffArgumentBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), x, y);
        double u = 2 * x * y + 1, v = 3 * y + 1;
        GradientAssert.Exact(g, 2 * y * v, 2 * x * v + 3 * u);
    }

    [Theory]
    [InlineData(1.5, 0)]
    [InlineData(1.5, 1)]
    [InlineData(-0.8, 6)]
    public void Recursion(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.PowRec(p[0], n), p => (M.PowRecBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, n == 0 ? 0 : n * Math.Pow(x, n - 1));
    }

    [Theory]
    [InlineData(0.4, 0)]
    [InlineData(0.4, 1)]
    [InlineData(0.4, 5)]
    public void CallInsideALoop(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.CallInLoop(p[0], n), p => (M.CallInLoopBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, 2 * n * x + n * (n - 1));
    }

    [Theory]
    [InlineData(0.4, -0.3, 0)]
    [InlineData(0.4, -0.3, 1)]
    [InlineData(-1.1, 0.7, 6)]
    public void SumOfCallsSubtractedFromTheResult(double x, double y, int n)
    {
        double[] g = GradientAssert.Check(p => M.PriorMinusSum(p[0], p[1], n), p => (M.PriorMinusSumBackward(p[0], p[1], n, out double dx, out double dy), [dx, dy]), x, y);
        // s = Σᵢ (x·i + y)² − x, F = y² − s
        double dx = 1, dy = 2 * y;
        for (int i = 0; i < n; i++)
        {
            dx -= 2 * (x * i + y) * i;
            dy -= 2 * (x * i + y);
        }
        GradientAssert.Exact(g, dx, dy);
    }

    [Theory]
    [InlineData(0.4, -0.3, 1)]
    [InlineData(-1.1, 0.7, 6)]
    public void SumOfCallsUsedNonlinearly(double x, double y, int n)
    {
        double[] g = GradientAssert.Check(p => M.SquaredSum(p[0], p[1], n), p => (M.SquaredSumBackward(p[0], p[1], n, out double dx, out double dy), [dx, dy]), x, y);
        double s = 0, ds_dx = 0, ds_dy = 0;
        for (int i = 0; i < n; i++)
        {
            s += (x * i + y) * (x * i + y);
            ds_dx += 2 * (x * i + y) * i;
            ds_dy += 2 * (x * i + y);
        }
        GradientAssert.Exact(g, 2 * s * ds_dx, 2 * s * ds_dy);
    }

    [Fact]
    public void ASumOfCallsRunsEachCallOncePerGradient()
    {
        // The forward sweep skips a loop that only sums a [Differentiable] callee into the result: each callee runs
        // once, inside its pullback, which also returns the value the sum needs.
        const int n = 7;
        Runs.Count = 0;
        double primal = M.CountedSum(0.3, n);
        Assert.Equal(n, Runs.Count);

        Runs.Count = 0;
        double value = M.CountedSumBackward(0.3, n, out double dx);
        Assert.Equal(n, Runs.Count);

        GradientAssert.Close(primal, value, 1e-14);
        double expected = 1;
        for (int i = 0; i < n; i++) expected += 2 * (0.3 + i);
        GradientAssert.Close(expected, dx);
    }

    [Theory]
    [InlineData(1.5, 2.0, 3)]
    [InlineData(-0.4, 0.25, 1)]
    public void PlainMethodsWithArgumentsIndependentOfInputs(double x, double scale, int n)
    {
        double[] g = GradientAssert.Check(p => M.CallsPlainMethods(p[0], scale, n), p => (M.CallsPlainMethodsBackward(p[0], scale, n, out double dx), [dx]), x);
        GradientAssert.Exact(g, 2 * x * (scale + 0.5) * Math.Max(n, 2) / (n + 1));
    }

    [Fact]
    public void PullbackAccumulatesTheScaledGradient()
    {
        double dx = 1.0, dy = -2.0;
        double value = M.SumOfSquaresPullback(1.5, -0.5, 2.0, ref dx, ref dy);
        Assert.Equal(M.SumOfSquares(1.5, -0.5), value);
        GradientAssert.Close(1.0 + 2.0 * (2 * 1.5 + 2 * 1.5 * 0.25), dx);
        GradientAssert.Close(-2.0 + 2.0 * (6 * -0.5 + 2 * 2.25 * -0.5), dy);
    }

    [Theory]
    [InlineData(1.5, 0)]
    [InlineData(-0.8, 5)]
    public void RecursionInAnExpressionBodiedTernary(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.PowRecExpressionBodied(p[0], n), p => (M.PowRecExpressionBodiedBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, n == 0 ? 0 : n * Math.Pow(x, n - 1));
    }

    [Theory]
    [InlineData(0.9, 1)]
    [InlineData(0.9, 2)]
    [InlineData(-1.3, 6)]
    public void TreeRecursionWithTwoRecursiveCalls(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.TreeRecursion(p[0], n), p => (M.TreeRecursionBackward(p[0], n, out double dx), [dx]), x);
        double f0 = x, f1 = x, d0 = 1, d1 = 1; // f_k = f_{k−1}·x + f_{k−2}
        for (int k = 2; k <= n; k++)
        {
            (f0, f1, d0, d1) = (f1, f1 * x + f0, d1, d1 * x + f1 + d0);
        }
        GradientAssert.Exact(g, d1);
    }

    [Theory]
    [InlineData(0.7, 0, 1.0)]
    [InlineData(0.7, 2, 4.0)]
    [InlineData(0.7, 3, 8 * 0.7 + 2)]
    public void MutualRecursion(double x, int n, double expected)
    {
        double[] g = GradientAssert.Check(p => M.Ping(p[0], n), p => (M.PingBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void DifferentiableCallInACondition(double x)
    {
        double[] g = GradientAssert.Check(p => M.CallInCondition(p[0]), p => (M.CallInConditionBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, x * x > 2 ? 3 * x * x : 6 * x);
    }

    [Theory]
    [InlineData(0.8, -0.6)]
    [InlineData(-1.2, 0.3)]
    public void NestedCallsInArguments(double x, double y)
    {
        double[] g = GradientAssert.Check(p => M.NestedCallsInArguments(p[0], p[1]), p => (M.NestedCallsInArgumentsBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), x, y);
        double u = Math.Sin(x * x) + y * y * y;
        GradientAssert.Exact(g, 2 * u * Math.Cos(x * x) * 2 * x, 2 * u * 3 * y * y);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 1)]
    [InlineData(-1.1, 4)]
    public void RecursionWithADifferentiableArgument(double x, int n)
    {
        double[] g = GradientAssert.Check(p => M.HalvingRecursion(p[0], n), p => (M.HalvingRecursionBackward(p[0], n, out double dx), [dx]), x);
        GradientAssert.Exact(g, 2 - Math.Pow(0.5, n)); // x·(2 − 2^−n)
    }

    [Fact]
    public void OverloadsGetTheirOwnBackwardMethods()
    {
        GradientAssert.Exact(GradientAssert.Check(p => M.Overloaded(p[0]), p => (M.OverloadedBackward(p[0], out double dx), [dx]), 0.7), 1.4);
        GradientAssert.Exact(GradientAssert.Check(p => M.Overloaded(p[0], p[1]), p => (M.OverloadedBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), 0.7, -2.0), -2.0, 0.7);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void CallsBetweenFloatAndDoubleMethods(double x)
    {
        double[] f = GradientAssert.CheckFloat(p => M.FloatCallsDouble((float)p[0]), p => (M.FloatCallsDoubleBackward((float)p[0], out float dx), [dx]), x);
        GradientAssert.Near(f, 1e-6, 2 * (float)x);
        double[] d = GradientAssert.CheckFloat(p => M.DoubleCallsFloat(p[0]), p => (M.DoubleCallsFloatBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Near(d, 1e-4, 3 * x * x);
    }
}
