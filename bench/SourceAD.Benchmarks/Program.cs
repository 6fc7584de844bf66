using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SourceAD.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/SourceAD.Benchmarks -- --filter '*Gmm*' --job short
/// (any BenchmarkDotNet command-line option works; see bench/README.md for the runs whose figures are published).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        IConfig config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.Median)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
