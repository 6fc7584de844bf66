namespace SourceAD.Runtime.Tests;

public sealed class GemmTests
{
    public static TheoryData<string, int, int, int, bool, bool> Cases()
    {
        var data = new TheoryData<string, int, int, int, bool, bool>();
        int[][] shapes = [[1, 1, 1], [7, 13, 5], [257, 129, 65], [64, 64, 64], [3, 300, 17], [130, 2, 513]];
        foreach (string kernel in Enum.GetNames<GemmKernelKind>())
        {
            foreach (int[] s in shapes)
            {
                foreach ((bool ta, bool tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
                {
                    data.Add(kernel, s[0], s[1], s[2], ta, tb);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Multiply_MatchesTripleLoop(string kernelName, int m, int n, int k, bool transposeA, bool transposeB)
    {
        if (!TryKernel(kernelName, out GemmKernel kernel))
        {
            return;
        }
        var rng = new Random(m * 31 + n * 7 + k);
        float[] a = Reference.RandomArray(rng, m * k), b = Reference.RandomArray(rng, k * n);
        float[] c = Reference.RandomArray(rng, m * n);
        Gemm.Multiply(a, b, c, m, n, k, transposeA, transposeB, accumulate: false, kernel);
        double[] expected = Reference.MatMul(a, b, m, n, k, transposeA, transposeB);
        Reference.AssertClose(c, expected, 1e-5);
    }

    [Theory]
    [InlineData("Vector512")]
    [InlineData("Vector256")]
    [InlineData("Scalar")]
    public void Multiply_Accumulates(string kernelName)
    {
        if (!TryKernel(kernelName, out GemmKernel kernel))
        {
            return;
        }
        const int m = 37, n = 41, k = 300;
        var rng = new Random(5);
        float[] a = Reference.RandomArray(rng, m * k), b = Reference.RandomArray(rng, k * n), c = Reference.RandomArray(rng, m * n);
        double[] expected = Reference.MatMul(a, b, m, n, k, false, true).Select((v, i) => v + c[i]).ToArray();
        Gemm.Multiply(a, b, c, m, n, k, false, true, accumulate: true, kernel);
        Reference.AssertClose(c, expected, 1e-5);
    }

    [Fact]
    public void Multiply_LargeParallelProduct_MatchesTripleLoop()
    {
        const int m = 301, n = 2100, k = 40; // n > NC: two column blocks; m·n·k > 2^21: rows split over cores
        var rng = new Random(11);
        float[] a = Reference.RandomArray(rng, m * k), b = Reference.RandomArray(rng, k * n), c = new float[m * n];
        Gemm.Multiply(a, b, c, m, n, k, false, false, accumulate: false);
        Reference.AssertClose(c, Reference.MatMul(a, b, m, n, k, false, false), 1e-5);
    }

    [Fact]
    public void Multiply_EmptyInnerDimension_ClearsOrKeepsC()
    {
        float[] c = [1, 2, 3, 4];
        Gemm.Multiply([], [], c, 2, 2, 0, false, false, accumulate: true);
        Assert.Equal([1f, 2, 3, 4], c);
        Gemm.Multiply([], [], c, 2, 2, 0, false, false, accumulate: false);
        Assert.Equal([0f, 0, 0, 0], c);
    }

    private static bool TryKernel(string name, out GemmKernel kernel)
    {
        GemmKernelKind kind = Enum.Parse<GemmKernelKind>(name);
        kernel = GemmMicroKernels.Supported.FirstOrDefault(candidate => candidate.Kind == kind);
        return kernel.NR != 0;
    }
}
