namespace SourceAD.Runtime.Tests;

/// <summary>Naive double-precision references the runtime is checked against.</summary>
internal static class Reference
{
    /// <summary>op(A)·op(B) by the triple loop, accumulated in double.</summary>
    public static double[] MatMul(float[] a, float[] b, int m, int n, int k, bool transposeA, bool transposeB)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    double aip = transposeA ? a[p * m + i] : a[i * k + p];
                    double bpj = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += aip * bpj;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    /// <summary>Random floats uniform in [-1, 1).</summary>
    public static float[] RandomArray(Random rng, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

    /// <summary>A tensor of uniform values in [low, high) with random sign when <paramref name="signed"/>.</summary>
    public static Tensor Uniform(int seed, float low, float high, bool signed, params int[] shape)
    {
        var rng = new Random(seed);
        Tensor t = Tensor.RandomUniform(rng, low, high, shape);
        if (signed)
        {
            Span<float> data = t.Span;
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = rng.Next(2) == 0 ? -data[i] : data[i];
            }
        }
        return t;
    }

    /// <summary>Asserts elementwise agreement within <paramref name="tolerance"/> relative to the largest expected magnitude.</summary>
    public static void AssertClose(ReadOnlySpan<float> actual, IReadOnlyList<double> expected, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Length);
        double scale = Math.Max(1e-30, expected.Max(Math.Abs));
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * scale, $"[{i}]: {actual[i]:G9} vs {expected[i]:G9}");
        }
    }
}
