using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/SourceAD.Generator.Benchmarks -- --filter '*' --job short (BenchmarkDotNet), or
// dotnet run -c Release --project bench/SourceAD.Generator.Benchmarks -- --interleaved <rounds> [other SourceAD.Generator.dll ...]
// (this build against other builds, round-robin in one process; see InterleavedGenerators).
if (args.Length > 0 && args[0] == "--interleaved")
{
    SourceAD.Generator.Benchmarks.InterleavedGenerators.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 11, args.Skip(2).ToList());
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

internal sealed partial class Program
{
}
