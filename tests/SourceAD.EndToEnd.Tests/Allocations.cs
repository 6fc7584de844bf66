using System.Numerics;

namespace SourceAD.EndToEnd.Tests;

/// <summary>A method passing a [NoDiff] buffer to another [Differentiable] method, whose tangent takes a tangent for it.</summary>
internal static partial class ZeroTangentModels
{
    [Differentiable]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    [Differentiable]
    public static double Weighted(ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> weights) => Math.Sin(Dot(x, weights));
}

/// <summary>
/// Generated code allocates nothing where the method does not: straight-line scalar code never, and loops only the
/// pooled stacks' amortised growth, which a warm-up call absorbs.
/// </summary>
public sealed class AllocationTests
{
    private static long AllocatedBy(Action call)
    {
        call(); // warm up: JIT, and the pooled stacks reach their size
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            call();
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void StraightLineScalarBackward_AllocatesNothing()
    {
        Assert.Equal(0, AllocatedBy(() => SeedModels.TwoWeightLossBackward(0.5, 0.5, 1.0, 0.0, out _, out _)));
        Assert.Equal(0, AllocatedBy(() => SeedModels.JBackward(5, 3, 2, out _, out _, out _)));
    }

    [Fact]
    public void LoopBackward_AllocatesNothingOnceThePooledStacksHaveGrown()
    {
        Assert.Equal(0, AllocatedBy(() => LoopModels.ForLoopBackward(0.7, 50, out _)));
        Assert.Equal(0, AllocatedBy(() => LoopModels.NestedLoopsBackward(0.7, 0.3, 20, 20, out _, out _)));
    }

    /// <summary>An inactive buffer argument's tangent is shared read-only zeros: no buffer rented, cleared or allocated per call.</summary>
    [Fact]
    public void TangentsOfCallsWithInactiveBuffers_AllocateNothing()
    {
        double[] x = [0.3, -0.2, 0.9], weights = [1.5, 0.5, -2], xDot = [1, 0, 0];
        var xDots = new Vector<double>[] { Vector<double>.One, Vector<double>.Zero, Vector<double>.One };
        Assert.Equal(0, AllocatedBy(() => ZeroTangentModels.WeightedTangent(x, weights, xDot, out _)));
        Assert.Equal(0, AllocatedBy(() => ZeroTangentModels.WeightedTangents(x, weights, xDots, out _)));
        // And the tangent is still right: cos(x·w)·(ẋ·w).
        ZeroTangentModels.WeightedTangent(x, weights, xDot, out double tangent);
        Assert.Equal(Math.Cos(0.3 * 1.5 - 0.2 * 0.5 - 0.9 * 2) * 1.5, tangent, 1e-14);
    }

    [Fact]
    public void VectorValuedPullback_AllocatesNothing()
    {
        // Its output's adjoint and the results it keeps come from the array pool.
        double[] x = [0.5, -1.25, 2.0], y = [1, 2, 3], dy = [1, 2, 3], dx = new double[3];
        Assert.Equal(0, AllocatedBy(() =>
        {
            double ds = 0;
            NestedVectorModels.AccumulatePullback(x, 0.75, y, dy, dx, ref ds);
            NestedVectorModels.MapPullback(x, 0.75, y, dy, dx, ref ds);
        }));
    }
}
