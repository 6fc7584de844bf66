using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/SourceAD.Generator.Benchmarks
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

internal sealed partial class Program
{
}
