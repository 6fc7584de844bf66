using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SourceAD.Generator;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Runs <see cref="DifferentiableGenerator"/> in memory: builds a <see cref="CSharpCompilation"/> from source strings,
/// drives the generator with step tracking on, and exposes generated sources, generator diagnostics and the
/// diagnostics of the compilation that includes the generated code.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true,
        warningLevel: 9999,
        specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress },
        optimizationLevel: OptimizationLevel.Debug,
        deterministic: true);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The running test's trusted platform assemblies plus SourceAD.Runtime, deduplicated by simple name.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string runtime = typeof(SourceAD.DifferentiableAttribute).Assembly.Location;
        byName[Path.GetFileNameWithoutExtension(runtime)] = runtime;

        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (string path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
            {
                continue;
            }
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return byName.Values
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>Parses each source into a tree named <c>Test{i}.cs</c> and builds a library compilation.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((s, i) => Parse(s, $"Test{i}.cs")).ToArray());

    public static CSharpCompilation CreateCompilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("SourceAD.GeneratorTests.Input", trees, References, CompilationOptions);

    public static SyntaxTree Parse(string source, string path = "Test0.cs") =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path, Encoding.UTF8);

    /// <summary>A fresh driver with incremental step tracking enabled.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new DifferentiableGenerator().AsSourceGenerator() },
            additionalTexts: null,
            parseOptions: ParseOptions,
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorResult Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorResult Run(CSharpCompilation compilation) => Run(CreateDriver(), compilation).Result;

    /// <summary>Runs <paramref name="driver"/> (fresh or previously run) on <paramref name="compilation"/>.</summary>
    public static (GeneratorDriver Driver, GeneratorResult Result) Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return (driver, new GeneratorResult(compilation, output, driver.GetRunResult(), generatorDiagnostics));
    }
}

/// <summary>The outcome of one generator run.</summary>
internal sealed class GeneratorResult
{
    public GeneratorResult(CSharpCompilation input, Compilation output, GeneratorDriverRunResult runResult, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        InputCompilation = input;
        OutputCompilation = output;
        RunResult = runResult;
        GeneratorDiagnostics = generatorDiagnostics;
        Sources = runResult.Results.SelectMany(r => r.GeneratedSources)
            .ToImmutableSortedDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        OutputDiagnostics = output.GetDiagnostics();
    }

    public CSharpCompilation InputCompilation { get; }

    public Compilation OutputCompilation { get; }

    public GeneratorDriverRunResult RunResult { get; }

    public GeneratorRunResult Single => Assert.Single(RunResult.Results);

    /// <summary>The exception the generator threw (the driver catches it and reports CS8785), or null.</summary>
    public Exception? GeneratorException => Single.Exception;

    /// <summary>Hint name → generated text, sorted by hint name.</summary>
    public ImmutableSortedDictionary<string, string> Sources { get; }

    /// <summary>Diagnostics reported by the generator (SADxxxx, and CS8785 if it threw).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>Diagnostics of the compilation including the generated sources.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics { get; }

    public IEnumerable<Diagnostic> OutputErrors => OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>All generated files concatenated in hint-name order, each under a header line; line endings are \n.</summary>
    public string AllGeneratedSource
    {
        get
        {
            var sb = new StringBuilder();
            foreach ((string hint, string text) in Sources)
            {
                sb.Append("//----- ").Append(hint).Append(" -----\n");
                sb.Append(text.Replace("\r\n", "\n").Replace('\r', '\n'));
                if (!text.EndsWith('\n'))
                {
                    sb.Append('\n');
                }
            }
            return sb.ToString();
        }
    }

    /// <summary>Asserts: the generator did not throw, reported no diagnostics, and the output compiles without errors.</summary>
    public void AssertCleanRun()
    {
        Assert.True(GeneratorException is null, $"Generator threw: {GeneratorException}");
        // Informational diagnostics (a variant that could not be generated, SAD0020) do not make a run unclean.
        var unexpected = GeneratorDiagnostics.Where(d => d.Severity > DiagnosticSeverity.Info).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected generator diagnostics:\n" + Format(unexpected));
        AssertOutputCompiles();
    }

    /// <summary>
    /// Asserts the compilation including the generated code has no errors, and the generated code no warnings either
    /// (every warning wave is on: a user who builds with warnings as errors would see them fail the build).
    /// </summary>
    public void AssertOutputCompiles()
    {
        var errors = OutputErrors.ToList();
        Assert.True(errors.Count == 0,
            "Output compilation has errors:\n" + Format(errors) + "\n\nGenerated source:\n" + AllGeneratedSource);
        var warnings = GeneratedCodeWarnings.ToList();
        Assert.True(warnings.Count == 0,
            "Generated code has warnings:\n" + Format(warnings) + "\n\nGenerated source:\n" + AllGeneratedSource);
    }

    /// <summary>Warnings the compiler reports in generated files.</summary>
    public IEnumerable<Diagnostic> GeneratedCodeWarnings =>
        OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && !InputCompilation.SyntaxTrees.Contains(tree));

    /// <summary>One line per diagnostic: id, file(line,col), span, the source text at the span, message.</summary>
    public string Format(IEnumerable<Diagnostic> diagnostics) => Format(diagnostics, OutputCompilation);

    public static string Format(IEnumerable<Diagnostic> diagnostics, Compilation? compilation)
    {
        var sb = new StringBuilder();
        foreach (Diagnostic d in diagnostics)
        {
            FileLinePositionSpan pos = d.Location.GetLineSpan();
            // External locations (Location.Create(path, span, lineSpan)) carry no tree: find it by path.
            SyntaxTree? tree = d.Location.SourceTree ?? compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == pos.Path);
            string text = tree is not null && d.Location.SourceSpan.End <= tree.Length ? tree.GetText().ToString(d.Location.SourceSpan) : "";
            sb.Append("  ").Append(d.Id).Append(' ').Append(pos.Path).Append('(')
              .Append(pos.StartLinePosition.Line + 1).Append(',').Append(pos.StartLinePosition.Character + 1).Append(") ")
              .Append(d.Location.SourceSpan).Append(" '").Append(text).Append("': ")
              .Append(d.GetMessage(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Emits the output compilation and loads it into a collectible context. Dispose to unload.</summary>
    public LoadedAssembly Load()
    {
        AssertOutputCompiles();
        var stream = new MemoryStream();
        var emit = OutputCompilation.Emit(stream);
        Assert.True(emit.Success, "Emit failed:\n" + Format(emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new LoadedAssembly(stream);
    }
}

/// <summary>An emitted test assembly in a collectible <see cref="AssemblyLoadContext"/>, with reflection helpers.</summary>
internal sealed class LoadedAssembly : IDisposable
{
    private const BindingFlags StaticAny = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
    private readonly AssemblyLoadContext _context;

    public LoadedAssembly(Stream image)
    {
        // Dependencies (SourceAD.Runtime, the BCL) are not resolved here, so they fall back to the default context.
        _context = new AssemblyLoadContext("SourceAD.GeneratorTests." + Guid.NewGuid().ToString("N"), isCollectible: true);
        Assembly = _context.LoadFromStream(image);
    }

    public Assembly Assembly { get; }

    public Type GetType(string typeName) =>
        Assembly.GetType(typeName) ?? throw new InvalidOperationException($"Type '{typeName}' not found in the emitted assembly.");

    /// <summary>The static method named <paramref name="methodName"/> with <paramref name="parameterCount"/> parameters.</summary>
    public MethodInfo GetMethod(string typeName, string methodName, int parameterCount) =>
        GetMethod(typeName, methodName, new object?[parameterCount]);

    /// <summary>
    /// The static overload named <paramref name="methodName"/> that fits <paramref name="args"/>: same count, and each
    /// non-null argument's type equals the parameter type (null stands for any type, e.g. an out argument).
    /// </summary>
    public MethodInfo GetMethod(string typeName, string methodName, object?[] args)
    {
        Type type = GetType(typeName);
        var candidates = type.GetMethods(StaticAny)
            .Where(m => m.Name == methodName && m.GetParameters().Length == args.Length)
            .Where(m => m.GetParameters().Zip(args).All(pa => pa.Second is null
                || (pa.First.ParameterType.IsByRef ? pa.First.ParameterType.GetElementType() : pa.First.ParameterType) == pa.Second.GetType()))
            .ToList();
        if (candidates.Count != 1)
        {
            string all = string.Join("\n  ", type.GetMethods(StaticAny | BindingFlags.DeclaredOnly).Select(m => m.ToString()));
            throw new InvalidOperationException(
                $"Expected one static method {typeName}.{methodName} with {args.Length} parameters fitting the arguments, found {candidates.Count}. Methods:\n  {all}");
        }
        return candidates[0];
    }

    /// <summary>Invokes a static method. Out/ref parameters are written back into <paramref name="args"/>.</summary>
    public object? Invoke(string typeName, string methodName, object?[] args)
    {
        MethodInfo method = GetMethod(typeName, methodName, args);
        try
        {
            return method.Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"{typeName}.{methodName} threw: {e.InnerException}", e.InnerException);
        }
    }

    /// <summary>
    /// Checks <c>{method}Backward</c> against <c>{method}</c>: same value, and each out gradient (one per double/float
    /// parameter without [NoDiff], in order) matches a central finite difference.
    /// </summary>
    public void AssertGradient(string typeName, string methodName, object[] args, double step = 1e-6, double tolerance = 1e-6)
    {
        MethodInfo primal = GetMethod(typeName, methodName, args);
        ParameterInfo[] parameters = primal.GetParameters();
        int[] active = parameters
            .Where(p => (p.ParameterType == typeof(double) || p.ParameterType == typeof(float))
                        && !p.CustomAttributes.Any(a => a.AttributeType.FullName == "SourceAD.NoDiffAttribute"))
            .Select(p => p.Position)
            .ToArray();

        object?[] backwardArgs = new object?[args.Length + active.Length];
        Array.Copy(args, backwardArgs, args.Length);
        object? value = Invoke(typeName, methodName + "Backward", backwardArgs);
        double expectedValue = Convert.ToDouble(Invoke(typeName, methodName, (object[])args.Clone()), CultureInfo.InvariantCulture);
        AssertClose(expectedValue, Convert.ToDouble(value, CultureInfo.InvariantCulture), tolerance, $"{methodName}Backward value");

        for (int k = 0; k < active.Length; k++)
        {
            int i = active[k];
            double centre = Convert.ToDouble(args[i], CultureInfo.InvariantCulture);
            double h = step * Math.Max(1.0, Math.Abs(centre));
            double plus = Convert.ToDouble(Invoke(typeName, methodName, With(args, i, centre + h, parameters[i].ParameterType)), CultureInfo.InvariantCulture);
            double minus = Convert.ToDouble(Invoke(typeName, methodName, With(args, i, centre - h, parameters[i].ParameterType)), CultureInfo.InvariantCulture);
            double numeric = (plus - minus) / (2 * h);
            double analytic = Convert.ToDouble(backwardArgs[args.Length + k], CultureInfo.InvariantCulture);
            AssertClose(numeric, analytic, tolerance, $"d{methodName}/d{parameters[i].Name}");
        }
    }

    private static object[] With(object[] args, int index, double value, Type type)
    {
        object[] copy = (object[])args.Clone();
        copy[index] = type == typeof(float) ? (object)(float)value : value;
        return copy;
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        double scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale,
            $"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    public void Dispose() => _context.Unload();
}

/// <summary>Test markup: <c>[|</c> and <c>|]</c> around the span a diagnostic must point at.</summary>
internal static class Markup
{
    public static (string Source, TextSpan Span) Parse(string markup)
    {
        int start = markup.IndexOf("[|", StringComparison.Ordinal);
        int end = markup.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start || markup.IndexOf("[|", start + 2, StringComparison.Ordinal) >= 0
            || markup.IndexOf("|]", end + 2, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("Markup must contain exactly one [| ... |] span.", nameof(markup));
        }
        string source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
