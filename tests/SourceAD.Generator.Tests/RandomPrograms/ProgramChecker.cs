using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using System.Collections.Immutable;

namespace SourceAD.Generator.Tests.RandomPrograms;

internal enum VerdictKind
{
    /// <summary>Generated cleanly and every checked gradient matched.</summary>
    Accepted,
    /// <summary>Rejected with a documented diagnostic (SAD0001–SAD0022).</summary>
    Rejected,
    /// <summary>The test's own program does not compile (a bug in the printer, not in SourceAD).</summary>
    InvalidProgram,
    GeneratorCrash,
    InternalError,
    GeneratedCodeDoesNotCompile,
    WrongValue,
    WrongGradient,
    /// <summary>The generated Tangent is not the gradient dotted with the direction.</summary>
    WrongTangent,
    /// <summary>The generated Hessian is not symmetric, or not the central differences of the generated gradient.</summary>
    WrongHessian,
    /// <summary>A vector-valued twin's generated Jacobian is not the central differences of the twin, column by column.</summary>
    WrongJacobian,
    /// <summary>The dual-number evaluator disagrees with the compiled primal (a bug in the test).</summary>
    EvaluatorMismatch,
}

internal sealed record Verdict(VerdictKind Kind, string Detail, int PointsChecked = 0)
{
    /// <summary>How many of the points also had their Tangent and Hessian checked.</summary>
    public int TangentsChecked { get; init; }

    public int HessiansChecked { get; init; }

    public int JacobiansChecked { get; init; }

    public bool IsFailure => Kind is not (VerdictKind.Accepted or VerdictKind.Rejected);
}

/// <summary>Runs random programs through the real generator and compiler in memory, many per compilation.</summary>
internal static class ProgramChecker
{
    /// <summary>The IDs a program may legitimately be rejected with (documented in docs/diagnostics.md).</summary>
    private static readonly Regex Documented = new(@"^SAD00(0[1-9]|1[0-9]|2[0-2])$", RegexOptions.Compiled);

    private static readonly Regex ClassName = new(@"partial class (P\d+)\b", RegexOptions.Compiled);

    public const int PointsPerMethod = 3;

    /// <summary>Time spent generating and compiling, and checking numerics (for the test's summary line).</summary>
    public static long CompileTicks, NumericTicks, GeneratorTicks;

    public static Dictionary<int, Verdict> CheckBatch(IReadOnlyList<RandomProgram> programs)
    {
        var verdicts = new Dictionary<int, Verdict>();
        var pending = programs.ToList();
        for (int round = 0; round < 4 && pending.Count > 0; round++)
        {
            long start = Stopwatch.GetTimestamp();
            BatchResult result = Run(pending);
            Interlocked.Add(ref CompileTicks, Stopwatch.GetTimestamp() - start);
            if (result.GeneratorException is not null)
            {
                if (pending.Count == 1)
                {
                    verdicts[pending[0].Id] = new Verdict(VerdictKind.GeneratorCrash, result.GeneratorException.ToString());
                    return verdicts;
                }
                // Find the culprit(s) one by one.
                foreach (RandomProgram p in pending)
                {
                    foreach ((int id, Verdict v) in CheckBatch(new[] { p }))
                    {
                        verdicts[id] = v;
                    }
                }
                return verdicts;
            }

            var bad = new Dictionary<int, Verdict>();
            var byPath = pending.ToDictionary(p => p.ClassName + ".cs");
            foreach (Diagnostic d in result.GeneratorDiagnostics.Where(d => d.Severity > DiagnosticSeverity.Info))
            {
                string path = d.Location.GetLineSpan().Path ?? "";
                string message = d.Id + " " + d.GetMessage(CultureInfo.InvariantCulture) + " at " + d.Location.GetLineSpan();
                if (!byPath.TryGetValue(path, out RandomProgram? owner))
                {
                    // No location: cannot attribute it; fall back to one program per run.
                    if (pending.Count == 1)
                    {
                        owner = pending[0];
                    }
                    else
                    {
                        return CheckEach(pending, verdicts);
                    }
                }
                VerdictKind kind = d.Id == "SAD9999" ? VerdictKind.InternalError : Documented.IsMatch(d.Id) ? VerdictKind.Rejected : VerdictKind.GeneratorCrash;
                if (!bad.TryGetValue(owner.Id, out Verdict? previous) || (previous.Kind == VerdictKind.Rejected && kind != VerdictKind.Rejected))
                {
                    bad[owner.Id] = new Verdict(kind, message);
                }
            }
            foreach (Diagnostic d in result.OutputErrors)
            {
                SyntaxTree? tree = d.Location.SourceTree;
                string path = d.Location.GetLineSpan().Path ?? "";
                string detail = d.Id + " " + d.GetMessage(CultureInfo.InvariantCulture) + " at " + d.Location.GetLineSpan();
                if (byPath.TryGetValue(path, out RandomProgram? user))
                {
                    if (!bad.ContainsKey(user.Id))
                    {
                        bad[user.Id] = new Verdict(VerdictKind.InvalidProgram, detail);
                    }
                    continue;
                }
                Match m = tree is null ? Match.Empty : ClassName.Match(tree.GetText().ToString());
                RandomProgram? owner = m.Success ? pending.FirstOrDefault(p => p.ClassName == m.Groups[1].Value) : pending.Count == 1 ? pending[0] : null;
                if (owner is null)
                {
                    return CheckEach(pending, verdicts);
                }
                if (!bad.ContainsKey(owner.Id))
                {
                    string text = tree is null ? "" : tree.GetText().ToString();
                    bad[owner.Id] = new Verdict(VerdictKind.GeneratedCodeDoesNotCompile, detail + "\nGenerated file:\n" + text);
                }
            }

            if (bad.Count == 0 && result.Image is null)
            {
                return CheckEach(pending, verdicts);
            }
            if (result.Image is not null && pending.All(p => !bad.ContainsKey(p.Id) || result.Dropped.Contains(p.ClassName)))
            {
                foreach ((int id, Verdict v) in bad)
                {
                    verdicts[id] = v;
                }
                using LoadedAssembly assembly = new(new MemoryStream(result.Image));
                long numericStart = Stopwatch.GetTimestamp();
                foreach (RandomProgram p in pending.Where(p => !bad.ContainsKey(p.Id)))
                {
                    try
                    {
                        verdicts[p.Id] = CheckNumerics(p, assembly);
                    }
                    catch (InvalidOperationException e)
                    {
                        // The program itself threw (a cast, an index): a bug of this test's generator, not of SourceAD.
                        verdicts[p.Id] = new Verdict(VerdictKind.InvalidProgram, e.Message);
                    }
                }
                Interlocked.Add(ref NumericTicks, Stopwatch.GetTimestamp() - numericStart);
                return verdicts;
            }
            foreach ((int id, Verdict v) in bad)
            {
                verdicts[id] = v;
            }
            pending = pending.Where(p => !bad.ContainsKey(p.Id)).ToList();
        }
        return CheckEach(pending, verdicts);
    }

    private static Dictionary<int, Verdict> CheckEach(List<RandomProgram> pending, Dictionary<int, Verdict> verdicts)
    {
        if (pending.Count == 1)
        {
            verdicts[pending[0].Id] = new Verdict(VerdictKind.GeneratorCrash, "diagnostics could not be attributed");
            return verdicts;
        }
        foreach (RandomProgram p in pending)
        {
            foreach ((int id, Verdict v) in CheckBatch(new[] { p }))
            {
                verdicts[id] = v;
            }
        }
        return verdicts;
    }

    /// <param name="Dropped">The programs the generator rejected with an error: not in <see cref="Image"/>.</param>
    private sealed record BatchResult(Exception? GeneratorException, ImmutableArray<Diagnostic> GeneratorDiagnostics, IReadOnlyList<Diagnostic> OutputErrors, byte[]? Image, HashSet<string> Dropped);

    /// <summary>
    /// The harness's compilation, references and parse options, but a driver without step tracking and a single
    /// Emit (whose diagnostics are the compilation's): about half the time of GeneratorHarness.Run + Load.
    /// </summary>
    private static BatchResult Run(IReadOnlyList<RandomProgram> programs)
    {
        SyntaxTree[] trees = programs.Select(p => GeneratorHarness.Parse(Printer.File(p), p.ClassName + ".cs")).ToArray();
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(trees);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions);
        long start = Stopwatch.GetTimestamp();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Interlocked.Add(ref GeneratorTicks, Stopwatch.GetTimestamp() - start);
        Exception? exception = driver.GetRunResult().Results.Single().Exception;
        var rejected = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => Path.GetFileNameWithoutExtension(d.Location.GetLineSpan().Path ?? "")).ToHashSet();
        if (exception is not null || rejected.Any(name => !programs.Any(p => p.ClassName == name)))
        {
            return new BatchResult(exception, diagnostics, Array.Empty<Diagnostic>(), null, rejected);
        }
        // The rejected programs' files, and what the generator made of them, leave the compilation: the rest is emitted
        // without running the generator again.
        output = output.RemoveSyntaxTrees(output.SyntaxTrees.Where(t => ClassName.Match(t.GetText().ToString()) is { Success: true } m && rejected.Contains(m.Groups[1].Value)));
        // The variants' wrappers, for the variants the generator produced (a wrapper of a missing one would not compile).
        ImmutableArray<SyntaxTree> generatedTrees = driver.GetRunResult().GeneratedTrees;
        output = output.AddSyntaxTrees(programs.Where(p => !rejected.Contains(p.ClassName)).Select(p =>
        {
            // Its generated files are named after the class (hint names "Namespace.P12.M3(…).g.cs").
            string text = string.Concat(generatedTrees.Where(t => t.FilePath.Contains("." + p.ClassName + ".", StringComparison.Ordinal)).Select(t => t.GetText().ToString()));
            bool Has(string variant) => text.Contains("public static double " + variant + "(", StringComparison.Ordinal) || text.Contains("public static void " + variant + "(", StringComparison.Ordinal);
            return GeneratorHarness.Parse(Printer.VariantWrappers(p, Has), p.ClassName + ".Variants.cs");
        }));
        using var image = new MemoryStream();
        EmitResult emit = output.Emit(image);
        var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return new BatchResult(exception, diagnostics, errors, emit.Success ? image.ToArray() : null, rejected);
    }

    /// <summary>
    /// Value and gradient of every method of <paramref name="program"/> at a few random points, and at one special
    /// point (inputs at 0, ±1, or equal to each other: Pow at 0, ties of Max and Min, Abs at 0, Clamp at its bounds).
    /// At a special point whose stencil crosses a kink, only the forward-mode duals (which implement the documented
    /// conventions independently) judge the gradient.
    /// </summary>
    private static Verdict CheckNumerics(RandomProgram program, LoadedAssembly assembly)
    {
        Type type = assembly.GetType(Printer.Namespace + "." + program.ClassName);
        var rng = new Random(program.Id * 7919 + 17);
        int checkedPoints = 0, checkedTangents = 0, checkedHessians = 0, checkedJacobians = 0;
        foreach (Method method in program.Methods)
        {
            MethodInfo primal = type.GetMethod(method.Name + "Value", BindingFlags.Public | BindingFlags.Static)!;
            MethodInfo backward = type.GetMethod(method.Name + "Gradient", BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException(method.Name + "Gradient was not generated");
            MethodInfo? tangentAt = type.GetMethod(method.Name + "TangentAt", BindingFlags.Public | BindingFlags.Static);
            MethodInfo? hessianAt = type.GetMethod(method.Name + "HessianAt", BindingFlags.Public | BindingFlags.Static);
            MethodInfo? vecAt = type.GetMethod(method.Name + "VecAt", BindingFlags.Public | BindingFlags.Static);
            MethodInfo? jacobianAt = type.GetMethod(method.Name + "VecJacobianAt", BindingFlags.Public | BindingFlags.Static);
            int[] active = method.ActiveParameters.ToArray();

            for (int point = 0, attempts = 0; point < PointsPerMethod + 1 && attempts < 25; attempts++)
            {
                bool special = point == PointsPerMethod;
                double[] x = Enumerable.Range(0, method.Size).Select(_ => Math.Round(rng.NextDouble() * 4 - 2, 3) + 1e-4 * rng.NextDouble()).ToArray();
                if (special)
                {
                    MakeSpecial(x, active, rng);
                }
                int n = rng.Next(5);

                Dual dual;
                List<long> trace;
                try
                {
                    (dual, trace) = EvaluateDual(program, method, x, n, active);
                }
                catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or KeyNotFoundException)
                {
                    return new Verdict(VerdictKind.EvaluatorMismatch, "dual evaluator failed: " + e.Message);
                }
                if (!Usable(dual.V) || dual.G.Any(g => !Usable(g)))
                {
                    if (special)
                    {
                        point++; // a special point where the derivative is infinite or undefined: nothing to compare
                    }
                    continue;
                }

                // Every point of the finite-difference stencil must lie on the same smooth piece.
                double[] steps = active.Select(j => 1e-3 * Math.Max(1, Math.Abs(x[j]))).ToArray();
                bool smooth = true;
                for (int a = 0; a < active.Length && smooth; a++)
                {
                    foreach (int k in new[] { -2, -1, 1, 2 })
                    {
                        double[] y = (double[])x.Clone();
                        y[active[a]] += k * steps[a];
                        (Dual dy, List<long> t) = EvaluateDual(program, method, y, n, Array.Empty<int>());
                        if (!t.SequenceEqual(trace) || !Usable(dy.V))
                        {
                            smooth = false;
                            break;
                        }
                    }
                }
                if (!smooth && !special)
                {
                    continue;
                }

                string where = $"{method.Name}({Describe(x, method.HasN ? n : null)})" + (special ? " (a special point)" : "");
                double value = Invoke(primal, x, n);
                if (!Close(value, dual.V, 1e-9))
                {
                    return new Verdict(VerdictKind.EvaluatorMismatch, $"{where}: compiled value {value:R}, dual evaluator {dual.V:R}");
                }

                double[] gradient = new double[active.Length];
                double backValue;
                try
                {
                    backValue = Convert.ToDouble(backward.Invoke(null, new object[] { x.Clone(), n, gradient }), CultureInfo.InvariantCulture);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    return new Verdict(VerdictKind.WrongValue, $"{where}: {method.Name}Backward threw {e.InnerException}");
                }
                if (!Close(value, backValue, 1e-9))
                {
                    return new Verdict(VerdictKind.WrongValue, $"{where}: {method.Name} = {value:R} but {method.Name}Backward returned {backValue:R}");
                }

                for (int a = 0; a < active.Length; a++)
                {
                    string d = $"d{method.Name}/d{InputName(method, active[a])} at {where}";
                    if (!Close(gradient[a], dual.G[a], 1e-8))
                    {
                        return new Verdict(VerdictKind.WrongGradient, $"{d}: generated {gradient[a]:R}, forward-mode dual {dual.G[a]:R}");
                    }
                    if (!smooth)
                    {
                        continue;
                    }
                    // Fourth-order central differences; a smaller step (inside the stencil checked above) is tried
                    // when truncation error dominates at the first one.
                    double best = double.NaN, previous = double.NaN, last = double.NaN;
                    bool matched = false;
                    foreach (double shrink in new[] { 1.0, 0.25, 0.0625, 1.0 / 64, 1.0 / 256 })
                    {
                        double h = steps[a] * shrink;
                        double F(int k)
                        {
                            double[] y = (double[])x.Clone();
                            y[active[a]] += k * h;
                            return Invoke(primal, y, n);
                        }
                        double fd = (F(-2) - 8 * F(-1) + 8 * F(1) - F(2)) / (12 * h);
                        previous = last;
                        last = fd;
                        if (double.IsNaN(best) || Math.Abs(fd - gradient[a]) < Math.Abs(best - gradient[a]))
                        {
                            best = fd;
                        }
                        if (Close(gradient[a], fd, 1e-6))
                        {
                            matched = true;
                            break;
                        }
                    }
                    // Not converged (the two smallest steps disagree, e.g. sin(x⁸)): finite differences cannot judge
                    // this point; the forward-mode comparison above still did.
                    if (!matched && Close(previous, last, 1e-7))
                    {
                        return new Verdict(VerdictKind.WrongGradient, $"{d}: generated {gradient[a]:R}, finite differences {best:R}");
                    }
                }
                if (tangentAt is not null)
                {
                    // The tangent along a random direction is the gradient dotted with it.
                    double[] v = active.Select(_ => rng.NextDouble() * 2 - 1).ToArray();
                    double tangent;
                    try
                    {
                        tangent = Convert.ToDouble(tangentAt.Invoke(null, new object[] { x.Clone(), n, v }), CultureInfo.InvariantCulture);
                    }
                    catch (TargetInvocationException e) when (e.InnerException is not null)
                    {
                        return new Verdict(VerdictKind.WrongTangent, $"{method.Name}Tangent at {where} threw {e.InnerException}");
                    }
                    double dot = gradient.Zip(v, (g, d) => g * d).Sum(), scale = gradient.Zip(v, (g, d) => Math.Abs(g * d)).Sum();
                    if (Math.Abs(tangent - dot) > 1e-9 * Math.Max(1, scale))
                    {
                        return new Verdict(VerdictKind.WrongTangent, $"{method.Name}Tangent at {where} along ({Describe(v, null)}): {tangent:R}, but gradient · direction = {dot:R}");
                    }
                    checkedTangents++;
                }
                string? problem;
                try
                {
                    problem = hessianAt is not null && smooth ? HessianProblem(hessianAt, backward, x, n, active, steps, gradient.Length) : null;
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    problem = "threw " + e.InnerException;
                }
                if (problem is not null)
                {
                    return new Verdict(VerdictKind.WrongHessian, $"{method.Name}Hessian at {where}: {problem}");
                }
                checkedHessians += hessianAt is not null && smooth ? 1 : 0;
                if (vecAt is not null && jacobianAt is not null && smooth)
                {
                    try
                    {
                        problem = JacobianProblem(vecAt, jacobianAt, x, n, active, steps);
                    }
                    catch (TargetInvocationException e) when (e.InnerException is not null)
                    {
                        problem = "threw " + e.InnerException;
                    }
                    if (problem is not null)
                    {
                        return new Verdict(VerdictKind.WrongJacobian, $"{method.Name}VecJacobian at {where}: {problem}");
                    }
                    checkedJacobians++;
                }
                point++;
                checkedPoints++;
            }
        }
        return new Verdict(VerdictKind.Accepted, "", checkedPoints) { TangentsChecked = checkedTangents, HessiansChecked = checkedHessians, JacobiansChecked = checkedJacobians };
    }

    /// <summary>
    /// Why a vector-valued twin's Jacobian at <paramref name="x"/> is wrong, or null: each column must be the
    /// fourth-order central difference of the twin's two outputs along that input (a column whose differences do not
    /// converge is not judged).
    /// </summary>
    private static string? JacobianProblem(MethodInfo vecAt, MethodInfo jacobianAt, double[] x, int n, int[] active, double[] steps)
    {
        int count = active.Length;
        double[] jacobian = new double[2 * count];
        jacobianAt.Invoke(null, new object[] { x.Clone(), n, jacobian });
        for (int a = 0; a < count; a++)
        {
            double[]? previous = null, last = null;
            bool matched = false;
            foreach (double shrink in new[] { 1.0, 0.25, 0.0625, 1.0 / 64 })
            {
                double h = steps[a] * shrink;
                double[] R(int k)
                {
                    double[] y = (double[])x.Clone();
                    y[active[a]] += k * h;
                    double[] r = new double[2];
                    vecAt.Invoke(null, new object[] { y, n, r });
                    return r;
                }
                double[] m2 = R(-2), m1 = R(-1), p1 = R(1), p2 = R(2);
                double[] column = Enumerable.Range(0, 2).Select(i => (m2[i] - 8 * m1[i] + 8 * p1[i] - p2[i]) / (12 * h)).ToArray();
                (previous, last) = (last, column);
                if (Enumerable.Range(0, 2).All(i => Close(column[i], jacobian[i * count + a], 1e-6)))
                {
                    matched = true;
                    break;
                }
            }
            bool converged = previous is not null && Enumerable.Range(0, 2).All(i => Close(previous[i], last![i], 1e-7));
            if (!matched && converged)
            {
                return $"column {a} is ({jacobian[a]:R}, {jacobian[count + a]:R}), central differences ({last![0]:R}, {last[1]:R})";
            }
        }
        return null;
    }

    /// <summary>
    /// Why the generated Hessian at <paramref name="x"/> is wrong, or null: it must be symmetric, and each row must be the
    /// fourth-order central difference of the generated gradient along that input (on the smooth stencil checked
    /// before; a smaller step is tried when truncation error dominates, and a row whose differences do not converge is
    /// not judged, as for the gradient).
    /// </summary>
    private static string? HessianProblem(MethodInfo hessianAt, MethodInfo backward, double[] x, int n, int[] active, double[] steps, int count)
    {
        double[] hessian = new double[count * count];
        hessianAt.Invoke(null, new object[] { x.Clone(), n, hessian });
        for (int a = 0; a < count; a++)
        {
            for (int b = 0; b < a; b++)
            {
                if (!Close(hessian[a * count + b], hessian[b * count + a], 1e-9))
                {
                    return $"H[{a},{b}] = {hessian[a * count + b]:R} but H[{b},{a}] = {hessian[b * count + a]:R}";
                }
            }
        }
        for (int a = 0; a < count; a++)
        {
            double[]? best = null, previous = null, last = null;
            bool matched = false;
            foreach (double shrink in new[] { 1.0, 0.25, 0.0625, 1.0 / 64 })
            {
                double h = steps[a] * shrink;
                double[] G(int k)
                {
                    double[] y = (double[])x.Clone();
                    y[active[a]] += k * h;
                    double[] g = new double[count];
                    backward.Invoke(null, new object[] { y, n, g });
                    return g;
                }
                double[] m2 = G(-2), m1 = G(-1), p1 = G(1), p2 = G(2);
                double[] row = Enumerable.Range(0, count).Select(b => (m2[b] - 8 * m1[b] + 8 * p1[b] - p2[b]) / (12 * h)).ToArray();
                (previous, last) = (last, row);
                double Error(double[] r) => Enumerable.Range(0, count).Max(b => Math.Abs(r[b] - hessian[a * count + b]) / Math.Max(1, Math.Max(Math.Abs(r[b]), Math.Abs(hessian[a * count + b]))));
                if (best is null || Error(row) < Error(best))
                {
                    best = row;
                }
                if (Error(row) <= 1e-5)
                {
                    matched = true;
                    break;
                }
            }
            bool converged = previous is not null && Enumerable.Range(0, count).All(b => Close(previous[b], last![b], 1e-6));
            if (!matched && converged)
            {
                return $"row {a} is ({Describe(Enumerable.Range(0, count).Select(b => hessian[a * count + b]).ToArray(), null)}), central differences of the gradient ({Describe(best!, null)})";
            }
        }
        return null;
    }

    /// <summary>Sets some active inputs to 0, 1 or −1, or equal to another input (ties).</summary>
    private static void MakeSpecial(double[] x, int[] active, Random rng)
    {
        foreach (int i in active)
        {
            double r = rng.NextDouble();
            if (r < 0.35)
            {
                x[i] = 0.0;
            }
            else if (r < 0.5)
            {
                x[i] = rng.Next(2) == 0 ? 1.0 : -1.0;
            }
            else if (r < 0.65)
            {
                x[i] = x[active[rng.Next(active.Length)]];
            }
        }
    }

    private static string InputName(Method method, int index) =>
        index < method.Doubles ? "x" + index.ToString(CultureInfo.InvariantCulture) : "b[" + (index - method.Doubles).ToString(CultureInfo.InvariantCulture) + "]";

    private static bool Usable(double v) => double.IsFinite(v) && Math.Abs(v) < 1e5;

    /// <summary>Mixed absolute/relative error: |a - b| / max(1, |a|, |b|).</summary>
    private static bool Close(double a, double b, double tolerance) =>
        Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static (Dual, List<long>) EvaluateDual(RandomProgram program, Method method, double[] x, int n, int[] active)
    {
        var evaluator = new DualEvaluator(program, active.Length);
        Dual Input(int i)
        {
            var g = new double[active.Length];
            int k = Array.IndexOf(active, i);
            if (k >= 0)
            {
                g[k] = 1;
            }
            return new Dual(x[i], g);
        }
        Dual[] doubles = Enumerable.Range(0, method.Doubles).Select(Input).ToArray();
        Dual[]? buffer = method.BufferLength > 0 ? Enumerable.Range(method.Doubles, method.BufferLength).Select(Input).ToArray() : null;
        Dual result = evaluator.Call(method.Index, doubles, buffer, n);
        return (result, evaluator.Trace);
    }

    private static double Invoke(MethodInfo method, double[] x, int n)
    {
        try
        {
            return Convert.ToDouble(method.Invoke(null, new object[] { x.Clone(), n }), CultureInfo.InvariantCulture);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"{method.Name} threw: {e.InnerException}", e.InnerException);
        }
    }

    private static string Describe(double[] x, int? n) =>
        string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Concat(n is null ? [] : [n.Value.ToString(CultureInfo.InvariantCulture)]));
}
