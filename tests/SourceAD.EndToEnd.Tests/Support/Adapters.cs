namespace SourceAD.EndToEnd.Tests.Support;

/// <summary>Adapts generated backward methods with buffer gradients to the point → (value, gradient) shape of <see cref="GradientAssert"/>.</summary>
internal static class Adapters
{
    /// <summary>A one-buffer backward method: the point is the buffer.</summary>
    public static Func<double[], (double Value, double[] Gradient)> Buffer(Func<double[], double[], double> backward) =>
        p =>
        {
            double[] g = new double[p.Length];
            double value = backward(p, g);
            return (value, g);
        };

    /// <summary>A two-buffer backward method; the point is the first buffer (length <paramref name="split"/>) followed by the second.</summary>
    public static Func<double[], (double Value, double[] Gradient)> Buffers(int split, Func<double[], double[], double[], double[], double> backward) =>
        p =>
        {
            double[] a = p[..split], b = p[split..];
            double[] da = new double[a.Length], db = new double[b.Length];
            double value = backward(a, b, da, db);
            return (value, [.. da, .. db]);
        };
}
