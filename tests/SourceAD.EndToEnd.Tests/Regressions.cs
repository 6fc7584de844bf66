using SourceAD.EndToEnd.Tests.Support;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Minimal programs from bugs the random-program tests found; each must stay fixed.</summary>
internal static partial class RegressionModels
{
    /// <summary>
    /// A loop saving x0, which the result reads only in a comparison, so x0's tangent is of no use and no tangent was
    /// pushed for it: forward over reverse must not pop one (random program P235, seed 20240611, shrunk; its Hessian
    /// popped past the stack's end, and a stack shared with other values would have given one of them back instead).
    /// </summary>
    [Differentiable]
    public static double ForEachSavingAValueWithoutUse(double x0, double x1, double x2, double[] b, int n)
    {
        double[] t0 = [-1.0 + x2 + Math.Ceiling(b[3] + 0.5), b[1] * x1 * -x0, x0];
        foreach (double e1 in t0)
        {
            x2 = Math.Atan2(e1, 1.5 + (double)n * n) - Math.Sqrt(1.0 + x2 * x2);
            x0 *= 1.0 + 0.5 * Math.Tanh(x0);
        }
        return x0 >= 0.5 ? x1 : 1.0;
    }

    /// <summary>
    /// A loop whose reverse step takes a saved operand off the stack into a local that has no tangent (Pow's x0²):
    /// forward over reverse must take that operand's tangent off first, or every value after it comes back shifted
    /// (random program P1416, seed 18, shrunk: its Hessian had H[0,1] ≠ 0 = H[1,0]).
    /// </summary>
    [Differentiable]
    public static double SavedOperandWithoutATangent(double x0, double x1, double x3, int n)
    {
        double[] t0 = new[] { 0.75, x3, 1.0, Math.Sinh(Math.Tanh(x1)) };
        for (int i1 = 0; i1 < n; i1++)
        {
            x1 += Math.Pow(x0, 2.0);
        }
        return t0[Math.Abs(n) % 4] + x1 * x0;
    }

    /// <summary>
    /// A rule that takes its result (Max), whose value no variable holds in the reverse sweep, so the sweep calls it
    /// again: its second derivatives are not generated (SAD0020) rather than an internal error (random program P2963,
    /// seed 21, shrunk).
    /// </summary>
    [Differentiable]
    public static double MaxThenOverwritten(double x, double[] b)
    {
        double s = b.Max();
        for (int i = 0; i < 1; i++)
        {
            s += x;
        }
        return s * x;
    }

    /// <summary>An early return whose value the reverse sweep reads (Tanh's rule uses its result).</summary>
    [Differentiable]
    public static double EarlyReturnReadInReverse(double x, double y)
    {
        if (y >= 1.0)
        {
            return Math.Tanh(x);
        }
        return 1.0;
    }

    /// <summary>
    /// A value whose rule reads the result (Tanh), then accumulated into in a loop without a save: the reverse sweep
    /// must recompute tanh, since the variable no longer holds it (random program P6, seed 20240611).
    /// </summary>
    [Differentiable]
    public static double ResultRuleThenUnsavedAccumulation(double x, int n)
    {
        double s = Math.Tanh(x);
        for (int i = 0; i < n; i++)
        {
            s += 1.0;
        }
        return s;
    }

    [Differentiable]
    public static double Quadruple(double u) => 4 * u;

    [Differentiable]
    public static double Cube(double u) => u * u * u;

    /// <summary>A sum of calls scaled by an active factor: not deferrable, since d(x·s)/dx reads s (random program P73).</summary>
    [Differentiable]
    public static double ActiveFactorTimesSum(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Cube(x + i);
        }
        return x * s;
    }

    /// <summary>A deferred sum whose call has another call in a branch of ?: in its argument (random program P461).</summary>
    [Differentiable]
    public static double NestedCallInASkippedSum(double x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Cube(i <= 1 ? Quadruple(x) : x);
        }
        return s / n;
    }

    /// <summary>
    /// A sum of calls into an accumulator whose overwrites are saved (Exp's rule reads it, and a copy sits between its
    /// write and the loop): the loop is not skipped, or the reverse sweep would pop values the forward never pushed.
    /// </summary>
    [Differentiable]
    public static double SavedAccumulator(double x, int n)
    {
        double acc = Math.Exp(x);
        double first = acc;
        for (int i = 0; i < n; i++)
        {
            acc += Cube(x + i);
        }
        return acc + first;
    }

    /// <summary>The call's value goes to a user variable declared before the loop: the loop is summed, not skipped.</summary>
    [Differentiable]
    public static double SumThroughAUserVariable(double x, int n)
    {
        double acc = 0;
        double term = 0;
        for (int i = 0; i < n; i++)
        {
            term = Cube(x + i);
            acc += term;
        }
        return acc;
    }

    /// <summary>Integer spans and local integer arrays are plain values: indices, never differentiated.</summary>
    [Differentiable]
    public static double GatherThroughIntegerBuffers(double[] p, ReadOnlySpan<int> order)
    {
        int[] reversed = new int[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            reversed[i] = order[order.Length - 1 - i];
        }
        double s = 0;
        for (int i = 0; i < reversed.Length; i++)
        {
            s += (i + 1) * p[reversed[i]] * p[reversed[i]];
        }
        return s;
    }

    [Differentiable]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    /// <summary>
    /// A call's value written straight into a buffer element, and a call inside an initializer (random program P119,
    /// seed 20240611): the tangent sweep had no variable to give the call's tangent to (SAD9999).
    /// </summary>
    [Differentiable]
    public static double CallsIntoElements(double x, double y)
    {
        Span<double> t = stackalloc double[] { Cube(x), 0.5 };
        double[] u = new double[1];
        u[0] = Cube(y);
        return t[0] * u[0] + t[1];
    }

    /// <summary>
    /// A conversion written in the argument of a call to a [Differentiable] method stays in the generated call (random
    /// program P256: <c>(double)(object)2.0</c> lost its outer cast and the generated code did not compile).
    /// </summary>
    [Differentiable]
    public static double BoxedConstantArgument(double x) => x * Cube((double)(object)2.0);

    /// <summary>A callee whose value is infinite where <paramref name="n"/> is -1 (random program P163, seed 4).</summary>
    [Differentiable]
    public static double OverOnePlusN(double x0, [NoDiff] double x1, double x2, int n) => x0 / (1.0 + (double)n);

    /// <summary>
    /// An initializer element nobody reads, from a call whose local derivative is infinite at this point (random program
    /// P163, seed 4): its zero adjoint met 1/0 in the callee's pullback and gave NaN where the derivative is 0.
    /// </summary>
    [Differentiable]
    public static double UnreadInfiniteElement(double x0, double x1, double x2, int n)
    {
        Span<double> t1 = stackalloc double[] { OverOnePlusN(Math.Asin(0.9 * Math.Tanh(x1)), 0.75, (double)n, Math.Sign(x0)), 0.1, Math.Log(2.0 + Math.Sin(x2 > 0.0 ? Math.Log(x2) : 0.0)), x2 };
        return t1[2];
    }

    /// <summary>The data slice goes to a differentiable parameter of Dot: its adjoint is scratch nobody reads.</summary>
    [Differentiable]
    public static double DotsWithData(double[] p, [NoDiff] double[] x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Dot(p, x.AsSpan(i * 2, 2));
        }
        return s;
    }
}

public sealed class RegressionTests
{
    [Theory]
    [InlineData(0.5, 1.5)]
    [InlineData(-0.3, 0.2)]
    public void BackwardReturnsTheValueAfterAnEarlyReturn(double x, double y)
    {
        double value = RegressionModels.EarlyReturnReadInReverse(x, y);
        double returned = RegressionModels.EarlyReturnReadInReverseBackward(x, y, out double dx, out double dy);
        Assert.Equal(value, returned);
        Assert.Equal(y >= 1.0 ? 1 - Math.Tanh(x) * Math.Tanh(x) : 0.0, dx, 15);
        Assert.Equal(0.0, dy);
    }

    [Theory]
    [InlineData(-0.5, 0)]
    [InlineData(-0.5, 1)]
    [InlineData(1.2, 3)]
    public void ARuleReadingItsResultIsNotFooledByALaterUnsavedAccumulation(double x, int n)
    {
        double value = RegressionModels.ResultRuleThenUnsavedAccumulation(x, n);
        double returned = RegressionModels.ResultRuleThenUnsavedAccumulationBackward(x, n, out double dx);
        Assert.Equal(value, returned);
        Assert.Equal(1 - Math.Tanh(x) * Math.Tanh(x), dx, 15);
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    public void CallsWrittenIntoElementsHaveTheirGradientAndTangent(double x, double y)
    {
        // f = x³y³ + 0.5
        double value = RegressionModels.CallsIntoElements(x, y);
        Assert.Equal(x * x * x * y * y * y + 0.5, value, 12);
        Assert.Equal(value, RegressionModels.CallsIntoElementsBackward(x, y, out double dx, out double dy));
        Assert.Equal(3 * x * x * y * y * y, dx, 12);
        Assert.Equal(3 * x * x * x * y * y, dy, 12);
        double tangentValue = RegressionModels.CallsIntoElementsTangent(x, y, 0.25, -2.0, out double dot);
        Assert.Equal(value, tangentValue);
        Assert.Equal(0.25 * dx - 2.0 * dy, dot, 12);
    }

    [Fact]
    public void AnUnreadElementFromACallWithAnInfiniteDerivativeAddsNothing()
    {
        // The value is log(2 + sin(log x2)); x0 and x1 reach only the unread element t1[0] = asin(0.9·tanh x1)/(1 + sign x0) = ±∞.
        double x0 = -0.04698465589884886, x1 = 1.195021360009127, x2 = 0.21802958588229007;
        double value = RegressionModels.UnreadInfiniteElementBackward(x0, x1, x2, 1, out double dx0, out double dx1, out double dx2);
        Assert.Equal(Math.Log(2.0 + Math.Sin(Math.Log(x2))), value, 15);
        Assert.Equal(0.0, dx0);
        Assert.Equal(0.0, dx1);
        Assert.Equal(Math.Cos(Math.Log(x2)) / (2.0 + Math.Sin(Math.Log(x2))) / x2, dx2, 14);
        RegressionModels.UnreadInfiniteElementTangent(x0, x1, x2, 1, 1.0, 1.0, 0.0, out double tangent);
        Assert.Equal(0.0, tangent);
    }

    [Fact]
    public void AConversionWrittenInACallArgumentStays()
    {
        Assert.Equal(8 * 1.5, RegressionModels.BoxedConstantArgumentBackward(1.5, out double dx));
        Assert.Equal(8.0, dx);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(-0.4, 3)]
    public void ASumScaledByAnActiveFactor(double x, int n)
    {
        double value = RegressionModels.ActiveFactorTimesSum(x, n);
        double returned = RegressionModels.ActiveFactorTimesSumBackward(x, n, out double dx);
        Assert.Equal(value, returned, 12);
        double s = 0, ds = 0;
        for (int i = 0; i < n; i++)
        {
            s += Math.Pow(x + i, 3);
            ds += 3 * Math.Pow(x + i, 2);
        }
        Assert.Equal(s + x * ds, dx, 10);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(-0.4, 4)]
    public void ANestedCallInASkippedSumIsNotCountedInTheValue(double x, int n)
    {
        double value = RegressionModels.NestedCallInASkippedSum(x, n);
        double returned = RegressionModels.NestedCallInASkippedSumBackward(x, n, out double dx);
        Assert.Equal(value, returned, 12);
        double expected = 0;
        for (int i = 0; i < n; i++)
        {
            expected += i <= 1 ? 3 * Math.Pow(4 * x, 2) * 4 : 3 * x * x;
        }
        Assert.Equal(expected / n, dx, 10);
    }

    [Theory]
    [InlineData(0.3, 0)]
    [InlineData(0.3, 3)]
    public void ASumIntoASavedAccumulator(double x, int n)
    {
        double[] g = GradientAssert.Check(p => RegressionModels.SavedAccumulator(p[0], n), p => (RegressionModels.SavedAccumulatorBackward(p[0], n, out double dx), [dx]), x);
        double expected = 2 * Math.Exp(x);
        for (int i = 0; i < n; i++) expected += 3 * (x + i) * (x + i);
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(0.3, 0)]
    [InlineData(-0.6, 4)]
    public void ASumThroughAUserVariable(double x, int n)
    {
        double[] g = GradientAssert.Check(p => RegressionModels.SumThroughAUserVariable(p[0], n), p => (RegressionModels.SumThroughAUserVariableBackward(p[0], n, out double dx), [dx]), x);
        double expected = 0;
        for (int i = 0; i < n; i++) expected += 3 * (x + i) * (x + i);
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void IntegerBuffersIndexTheDifferentiableOnes()
    {
        double[] p = { 0.3, -1.2, 0.8 };
        int[] order = { 2, 0, 1 };
        var dp = new double[3];
        double value = RegressionModels.GatherThroughIntegerBuffersBackward(p, order, dp);
        Assert.Equal(RegressionModels.GatherThroughIntegerBuffers(p, order), value, 14);
        // reversed = {1, 0, 2}: s = 1·p1² + 2·p0² + 3·p2², so ∂s/∂p = (4 p0, 2 p1, 6 p2).
        Assert.Equal(new[] { 4 * p[0], 2 * p[1], 6 * p[2] }, dp);
    }

    [Fact]
    public void InactiveBufferToADifferentiableParameter_DoesNotAllocatePerIteration()
    {
        double[] p = { 0.5, -0.25 };
        var dp = new double[2];
        double[] Data(int n) => Enumerable.Range(0, 2 * n).Select(i => 0.1 * i).ToArray();
        long Allocated(int n)
        {
            double[] x = Data(n);
            RegressionModels.DotsWithDataBackward(p, x, n, dp);
            long before = GC.GetAllocatedBytesForCurrentThread();
            RegressionModels.DotsWithDataBackward(p, x, n, dp);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal(Allocated(10), Allocated(1000));
        // ∂/∂p Σᵢ p·xᵢ = Σᵢ xᵢ.
        double[] x = Data(4);
        RegressionModels.DotsWithDataBackward(p, x, 4, dp);
        Assert.Equal(x.Where((_, i) => i % 2 == 0).Sum(), dp[0], 12);
        Assert.Equal(x.Where((_, i) => i % 2 == 1).Sum(), dp[1], 12);
    }
}
