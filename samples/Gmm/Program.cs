using System;
using System.Diagnostics;
using SourceAD;
using SourceAD.Samples.Gmm;

// The GMM objective of ADBench/GradBench: value, gradient check, and the generated gradient's speed against a
// hand-written one. Sizes from the command line: dotnet run --project samples/Gmm -- D K N
int d = args.Length > 0 ? int.Parse(args[0]) : 10;
int k = args.Length > 1 ? int.Parse(args[1]) : 25;
int n = args.Length > 2 ? int.Parse(args[2]) : 1000;

var problem = GmmProblem.Random(d, k, n);
var generated = problem.NewGradient();
var hand = problem.NewGradient();
var scratch = new GmmScratch(problem);

Console.WriteLine($"GMM objective, D={d} K={k} N={n}");
Console.WriteLine($"  F (objective)         = {problem.Objective():R}");
Console.WriteLine($"  F (generated backward) = {problem.Gradient(generated):R}");
Console.WriteLine($"  F (hand-written)       = {GmmHandWritten.Gradient(problem, hand, scratch):R}");

double worst = 0;
foreach ((double[] a, double[] b) in new[] { (generated.Alpha, hand.Alpha), (generated.Means, hand.Means), (generated.Q, hand.Q), (generated.L, hand.L) })
{
    for (int i = 0; i < a.Length; i++)
    {
        worst = Math.Max(worst, Math.Abs(a[i] - b[i]) / Math.Max(1, Math.Abs(b[i])));
    }
}
Console.WriteLine($"  worst difference, generated vs hand-written gradient: {worst:E2}");

double Time(Action action)
{
    action();
    var watch = Stopwatch.StartNew();
    int reps = 0;
    while (watch.ElapsedMilliseconds < 500) { action(); reps++; }
    return watch.Elapsed.TotalMilliseconds / reps;
}
double objective = Time(() => problem.Objective());
double gen = Time(() => problem.Gradient(generated));
double manual = Time(() => GmmHandWritten.Gradient(problem, hand, scratch));
Console.WriteLine($"  objective {objective:F3} ms, generated gradient {gen:F3} ms, hand-written gradient {manual:F3} ms");
Console.WriteLine($"  generated/hand-written = {gen / manual:F2}, gradient/objective = {gen / objective:F2}  (quick timing; see bench/ for BenchmarkDotNet figures)");
