namespace SourceAD.Runtime.Tests;

/// <summary>
/// Checks a pullback against central finite differences of <c>L(x) = Σ w ⊙ f(x)</c> (summed in double) for a random
/// weight <c>w</c>, which is the pullback's <c>dResult</c>. Adjoints start from random values, so the check also
/// verifies that pullbacks accumulate rather than overwrite.
/// </summary>
internal static class PullbackCheck
{
    /// <summary>The pullback of a tensor-valued op: inputs, result, dResult, adjoints (one per input).</summary>
    public delegate void TensorPullback(Tensor[] inputs, Tensor result, Tensor dResult, Tensor[] adjoints);

    /// <summary>Checks an op returning a tensor.</summary>
    public static void Run(Tensor[] inputs, Func<Tensor[], Tensor> forward, TensorPullback pullback, double step = 1e-2, double tolerance = 1e-2, int seed = 7)
    {
        var rng = new Random(seed);
        Tensor result = forward(inputs);
        Tensor weights = Tensor.RandomNormal(rng, 1f, result.Shape.ToArray());
        Tensor[] adjoints = inputs.Select(x => Tensor.RandomNormal(rng, 1f, x.Shape.ToArray())).ToArray();
        float[][] initial = adjoints.Select(a => a.ToArray()).ToArray();

        pullback(inputs, result, weights, adjoints);

        double Loss()
        {
            Tensor value = forward(inputs);
            Assert.Equal(result.Shape.ToArray(), value.Shape.ToArray());
            double sum = 0;
            for (int i = 0; i < value.Length; i++)
            {
                sum += (double)weights.Span[i] * value.Span[i];
            }
            return sum;
        }

        for (int p = 0; p < inputs.Length; p++)
        {
            double[] analytic = adjoints[p].ToArray().Zip(initial[p], (after, before) => (double)after - before).ToArray();
            double[] numeric = new double[inputs[p].Length];
            Span<float> x = inputs[p].Span;
            for (int i = 0; i < numeric.Length; i++)
            {
                float original = x[i];
                float h = (float)(step * Math.Max(1.0, Math.Abs(original)));
                x[i] = original + h;
                float plus = x[i];
                double up = Loss();
                x[i] = original - h;
                float minus = x[i];
                double down = Loss();
                x[i] = original;
                numeric[i] = (up - down) / ((double)plus - minus);
            }
            AssertClose(analytic, numeric, tolerance, $"input {p}");
        }
    }

    /// <summary>Checks an op returning a float, by viewing its value as a rank-0 tensor.</summary>
    public static void RunScalar(Tensor[] inputs, Func<Tensor[], float> forward, Action<Tensor[], float, Tensor[]> pullback, double step = 1e-2, double tolerance = 1e-2) =>
        Run(inputs, v => Tensor.Scalar(forward(v)), (v, _, dResult, adjoints) => pullback(v, dResult.Item(), adjoints), step, tolerance);

    /// <summary>
    /// Both the whole gradient (relative L2 error) and every element (error relative to the largest element) must
    /// agree within <paramref name="tolerance"/>: a wrong sign, a missing factor or a misplaced element fails.
    /// </summary>
    public static void AssertClose(double[] actual, double[] expected, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double norm = Math.Sqrt(expected.Sum(e => e * e));
        double errorNorm = Math.Sqrt(actual.Zip(expected, (a, e) => (a - e) * (a - e)).Sum());
        Assert.True(errorNorm <= tolerance * Math.Max(norm, 1e-3), $"{what}: relative error {errorNorm / Math.Max(norm, 1e-3):G3} (norm {norm:G3})");
        double scale = Math.Max(expected.Max(Math.Abs), 1e-3);
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * scale, $"{what}[{i}]: {actual[i]:G6} vs {expected[i]:G6}");
        }
    }
}
