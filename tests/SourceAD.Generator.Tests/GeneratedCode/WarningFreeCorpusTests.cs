using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SourceAD.Generator;
using Xunit;

namespace SourceAD.Generator.Tests.GeneratedCode;

/// <summary>
/// The generated code of a broad corpus (the end-to-end tests' models and every sample) compiles without a single
/// warning the way a strict user's project builds it: nullable enabled, every warning wave on, warnings as errors, and
/// the .NET analyzers the SDK enables by default (those of the SDK running the tests, loaded from its folder). Any
/// compiler or analyzer diagnostic located in a generated file fails, with the file's line; and each generated
/// parameter has an XML doc that says what it is.
/// </summary>
public sealed class WarningFreeCorpusTests
{
    /// <summary>The project folders whose [Differentiable] code is the corpus.</summary>
    public static TheoryData<string> Corpora => new()
    {
        "tests/SourceAD.EndToEnd.Tests",
        "samples/Gmm",
        "samples/Graphs",
        "samples/LogisticRegression",
        "samples/Mnist",
        "samples/Quickstart",
    };

    [Theory]
    [MemberData(nameof(Corpora))]
    public void GeneratedCodeHasNoWarningsUnderNullableWarningsAsErrorsAndTheDefaultAnalyzers(string folder)
    {
        Corpus corpus = Corpus.Load(folder);
        CSharpCompilation input = corpus.Compilation();
        // XML doc comments are checked too (CS1570-CS1574: malformed XML, a <param> naming no parameter), as in a
        // project that generates its documentation file.
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new DifferentiableGenerator().AsSourceGenerator() },
            parseOptions: Corpus.DocumentedParseOptions);
        GeneratorResult result = GeneratorHarness.Run(driver, input).Result;
        Assert.Null(result.GeneratorException);
        var sad = result.GeneratorDiagnostics.Where(d => d.Severity > DiagnosticSeverity.Info).ToList();
        Assert.True(sad.Count == 0, "The corpus gets SourceAD errors:\n" + result.Format(sad));
        Assert.True(result.Sources.Count >= corpus.MinimumGeneratedFiles, $"Only {result.Sources.Count} files were generated for {folder}.");

        var generated = result.OutputCompilation.SyntaxTrees.Where(t => !input.SyntaxTrees.Contains(t)).ToHashSet();
        ImmutableArray<Diagnostic> all = result.OutputCompilation.GetDiagnostics();
        var elsewhere = all.Where(d => d.Severity == DiagnosticSeverity.Error && !d.IsWarningAsError && !InGenerated(d, generated)).ToList();
        Assert.True(elsewhere.Count == 0, $"The corpus {folder} itself does not compile this way (a test setup problem):\n" + result.Format(elsewhere.Take(20)));
        var compiler = all.Where(d => d.Severity >= DiagnosticSeverity.Warning && InGenerated(d, generated));
        var analyzers = DefaultAnalyzers.Run(result.OutputCompilation, generated);
        var found = compiler.Concat(analyzers).OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.True(found.Count == 0, Report(found));
        AssertEveryParameterIsDocumented(generated);
    }

    /// <summary>Each generated method's XML doc says what every parameter is (not the printer's generic fallback).</summary>
    private static void AssertEveryParameterIsDocumented(IEnumerable<SyntaxTree> generated)
    {
        var missing = new List<string>();
        foreach (SyntaxTree tree in generated)
        {
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                string doc = string.Concat(method.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)).Select(t => t.ToFullString()));
                if (doc.Contains("<inheritdoc", StringComparison.Ordinal))
                {
                    continue; // an interface implementation: its parameters are documented on the interface
                }
                foreach (var parameter in method.ParameterList.Parameters)
                {
                    var text = System.Text.RegularExpressions.Regex.Match(doc, "<param name=\"" + parameter.Identifier.ValueText + "\">(.*?)</param>");
                    if (!text.Success || text.Groups[1].Value.Trim().Length == 0 || text.Groups[1].Value.Contains("as the differentiated method takes it", StringComparison.Ordinal))
                    {
                        missing.Add(method.Identifier.Text + "(" + parameter.Identifier.Text + ") in " + Path.GetFileName(tree.FilePath) + ": " + (text.Success ? text.Groups[1].Value : "no <param>"));
                    }
                }
            }
        }
        Assert.True(missing.Count == 0, missing.Count + " generated parameters without a doc of their own:\n  " + string.Join("\n  ", missing.Take(30)));
    }

    /// <summary>The warnings-as-errors compilation reports a warning as an error: the test sees it either way.</summary>
    [Fact]
    public void ACompilerWarningInGeneratedCodeIsFound()
    {
        GeneratorResult result = GeneratorHarness.Run(Corpus.Strict(GeneratorHarness.CreateCompilation("class C { }")));
        SyntaxTree planted = CSharpSyntaxTree.ParseText("#nullable enable\nclass D { void M() { int x = 1; x = x; } string N(object? o) { string s = (string)o; return s; } }", GeneratorHarness.ParseOptions, "Planted.g.cs");
        Compilation compilation = result.OutputCompilation.AddSyntaxTrees(planted);
        var ids = compilation.GetDiagnostics().Where(d => InGenerated(d, new HashSet<SyntaxTree> { planted })).Select(d => d.Id).ToList();
        Assert.Contains("CS1717", ids);
        Assert.Contains("CS8600", ids);
        Assert.All(compilation.GetDiagnostics().Where(d => d.Id is "CS1717" or "CS8600"), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    /// <summary>The analyzers load and report their default warnings (CA2014: stackalloc in a loop).</summary>
    [Fact]
    public void ADefaultAnalyzerWarningInGeneratedCodeIsFound()
    {
        SyntaxTree planted = CSharpSyntaxTree.ParseText(
            "public static class D { public static double M(int n) { double s = 0; for (int i = 0; i < n; i++) { System.Span<double> b = stackalloc double[4]; s += b[0]; } return s; } }",
            GeneratorHarness.ParseOptions, "Planted.g.cs");
        Compilation compilation = Corpus.Strict(GeneratorHarness.CreateCompilation(planted));
        var found = DefaultAnalyzers.Run(compilation, new HashSet<SyntaxTree> { planted }).Select(d => d.Id).ToList();
        Assert.Contains("CA2014", found);
    }

    private static bool InGenerated(Diagnostic d, HashSet<SyntaxTree> generated) => d.Location.SourceTree is { } tree && generated.Contains(tree);

    private static string Report(List<Diagnostic> found)
    {
        var sb = new StringBuilder();
        sb.Append(found.Count).Append(" diagnostics in generated code:\n");
        foreach (Diagnostic d in found.Take(40))
        {
            FileLinePositionSpan at = d.Location.GetLineSpan();
            string line = d.Location.SourceTree!.GetText().Lines[at.StartLinePosition.Line].ToString().Trim();
            sb.Append("  ").Append(d.Id).Append(' ').Append(Path.GetFileName(at.Path)).Append('(').Append(at.StartLinePosition.Line + 1).Append("): ")
              .Append(d.GetMessage(CultureInfo.InvariantCulture)).Append("\n      ").Append(line).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The C# files of one project folder, compiled as its project compiles them.</summary>
    private sealed class Corpus
    {
        private static readonly string[] ImplicitUsings =
        {
            "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
        };

        public static readonly CSharpParseOptions DocumentedParseOptions = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);

        private readonly string _folder;
        private readonly List<SyntaxTree> _trees = new();
        private readonly List<MetadataReference> _references = new();
        private bool _executable;

        private Corpus(string folder) => _folder = folder;

        /// <summary>A corpus must generate at least this many files (a broken setup that generates nothing must fail).</summary>
        public int MinimumGeneratedFiles { get; private set; } = 1;

        public static Corpus Load(string folder)
        {
            var corpus = new Corpus(folder);
            string root = Path.Combine(Repository.Root(), folder);
            string project = File.ReadAllText(Directory.GetFiles(root, "*.csproj").Single());
            corpus._executable = project.Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal);
            corpus.AddSources(root);
            if (project.Contains("<ImplicitUsings>enable</ImplicitUsings>", StringComparison.Ordinal))
            {
                corpus._trees.Add(GeneratorHarness.Parse(string.Concat(ImplicitUsings.Select(u => "global using global::" + u + ";\n")), "ImplicitUsings.cs"));
            }
            if (project.Contains("samples/Gmm/Gmm.csproj", StringComparison.Ordinal))
            {
                // The end-to-end tests use the GMM sample's objective and data: compile it first and reference it.
                Corpus gmm = Load("samples/Gmm");
                GeneratorResult built = GeneratorHarness.Run(gmm.Compilation());
                corpus._references.Add(built.OutputCompilation.ToMetadataReference());
                corpus.MinimumGeneratedFiles = 50;
            }
            return corpus;
        }

        private void AddSources(string root)
        {
            foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)
                    || relative.StartsWith("Generated/", StringComparison.Ordinal))
                {
                    continue;
                }
                _trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), DocumentedParseOptions, Path.Combine(_folder, relative), Encoding.UTF8));
            }
        }

        public CSharpCompilation Compilation()
        {
            CSharpCompilation compilation = CSharpCompilation.Create(
                Path.GetFileName(_folder), _trees, GeneratorHarness.References.AddRange(_references),
                GeneratorHarness.CompilationOptions.WithOutputKind(_executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));
            return Strict(compilation);
        }

        /// <summary>
        /// A strict user's build: nullable, every warning wave, warnings as errors (but, as the SDK does, not the
        /// CS1701/CS1702 notes about assembly versions unified at run time).
        /// </summary>
        public static CSharpCompilation Strict(CSharpCompilation compilation) =>
            compilation.WithOptions(compilation.Options
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithWarningLevel(9999)
                .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
    }

    /// <summary>
    /// The SDK's .NET analyzers (Microsoft.CodeAnalysis.NetAnalyzers) with their default severities. Most of them skip
    /// generated code; here every file counts as hand-written (<c>generated_code = false</c>, as an .editorconfig
    /// can say), so the generated code is held to the standard of the user's own.
    /// </summary>
    private static class DefaultAnalyzers
    {
        private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Loaded = new(Load);

        public static IEnumerable<Diagnostic> Run(Compilation compilation, HashSet<SyntaxTree> trees)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new HandWritten()), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
            var run = new CompilationWithAnalyzers(compilation, Loaded.Value, options);
            // Only the given trees: analysing the whole corpus would take most of a minute.
            var all = trees.AsParallel().SelectMany(tree =>
                run.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None).GetAwaiter().GetResult()
                    .Concat(run.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None).GetAwaiter().GetResult()))
                .ToList();
            var failures = all.Where(d => d.Id == "AD0001").ToList();
            Assert.True(failures.Count == 0, "An analyzer threw:\n" + string.Join("\n", failures.Select(f => f.GetMessage(CultureInfo.InvariantCulture))));
            return all.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && trees.Contains(tree));
        }

        private static ImmutableArray<DiagnosticAnalyzer> Load()
        {
            string folder = AnalyzerFolder();
            var loader = new Loader();
            var analyzers = new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }
                .SelectMany(name => new AnalyzerFileReference(Path.Combine(folder, name), loader).GetAnalyzers(LanguageNames.CSharp))
                .ToImmutableArray();
            Assert.True(analyzers.Length > 50, $"Only {analyzers.Length} analyzers loaded from {folder}.");
            return analyzers;
        }

        /// <summary>The newest SDK's <c>Sdks/Microsoft.NET.Sdk/analyzers</c> beside the running runtime.</summary>
        private static string AnalyzerFolder()
        {
            // …/dotnet/shared/Microsoft.NETCore.App/<version>/ → …/dotnet/
            string dotnet = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            string? folder = Directory.GetDirectories(Path.Combine(dotnet, "sdk"))
                .Select(sdk => Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers"))
                .Where(a => File.Exists(Path.Combine(a, "Microsoft.CodeAnalysis.NetAnalyzers.dll")))
                .OrderBy(a => a, StringComparer.Ordinal)
                .LastOrDefault();
            Assert.True(folder is not null, "No SDK with the .NET analyzers found under " + dotnet);
            return folder!;
        }

        /// <summary>Analyzer options that mark every file as not generated.</summary>
        private sealed class HandWritten : AnalyzerConfigOptionsProvider
        {
            private static readonly Options NotGenerated = new();

            public override AnalyzerConfigOptions GlobalOptions => NotGenerated;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => NotGenerated;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => NotGenerated;

            private sealed class Options : AnalyzerConfigOptions
            {
                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
                {
                    value = key == "generated_code" ? "false" : null;
                    return value is not null;
                }
            }
        }

        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
        }
    }
}
