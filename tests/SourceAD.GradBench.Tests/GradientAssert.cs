namespace SourceAD.GradBench.Tests;

public static class GradientAssert
{
    /// <summary>Each |expected − actual| ≤ tolerance · max(1, |expected| + |actual|) (GradBench's normalisation).</summary>
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]) / Math.Max(1, Math.Abs(expected[i]) + Math.Abs(actual[i]));
            Assert.True(error <= tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]} (normalised error {error:G3} > {tolerance:G3})");
        }
    }
}
