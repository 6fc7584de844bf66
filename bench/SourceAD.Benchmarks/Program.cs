using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SourceAD.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/SourceAD.Benchmarks -- --filter '*Gmm*' --job short
/// (any BenchmarkDotNet command-line option works; see bench/README.md for the runs whose figures are published), or
/// dotnet run -c Release --project bench/SourceAD.Benchmarks -- --interleaved [rounds] for the GMM ratios measured
/// round-robin in one process (<see cref="InterleavedGmm"/>), or -- --modes [rounds] for what forward mode, the
/// gradient, Hessian-vector products and Hessians cost on it (<see cref="InterleavedModes"/>), then the tangent and the
/// gradient against the primal on the scalar and buffer seed networks (<see cref="InterleavedSeedModes"/>; that table
/// alone with -- --seed-modes [rounds]), or -- --jacobian [rounds]
/// for a tall Jacobian by vector forward mode, scalar forward sweeps and reverse sweeps (<see cref="InterleavedJacobian"/>),
/// or -- --tensor-modes [rounds] for the tangent and the gradient against the loss on the tensor seed networks
/// (<see cref="InterleavedTensorModes"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--interleaved")
        {
            InterleavedGmm.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
            return;
        }
        if (args.Length > 0 && args[0] == "--modes")
        {
            int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 11;
            InterleavedModes.Run(rounds);
            Console.WriteLine();
            InterleavedSeedModes.Run(rounds);
            return;
        }
        if (args.Length > 0 && args[0] == "--seed-modes")
        {
            InterleavedSeedModes.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 11);
            return;
        }
        if (args.Length > 0 && args[0] == "--tensor-modes")
        {
            InterleavedTensorModes.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 11);
            return;
        }
        if (args.Length > 0 && args[0] == "--jacobian")
        {
            InterleavedJacobian.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 11);
            return;
        }
        IConfig config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.Median)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
