using System;
using BenchmarkDotNet.Attributes;
using SourceAD;

namespace SourceAD.Benchmarks;

/// <summary>Square <see cref="Tensor.MatMul"/> (2·n³ floating-point operations, result allocated per call).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class MatMulBenchmarks
{
    private Tensor _a = null!, _b = null!;

    [Params(64, 256, 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = Tensor.RandomUniform(rng, -1f, 1f, N, N);
        _b = Tensor.RandomUniform(rng, -1f, 1f, N, N);
    }

    [Benchmark]
    public Tensor MatMul() => Tensor.MatMul(_a, _b);
}
