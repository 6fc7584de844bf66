using System;
using System.Collections.Generic;
using System.Linq;

using static SourceAD.Benchmarks.Interleaving;

namespace SourceAD.Benchmarks;

/// <summary>
/// The tangent and the gradient against the primal on the seed networks (issue 10), round-robin in one process
/// (<see cref="Interleaving"/>): per network the primal, one <c>FTangent</c> along a fixed random direction (a
/// directional derivative) and <c>FBackward</c> (the gradient). Every value a call returns is used (the tangent's
/// value too), or the JIT drops what computes it: the tangent's <c>Math.Log</c> calls, say. Each timed call runs the
/// method <see cref="Calls"/> times in a loop specialised for the network (a struct, so the calls are direct and may
/// be inlined, as in user code), the first input shifted a little each time so that nothing is loop-invariant. Ratios
/// are medians of per-round ratios. Before timing, each network's tangent is checked against its gradient dotted with
/// the direction. Run: <c>dotnet run -c Release --project bench/SourceAD.Benchmarks -- --seed-modes [rounds]</c>
/// (also after the GMM table of <c>--modes</c>).
/// </summary>
public static class InterleavedSeedModes
{
    private const int Calls = 64;

    /// <summary>Keeps the results alive, so that the JIT cannot drop the calls.</summary>
    public static double Sink;

    /// <summary>A seed network's three calls, at its point shifted by <c>shift</c> in its first input.</summary>
    private interface INetwork
    {
        string Name { get; }
        int Inputs { get; }
        double Primal(double shift);
        /// <summary>The value and the directional derivative along the network's direction (both, so that neither is dead code).</summary>
        (double Value, double Dot) Tangent(double shift);
        /// <summary>The value; the gradient is left where <see cref="GradientDotDirection"/> reads it.</summary>
        double Gradient(double shift);
        /// <summary>The last gradient dotted with the direction (for the check, not timed).</summary>
        double GradientDotDirection();
    }

    public static void Run(int rounds)
    {
        var random = new Random(11);
        double Next() => random.NextDouble() - 0.5;
        var networks = new List<Func<(string, int, Action, Action, Action)>>
        {
            () => Of(new ThreeTimesSum(Next(), Next(), Next())),
            () => Of(new Sigmoid(Next())),
            () => Of(new Logistic(Next(), Next(), Next())),
            () => Of(new TwoWeight(Next(), Next())),
            () => Of(new OneHiddenLayer(4, 8, 3, random)),
            () => Of(new OneHiddenLayer(784, 30, 10, random)),
            // The tensor networks (Nielsen's [784, 30, 10] on Tensor, seed 6 over Tensor) are InterleavedTensorModes.
        };
        Console.WriteLine($"Seed networks, generated modes, interleaved: {rounds} rounds, medians ({Environment.ProcessorCount} cores, .NET {Environment.Version}), {Calls} calls per timing");
        Console.WriteLine("| Seed network | inputs | primal (per call) | tangent / primal | gradient / primal |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var network in networks)
        {
            (string name, int inputs, Action primal, Action tangent, Action gradient) = network();
            List<double>[] times = Measure(new[] { primal, tangent, gradient }, rounds, budget: 60);
            Console.WriteLine($"| {name} | {inputs} | {Format(Median(times[0]) / Calls)} | {MedianRatio(times, 1, 0):F2} | {MedianRatio(times, 2, 0):F2} |");
        }
        Console.WriteLine("| 7. Nielsen's [784, 30, 10] on Tensor (MNIST) | | | (--tensor-modes) | |");
    }

    /// <summary>The network's timed actions, once its tangent agrees with its gradient.</summary>
    private static (string, int, Action, Action, Action) Of<T>(T network) where T : struct, INetwork
    {
        network.Gradient(0);
        double expected = network.GradientDotDirection(), tangent = network.Tangent(0).Dot;
        if (Math.Abs(tangent - expected) > 1e-10 * Math.Max(1, Math.Abs(expected)))
        {
            throw new InvalidOperationException($"{network.Name}: the tangent {tangent} disagrees with the gradient along the direction, {expected}");
        }
        return (network.Name, network.Inputs, () => Sink = Primals(ref network), () => Sink = Tangents(ref network), () => Sink = Gradients(ref network));
    }

    private static double Primals<T>(ref T network) where T : struct, INetwork
    {
        double sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += network.Primal(i * 1e-9);
        }
        return sum;
    }

    private static double Tangents<T>(ref T network) where T : struct, INetwork
    {
        double sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            (double value, double dot) = network.Tangent(i * 1e-9);
            sum += value + dot;
        }
        return sum;
    }

    private static double Gradients<T>(ref T network) where T : struct, INetwork
    {
        double sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += network.Gradient(i * 1e-9);
        }
        return sum;
    }

    /// <summary>Seed example 1: J = 3(a + bc), at a = 5, b = 3, c = 2.</summary>
    private struct ThreeTimesSum(double aDot, double bDot, double cDot) : INetwork
    {
        private double _da, _db, _dc;
        public readonly string Name => "1. J = 3(a + bc)";
        public readonly int Inputs => 3;
        public readonly double Primal(double shift) => SeedNetworks.ThreeTimesSum(5 + shift, 3, 2);
        public readonly (double, double) Tangent(double shift)
        {
            double value = SeedNetworks.ThreeTimesSumTangent(5 + shift, 3, 2, aDot, bDot, cDot, out double dot);
            return (value, dot);
        }
        public double Gradient(double shift) => SeedNetworks.ThreeTimesSumBackward(5 + shift, 3, 2, out _da, out _db, out _dc);
        public readonly double GradientDotDirection() => _da * aDot + _db * bDot + _dc * cDot;
    }

    /// <summary>Seed example 2: the sigmoid, at x = 0.7.</summary>
    private struct Sigmoid(double xDot) : INetwork
    {
        private double _dx;
        public readonly string Name => "2. sigmoid";
        public readonly int Inputs => 1;
        public readonly double Primal(double shift) => SeedNetworks.Sigmoid(0.7 + shift);
        public readonly (double, double) Tangent(double shift)
        {
            double value = SeedNetworks.SigmoidTangent(0.7 + shift, xDot, out double dot);
            return (value, dot);
        }
        public double Gradient(double shift) => SeedNetworks.SigmoidBackward(0.7 + shift, out _dx);
        public readonly double GradientDotDirection() => _dx * xDot;
    }

    /// <summary>Seed example 4: the two-weight network, at x = 1, t = 0, w1 = w2 = 0.5.</summary>
    private struct TwoWeight(double w1Dot, double w2Dot) : INetwork
    {
        private double _dw1, _dw2;
        public readonly string Name => "4. two-weight network";
        public readonly int Inputs => 2;
        public readonly double Primal(double shift) => SeedNetworks.TwoWeightLoss(0.5 + shift, 0.5, 1, 0);
        public readonly (double, double) Tangent(double shift)
        {
            double value = SeedNetworks.TwoWeightLossTangent(0.5 + shift, 0.5, 1, 0, w1Dot, w2Dot, out double dot);
            return (value, dot);
        }
        public double Gradient(double shift) => SeedNetworks.TwoWeightLossBackward(0.5 + shift, 0.5, 1, 0, out _dw1, out _dw2);
        public readonly double GradientDotDirection() => _dw1 * w1Dot + _dw2 * w2Dot;
    }

    /// <summary>Seed example 3: logistic regression, one sample with two features.</summary>
    private struct Logistic(double w1Dot, double w2Dot, double bDot) : INetwork
    {
        private double _dw1, _dw2, _db;
        public readonly string Name => "3. logistic regression";
        public readonly int Inputs => 3;
        public readonly double Primal(double shift) => SeedNetworks.LogisticLoss(0.3 + shift, -0.7, 0.1, 1.5, -0.5, 1);
        public readonly (double, double) Tangent(double shift)
        {
            double value = SeedNetworks.LogisticLossTangent(0.3 + shift, -0.7, 0.1, 1.5, -0.5, 1, w1Dot, w2Dot, bDot, out double dot);
            return (value, dot);
        }
        public double Gradient(double shift) => SeedNetworks.LogisticLossBackward(0.3 + shift, -0.7, 0.1, 1.5, -0.5, 1, out _dw1, out _dw2, out _db);
        public readonly double GradientDotDirection() => _dw1 * w1Dot + _dw2 * w2Dot + _db * bDot;
    }

    /// <summary>Seed example 6: one hidden layer with L2 regularisation, one sample, over double[] buffers.</summary>
    private readonly struct OneHiddenLayer : INetwork
    {
        private readonly double[] _w1, _w2, _x, _y, _w1Dot, _w2Dot, _dw1, _dw2;
        private readonly double _x0;

        public OneHiddenLayer(int inputs, int hidden, int outputs, Random random)
        {
            double[] Random(int length, double scale) => Enumerable.Range(0, length).Select(_ => scale * (random.NextDouble() - 0.5)).ToArray();
            (_w1, _w2) = (Random(hidden * inputs, 2 / Math.Sqrt(inputs)), Random(outputs * hidden, 2 / Math.Sqrt(hidden)));
            (_x, _y) = (Random(inputs, 2), Random(outputs, 2));
            _x0 = _x[0];
            (_w1Dot, _w2Dot) = (Random(_w1.Length, 1), Random(_w2.Length, 1));
            (_dw1, _dw2) = (new double[_w1.Length], new double[_w2.Length]);
            Name = $"6. one hidden layer + L2, [{inputs}, {hidden}, {outputs}]";
        }

        public string Name { get; }
        public int Inputs => _w1.Length + _w2.Length;

        // The shift moves the first input, x[0]: a [NoDiff] value, so the weights (what is differentiated) stay put.
        public double Primal(double shift)
        {
            _x[0] = _x0 + shift;
            return SeedNetworks.OneHiddenLayerL2(_w1, _w2, _x, _y, 1e-3);
        }

        public (double, double) Tangent(double shift)
        {
            _x[0] = _x0 + shift;
            double value = SeedNetworks.OneHiddenLayerL2Tangent(_w1, _w2, _x, _y, 1e-3, _w1Dot, _w2Dot, out double dot);
            return (value, dot);
        }

        public double Gradient(double shift)
        {
            _x[0] = _x0 + shift;
            return SeedNetworks.OneHiddenLayerL2Backward(_w1, _w2, _x, _y, 1e-3, _dw1, _dw2);
        }

        public double GradientDotDirection() => _dw1.Zip(_w1Dot, (g, d) => g * d).Sum() + _dw2.Zip(_w2Dot, (g, d) => g * d).Sum();
    }
}
