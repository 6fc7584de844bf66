using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.FittingModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Data-fitting shapes that combine the buffer features: a sum of per-sample calls the forward sweep skips, samples
/// passed as slices, span views, foreach over views, and local buffers filled once.
/// </summary>
internal static partial class FittingModels
{
    /// <summary>Squared error of a linear model on one sample: (w·x + b − y)².</summary>
    [Differentiable]
    public static double SampleLoss(ReadOnlySpan<double> w, double b, [NoDiff] ReadOnlySpan<double> x, [NoDiff] double y)
    {
        double prediction = b;
        int j = 0;
        foreach (double wj in w)
        {
            prediction += wj * x[j];
            j++;
        }
        double e = prediction - y;
        return e * e;
    }

    /// <summary>Mean squared error plus a ridge penalty, over the rows of a row-major data matrix.</summary>
    [Differentiable]
    public static double RidgeLoss(double[] w, double b, [NoDiff] double[] data, [NoDiff] double[] targets, [NoDiff] double lambda)
    {
        int d = w.Length;
        int n = targets.Length;
        double penalty = 0;
        ReadOnlySpan<double> weights = w.AsSpan();
        foreach (double wj in weights)
        {
            penalty += wj * wj;
        }
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            loss += SampleLoss(w, b, data.AsSpan(i * d, d), targets[i]);
        }
        return lambda * penalty + loss / n;
    }

    /// <summary>Softmax cross-entropy of one sample through a local buffer of logits filled once, read through a view.</summary>
    [Differentiable]
    public static double SoftmaxCrossEntropy(double[] weights, [NoDiff] double[] x, int classes, int label)
    {
        int d = x.Length;
        double[] logits = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            ReadOnlySpan<double> row = weights.AsSpan(c * d, d);
            double z = 0;
            for (int j = 0; j < d; j++)
            {
                z += row[j] * x[j];
            }
            logits[c] = z;
        }
        double max = logits[0];
        foreach (double z in logits)
        {
            if (z > max)
            {
                max = z;
            }
        }
        double sum = 0;
        ReadOnlySpan<double> all = logits.AsSpan();
        foreach (double z in all)
        {
            sum += Math.Exp(z - max);
        }
        return max + Math.Log(sum) - logits[label];
    }
}

public sealed class FittingTests
{
    private static readonly double[] Data = [0.5, -1.0, 2.0, 1.5, 0.3, -0.7, -1.2, 0.8, 0.1];
    private static readonly double[] Targets = [1.0, -0.5, 0.25];

    [Fact]
    public void RidgeRegressionOverRowsAgainstItsClosedForm()
    {
        double[] point = [0.4, -0.3, 0.9, 0.2];
        double[] g = GradientAssert.Check(
            p => M.RidgeLoss(p[..3], p[3], Data, Targets, 0.1),
            p =>
            {
                double[] dw = new double[3];
                double value = M.RidgeLossBackward(p[..3], p[3], Data, Targets, 0.1, dw, out double db);
                return (value, [.. dw, db]);
            },
            point);
        // ∂/∂w = 0.2·w + (2/n) Σᵢ eᵢ·xᵢ, ∂/∂b = (2/n) Σᵢ eᵢ
        var expected = new double[4];
        for (int j = 0; j < 3; j++) expected[j] = 0.2 * point[j];
        for (int i = 0; i < 3; i++)
        {
            double e = point[3] - Targets[i];
            for (int j = 0; j < 3; j++) e += point[j] * Data[i * 3 + j];
            for (int j = 0; j < 3; j++) expected[j] += 2.0 / 3 * e * Data[i * 3 + j];
            expected[3] += 2.0 / 3 * e;
        }
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void SoftmaxCrossEntropyAgainstItsClosedForm(int label)
    {
        double[] x = [0.5, -1.0, 2.0];
        double[] weights = [0.1, 0.2, -0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9];
        double[] g = GradientAssert.Check(
            p => M.SoftmaxCrossEntropy(p, x, 3, label),
            p =>
            {
                double[] dw = new double[p.Length];
                return (M.SoftmaxCrossEntropyBackward(p, x, 3, label, dw), dw);
            },
            weights);
        // ∂/∂W_cj = (softmax(z)_c − [c = label])·x_j
        double[] z = new double[3];
        for (int c = 0; c < 3; c++) for (int j = 0; j < 3; j++) z[c] += weights[c * 3 + j] * x[j];
        double sum = z.Sum(v => Math.Exp(v));
        var expected = new double[9];
        for (int c = 0; c < 3; c++) for (int j = 0; j < 3; j++) expected[c * 3 + j] = (Math.Exp(z[c]) / sum - (c == label ? 1 : 0)) * x[j];
        GradientAssert.Near(g, 1e-10, expected);
    }
}
