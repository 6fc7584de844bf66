namespace SourceAD.Runtime.Tests;

/// <summary>The stack generated sweeps save primal values on: order, growth past its stackalloc buffer, reuse, errors.</summary>
public class PrimalStackTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(10_000)]
    public void PopsInReverseOrderOfPushes(int count)
    {
        var stack = new PrimalStack<double>(stackalloc double[64]);
        for (int i = 0; i < count; i++)
        {
            stack.Push(i * 0.5);
        }
        Assert.Equal(count, stack.Count);
        for (int i = count - 1; i >= 0; i--)
        {
            Assert.Equal(i * 0.5, stack.Pop());
        }
        Assert.Equal(0, stack.Count);
        stack.Dispose();
    }

    [Fact]
    public void ADefaultStackGrowsOnFirstPush()
    {
        var stack = default(PrimalStack<string>);
        stack.Push("a");
        stack.Push("b");
        Assert.Equal("b", stack.Pop());
        Assert.Equal("a", stack.Pop());
        stack.Dispose();
    }

    [Fact]
    public void InterleavedPushesAndPopsAcrossGrowth()
    {
        var stack = new PrimalStack<int>(stackalloc int[4]);
        var reference = new Stack<int>();
        var random = new Random(7);
        for (int step = 0; step < 5000; step++)
        {
            if (reference.Count > 0 && random.Next(3) == 0)
            {
                Assert.Equal(reference.Pop(), stack.Pop());
            }
            else
            {
                stack.Push(step);
                reference.Push(step);
            }
            Assert.Equal(reference.Count, stack.Count);
        }
        stack.Dispose();
    }

    [Fact]
    public void PoppingAnEmptyStackThrows()
    {
        var stack = new PrimalStack<double>(stackalloc double[8]);
        stack.Push(1);
        stack.Pop();
        InvalidOperationException? error = null;
        try
        {
            stack.Pop();
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }
        Assert.NotNull(error);
        Assert.Contains("popped more values than the forward sweep pushed", error!.Message);
    }

    [Fact]
    public void NestedStacksKeepTheirOwnValuesWhenArraysAreReused()
    {
        // A stack released by one call is handed to the next one: values must never leak between live stacks.
        for (int call = 0; call < 3; call++)
        {
            OneCallWithANestedStack();
        }
    }

    private static void OneCallWithANestedStack()
    {
        var outer = new PrimalStack<double>(stackalloc double[2]);
        for (int i = 0; i < 100; i++) outer.Push(i);
        var inner = new PrimalStack<double>(stackalloc double[2]);
        for (int i = 0; i < 300; i++) inner.Push(-i);
        for (int i = 299; i >= 0; i--) Assert.Equal(-i, inner.Pop());
        inner.Dispose();
        for (int i = 99; i >= 0; i--) Assert.Equal(i, outer.Pop());
        outer.Dispose();
    }
}
