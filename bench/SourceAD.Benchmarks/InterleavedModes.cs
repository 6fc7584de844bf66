using System;
using System.Collections.Generic;
using SourceAD.Samples.Gmm;

using static SourceAD.Benchmarks.Interleaving;

namespace SourceAD.Benchmarks;

/// <summary>
/// What each generated mode costs on the GMM objective, round-robin in one process (<see cref="Interleaving"/>):
/// the objective, one <c>ObjectiveTangent</c> (a directional derivative), <c>ObjectiveBackward</c> (the gradient),
/// <c>ObjectiveHessianVector</c> (gradient and H·v, forward over reverse) and, at the smallest size, the dense
/// <c>ObjectiveHessian</c> (one H·v per input). Ratios are medians of per-round ratios.
/// Run: <c>dotnet run -c Release --project bench/SourceAD.Benchmarks -- --modes [rounds]</c>.
/// </summary>
public static class InterleavedModes
{
    public static void Run(int rounds)
    {
        Console.WriteLine($"GMM, generated modes, interleaved: {rounds} rounds, medians ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
        Console.WriteLine("| Size | inputs | objective | tangent / objective | gradient / objective | H·v / gradient | Hessian / gradient |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (GmmSize size in new[] { new GmmSize(2, 5, 1000), new GmmSize(10, 25, 1000) })
        {
            var p = GmmProblem.Random(size.D, size.K, size.N, seed: 42);
            int inputs = p.Alpha.Length + p.Means.Length + p.Q.Length + p.L.Length;
            GmmGradient gradient = p.NewGradient();
            var random = new Random(7);
            double[] Direction(int length)
            {
                var v = new double[length];
                for (int i = 0; i < length; i++)
                {
                    v[i] = random.NextDouble() - 0.5;
                }
                return v;
            }
            double[] alphaDot = Direction(p.Alpha.Length), meansDot = Direction(p.Means.Length), qDot = Direction(p.Q.Length), lDot = Direction(p.L.Length);
            double[] flatGradient = new double[inputs], hessianVector = new double[inputs];
            bool dense = inputs <= 64;
            double[] hessian = new double[dense ? inputs * inputs : 0];
            var actions = new List<Action>
            {
                () => p.Objective(),
                () => GmmObjective.ObjectiveTangent(p.Alpha, p.Means, p.Q, p.L, p.X, p.D, p.K, p.N, p.Gamma, p.M, alphaDot, meansDot, qDot, lDot, out _),
                () => p.Gradient(gradient),
                () => GmmObjective.ObjectiveHessianVector(p.Alpha, p.Means, p.Q, p.L, p.X, p.D, p.K, p.N, p.Gamma, p.M, alphaDot, meansDot, qDot, lDot, flatGradient, hessianVector),
            };
            if (dense)
            {
                actions.Add(() => GmmObjective.ObjectiveHessian(p.Alpha, p.Means, p.Q, p.L, p.X, p.D, p.K, p.N, p.Gamma, p.M, hessian));
            }
            List<double>[] times = Measure(actions, rounds, budget: dense ? 150 : 100);
            string full = dense ? $"{MedianRatio(times, 4, 2):F1}" : "(not run)";
            Console.WriteLine($"| {size} | {inputs} | {Format(Median(times[0]))} | {MedianRatio(times, 1, 0):F2} | {MedianRatio(times, 2, 0):F2} | **{MedianRatio(times, 3, 2):F2}** | {full} |");
        }
    }
}
