using System;
using BenchmarkDotNet.Attributes;

namespace SourceAD.Benchmarks;

/// <summary>The scalar seed networks, declared here so the generator differentiates them in this assembly.</summary>
public static partial class SeedNetworks
{
    /// <summary>The computational graph J = 3(a + bc) (seed example 1).</summary>
    [Differentiable]
    public static double ThreeTimesSum(double a, double b, double c)
    {
        double u = b * c;
        double v = a + u;
        return 3 * v;
    }

    [Differentiable]
    public static double Sigmoid(double x)
    {
        return 1 / (1 + Math.Exp(-x));
    }

    /// <summary>The two-weight network: sigmoid hidden unit, linear output, squared error.</summary>
    [Differentiable]
    public static double TwoWeightLoss(double w1, double w2, [NoDiff] double x, [NoDiff] double t)
    {
        double a = Sigmoid(w1 * x);
        double y = w2 * a;
        return 0.5 * (y - t) * (y - t);
    }

    /// <summary>Logistic regression on one sample with two features, cross-entropy loss.</summary>
    [Differentiable]
    public static double LogisticLoss(double w1, double w2, double b, [NoDiff] double x1, [NoDiff] double x2, [NoDiff] double y)
    {
        double z = w1 * x1 + w2 * x2 + b;
        double a = Sigmoid(z);
        return -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a));
    }

    /// <summary>
    /// One hidden layer with L2 regularisation, in vector form (seed example 6) over row-major buffers: z = W1·x,
    /// h = tanh(z), o = W2·h, J = ½‖o − y‖² + (λ/2)(‖W1‖²_F + ‖W2‖²_F), with W1 hidden × inputs and W2 outputs × hidden.
    /// </summary>
    [Differentiable]
    public static double OneHiddenLayerL2(ReadOnlySpan<double> w1, ReadOnlySpan<double> w2, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> y, [NoDiff] double lambda)
    {
        int inputs = x.Length, outputs = y.Length, hidden = w1.Length / inputs;
        double[] h = new double[hidden];
        double regulariser = 0;
        for (int j = 0; j < hidden; j++)
        {
            double z = 0;
            for (int k = 0; k < inputs; k++)
            {
                z += w1[j * inputs + k] * x[k];
                regulariser += w1[j * inputs + k] * w1[j * inputs + k];
            }
            h[j] = Math.Tanh(z);
        }
        double loss = 0;
        for (int i = 0; i < outputs; i++)
        {
            double o = 0;
            for (int j = 0; j < hidden; j++)
            {
                o += w2[i * hidden + j] * h[j];
                regulariser += w2[i * hidden + j] * w2[i * hidden + j];
            }
            loss += 0.5 * (o - y[i]) * (o - y[i]);
        }
        return loss + 0.5 * lambda * regulariser;
    }
}

/// <summary>The same two losses differentiated by hand: the reference the generated backward methods are timed against.</summary>
public static class SeedNetworksHandWritten
{
    public static double TwoWeightLossBackward(double w1, double w2, double x, double t, out double dw1, out double dw2)
    {
        double a = 1 / (1 + Math.Exp(-w1 * x));
        double e = w2 * a - t;
        dw2 = e * a;
        dw1 = e * w2 * a * (1 - a) * x;
        return 0.5 * e * e;
    }

    public static double LogisticLossBackward(double w1, double w2, double b, double x1, double x2, double y, out double dw1, out double dw2, out double db)
    {
        double a = 1 / (1 + Math.Exp(-(w1 * x1 + w2 * x2 + b)));
        double dz = a - y; // ∂/∂z of the cross-entropy of a sigmoid
        dw1 = dz * x1;
        dw2 = dz * x2;
        db = dz;
        return -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a));
    }
}

/// <summary>The two-weight network: primal, generated backward, hand-written backward (baseline).</summary>
[MemoryDiagnoser]
public class TwoWeightNetworkBenchmarks
{
    // Fields, not constants, so the JIT cannot fold the arithmetic away.
    private double _w1 = 0.5, _w2 = 0.5, _x = 1.0, _t = 0.0;

    [Benchmark]
    public double Primal() => SeedNetworks.TwoWeightLoss(_w1, _w2, _x, _t);

    [Benchmark]
    public double GeneratedBackward()
    {
        double loss = SeedNetworks.TwoWeightLossBackward(_w1, _w2, _x, _t, out double dw1, out double dw2);
        return loss + dw1 + dw2;
    }

    [Benchmark(Baseline = true)]
    public double HandWrittenBackward()
    {
        double loss = SeedNetworksHandWritten.TwoWeightLossBackward(_w1, _w2, _x, _t, out double dw1, out double dw2);
        return loss + dw1 + dw2;
    }
}

/// <summary>Logistic regression (one sample, two features): primal, generated backward, hand-written backward (baseline).</summary>
[MemoryDiagnoser]
public class LogisticRegressionBenchmarks
{
    private double _w1 = 0.3, _w2 = -0.7, _b = 0.1, _x1 = 1.5, _x2 = -0.5, _y = 1.0;

    [Benchmark]
    public double Primal() => SeedNetworks.LogisticLoss(_w1, _w2, _b, _x1, _x2, _y);

    [Benchmark]
    public double GeneratedBackward()
    {
        double loss = SeedNetworks.LogisticLossBackward(_w1, _w2, _b, _x1, _x2, _y, out double dw1, out double dw2, out double db);
        return loss + dw1 + dw2 + db;
    }

    [Benchmark(Baseline = true)]
    public double HandWrittenBackward()
    {
        double loss = SeedNetworksHandWritten.LogisticLossBackward(_w1, _w2, _b, _x1, _x2, _y, out double dw1, out double dw2, out double db);
        return loss + dw1 + dw2 + db;
    }
}
