using System.Numerics;

namespace SourceAD.Runtime.Tests;

/// <summary>The shared zero tangents: zeros of every length asked for, growing past the first size, read-only.</summary>
public class ZeroTangentsTests
{
    [Fact]
    public void SpansAreZerosOfTheLengthAskedFor()
    {
        foreach (int length in new[] { 0, 1, 64, 65, 1000, 3 })
        {
            ReadOnlySpan<double> zeros = ZeroTangents<double>.Of(length);
            Assert.Equal(length, zeros.Length);
            Assert.True(zeros.IndexOfAnyExcept(0.0) < 0);
        }
        ReadOnlySpan<Vector<double>> bundles = ZeroTangents<Vector<double>>.Of(200);
        Assert.Equal(200, bundles.Length);
        foreach (Vector<double> bundle in bundles)
        {
            Assert.Equal(Vector<double>.Zero, bundle);
        }
    }

    [Fact]
    public void LaneDotIsTheDotProductInEveryLane()
    {
        double[] gradient = [2, -1, 0.5];
        var tangents = new[] { new Vector<double>(1.0), new Vector<double>(3.0), Vector.WithElement(Vector<double>.Zero, 0, 4.0) };
        Vector<double> dot = Lanes.Dot<double>(gradient, tangents);
        Assert.Equal(2 * 1 - 3 + 0.5 * 4, dot[0]);
        for (int lane = 1; lane < Vector<double>.Count; lane++)
        {
            Assert.Equal(2 * 1 - 3.0, dot[lane]);
        }
        Assert.Throws<ArgumentException>(() => Lanes.Dot<double>(gradient, tangents.AsSpan(0, 2)));
    }
}
