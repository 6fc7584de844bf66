namespace SourceAD.EndToEnd.Tests;

/// <summary>Minimal programs from bugs the random-program tests found; each must stay fixed.</summary>
internal static partial class RegressionModels
{
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
}
