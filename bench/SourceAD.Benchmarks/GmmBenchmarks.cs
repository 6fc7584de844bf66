using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using SourceAD.Samples.Gmm;

namespace SourceAD.Benchmarks;

/// <summary>A GMM problem size, printed as the parameter column.</summary>
public sealed record GmmSize(int D, int K, int N)
{
    public override string ToString() => $"D={D} K={K} N={N}";
}

/// <summary>
/// The GMM objective (ADBench/GradBench) at three sizes: the objective, SourceAD's generated gradient and the hand-written
/// gradient of samples/Gmm (the baseline). Data and parameters from <see cref="GmmProblem.Random"/> with seed 42.
/// </summary>
[MemoryDiagnoser]
public class GmmBenchmarks
{
    private GmmProblem _problem = null!;
    private GmmGradient _generated = null!;
    private GmmGradient _hand = null!;
    private GmmScratch _scratch = null!;

    public static IEnumerable<GmmSize> Sizes =>
    [
        new GmmSize(2, 5, 1000),
        new GmmSize(10, 25, 1000),
        new GmmSize(64, 50, 1000),
    ];

    [ParamsSource(nameof(Sizes))]
    public GmmSize Size { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _problem = GmmProblem.Random(Size.D, Size.K, Size.N, seed: 42);
        _generated = _problem.NewGradient();
        _hand = _problem.NewGradient();
        _scratch = new GmmScratch(_problem);
    }

    [Benchmark]
    public double Objective() => _problem.Objective();

    [Benchmark]
    public double GeneratedGradient() => _problem.Gradient(_generated);

    [Benchmark(Baseline = true)]
    public double HandWrittenGradient() => GmmHandWritten.Gradient(_problem, _hand, _scratch);
}

/// <summary>
/// The gradient by central finite differences (two objective evaluations per parameter), at the smallest size only:
/// D=2 K=5 N=1000 has 30 parameters; D=64 K=50 N=1000 has 110 050, i.e. 220 100 objective evaluations per gradient.
/// The hand-written gradient is repeated here as the baseline of the ratio.
/// </summary>
[MemoryDiagnoser]
public class GmmFiniteDifferencesBenchmarks
{
    private GmmProblem _problem = null!;
    private GmmGradient _numeric = null!;
    private GmmGradient _hand = null!;
    private GmmScratch _scratch = null!;

    public static IEnumerable<GmmSize> Sizes => [new GmmSize(2, 5, 1000)];

    [ParamsSource(nameof(Sizes))]
    public GmmSize Size { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _problem = GmmProblem.Random(Size.D, Size.K, Size.N, seed: 42);
        _numeric = _problem.NewGradient();
        _hand = _problem.NewGradient();
        _scratch = new GmmScratch(_problem);
    }

    [Benchmark(Baseline = true)]
    public double HandWrittenGradient() => GmmHandWritten.Gradient(_problem, _hand, _scratch);

    [Benchmark]
    public double CentralFiniteDifferences()
    {
        GmmProblem p = _problem;
        Differentiate(p.Alpha, _numeric.Alpha);
        Differentiate(p.Means, _numeric.Means);
        Differentiate(p.Q, _numeric.Q);
        Differentiate(p.L, _numeric.L);
        return p.Objective();

        // Perturbs each element in place, h = 1e-6·max(1, |x|), and restores it.
        void Differentiate(double[] parameter, double[] gradient)
        {
            for (int i = 0; i < parameter.Length; i++)
            {
                double x = parameter[i];
                double h = 1e-6 * Math.Max(1, Math.Abs(x));
                parameter[i] = x + h;
                double plus = p.Objective();
                parameter[i] = x - h;
                double minus = p.Objective();
                parameter[i] = x;
                gradient[i] = (plus - minus) / (2 * h);
            }
        }
    }
}
