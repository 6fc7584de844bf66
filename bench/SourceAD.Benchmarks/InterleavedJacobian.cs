using System;
using System.Collections.Generic;

using static SourceAD.Benchmarks.Interleaving;

namespace SourceAD.Benchmarks;

/// <summary>
/// A tall Jacobian with few inputs (<see cref="TallMap"/>: 28 inputs, 3·points outputs, like GradBench's hand
/// tracking), round-robin in one process (<see cref="Interleaving"/>): the primal; the generated
/// <c>ResidualsJacobian</c>, which takes vector forward mode here (⌈28 / lanes⌉ <c>ResidualsTangents</c> sweeps);
/// the same Jacobian by 28 scalar <c>ResidualsTangent</c> sweeps (a column each); and by reverse sweeps, one
/// <c>ResidualsPullback</c> per row; and the vector sweeps alone, without copying their lanes into the matrix.
/// Ratios are medians of per-round ratios.
/// Run: <c>dotnet run -c Release --project bench/SourceAD.Benchmarks -- --jacobian [rounds]</c>.
/// </summary>
public static class InterleavedJacobian
{
    public static void Run(int rounds)
    {
        Console.WriteLine($"Tall Jacobian (28 inputs), interleaved: {rounds} rounds, medians ({Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Numerics.Vector<double>.Count} lanes)");
        Console.WriteLine("| points | outputs | primal | vector forward (Jacobian) | / primal | its sweeps alone / primal | scalar forward / vector | reverse rows / vector |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (int count in new[] { 500, 2000 })
        {
            var random = new Random(5);
            double[] Values(int length, double spread)
            {
                var v = new double[length];
                for (int i = 0; i < length; i++)
                {
                    v[i] = spread * (random.NextDouble() - 0.5);
                }
                return v;
            }
            double[] theta = Values(TallMap.Inputs, 1), points = Values(3 * count, 2), targets = Values(3 * count, 2);
            int[] bones = new int[count];
            for (int i = 0; i < count; i++)
            {
                bones[i] = i % TallMap.Bones;
            }
            int m = 3 * count, n = TallMap.Inputs;
            double[] residuals = new double[m], jacobian = new double[m * n];
            double[] direction = new double[n], tangent = new double[m], seed = new double[m];
            int lanes = System.Numerics.Vector<double>.Count;
            var thetaDots = new System.Numerics.Vector<double>[n];
            var residualDots = new System.Numerics.Vector<double>[m];
            var actions = new List<Action>
            {
                () => TallMap.Residuals(theta, points, targets, bones, residuals),
                () => TallMap.ResidualsJacobian(theta, points, targets, bones, residuals, jacobian),
                () =>
                {
                    for (int column = 0; column < n; column++)
                    {
                        Array.Clear(direction);
                        direction[column] = 1;
                        TallMap.ResidualsTangent(theta, points, targets, bones, residuals, direction, tangent);
                        for (int row = 0; row < m; row++)
                        {
                            jacobian[row * n + column] = tangent[row];
                        }
                    }
                },
                () =>
                {
                    for (int row = 0; row < m; row++)
                    {
                        Array.Clear(seed);
                        seed[row] = 1;
                        Span<double> gradient = jacobian.AsSpan(row * n, n);
                        gradient.Clear();
                        TallMap.ResidualsPullback(theta, points, targets, bones, residuals, seed, gradient);
                    }
                },
                () =>
                {
                    // The vector sweeps alone (what the Jacobian costs beyond copying lanes into its rows).
                    for (int first = 0; first < n; first += lanes)
                    {
                        Array.Clear(thetaDots);
                        for (int lane = 0; lane < lanes && first + lane < n; lane++)
                        {
                            thetaDots[first + lane] = System.Numerics.Vector.WithElement(System.Numerics.Vector<double>.Zero, lane, 1.0);
                        }
                        TallMap.ResidualsTangents(theta, points, targets, bones, residuals, thetaDots, residualDots);
                    }
                },
            };
            List<double>[] times = Measure(actions, rounds, budget: 200);
            Console.WriteLine($"| {count} | {m} | {Format(Median(times[0]))} | {Format(Median(times[1]))} | {MedianRatio(times, 1, 0):F1} | {MedianRatio(times, 4, 0):F1} | **{MedianRatio(times, 2, 1):F2}** | **{MedianRatio(times, 3, 1):F1}** |");
        }
    }
}
