namespace SourceAD.EndToEnd.Tests;

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
}
