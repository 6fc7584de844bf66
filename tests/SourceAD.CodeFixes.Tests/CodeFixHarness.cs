using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SourceAD.Generator;

namespace SourceAD.CodeFixes.Tests;

/// <summary>
/// Runs a code fix the way the IDE does, without the Roslyn *.Testing packages: an <see cref="AdhocWorkspace"/> project,
/// the generator for the SAD diagnostics, <see cref="CodeFixProvider.RegisterCodeFixesAsync"/>, then the registered
/// action's <see cref="ApplyChangesOperation"/>.
/// </summary>
internal static class CodeFixHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string runtime = typeof(SourceAD.DifferentiableAttribute).Assembly.Location;
        byName[Path.GetFileNameWithoutExtension(runtime)] = runtime;
        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (string path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
            {
                byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }
        return byName.Values.OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>A solution with one project holding the sources as <c>File0.cs</c>, <c>File1.cs</c>, ….</summary>
    public static Project CreateProject(params string[] sources)
    {
        var workspace = new AdhocWorkspace();
        ProjectId id = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(id, VersionStamp.Default, "Input", "Input", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: LazyReferences.Value));
        for (int i = 0; i < sources.Length; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(id), $"File{i}.cs", SourceText.From(sources[i]), filePath: $"/input/File{i}.cs");
        }
        return solution.GetProject(id)!;
    }

    public sealed record GeneratorRun(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> GeneratedSources, ImmutableArray<Diagnostic> CompilationErrors);

    /// <summary>Runs the SourceAD generator on the project's compilation.</summary>
    public static async Task<GeneratorRun> RunGeneratorAsync(Project project)
    {
        Compilation compilation = (await project.GetCompilationAsync())!;
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new DifferentiableGenerator().AsSourceGenerator());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        ImmutableArray<string> generated = driver.GetRunResult().GeneratedTrees.Select(t => t.GetText().ToString()).ToImmutableArray();
        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new GeneratorRun(diagnostics, generated, errors);
    }

    /// <summary>The generator's diagnostics with <paramref name="id"/>, each tied to the syntax tree of its document.</summary>
    public static async Task<ImmutableArray<(Document Document, Diagnostic Diagnostic)>> DiagnosticsAsync(Project project, string id)
    {
        GeneratorRun run = await RunGeneratorAsync(project);
        var result = ImmutableArray.CreateBuilder<(Document, Diagnostic)>();
        foreach (Diagnostic diagnostic in run.Diagnostics.Where(d => d.Id == id))
        {
            string path = diagnostic.Location.GetLineSpan().Path;
            Document document = project.Documents.Single(d => d.FilePath == path);
            SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
            Diagnostic mapped = diagnostic.Location.SourceTree == tree
                ? diagnostic
                : Diagnostic.Create(diagnostic.Id, diagnostic.Descriptor.Category, diagnostic.GetMessage(), diagnostic.Severity,
                    diagnostic.DefaultSeverity, diagnostic.Descriptor.IsEnabledByDefault, diagnostic.WarningLevel,
                    diagnostic.Descriptor.Title, diagnostic.Descriptor.Description, diagnostic.Descriptor.HelpLinkUri,
                    Location.Create(tree, diagnostic.Location.SourceSpan), properties: diagnostic.Properties);
            result.Add((document, mapped));
        }
        return result.ToImmutable();
    }

    /// <summary>The code actions <paramref name="provider"/> registers for one diagnostic.</summary>
    public static async Task<ImmutableArray<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions.ToImmutable();
    }

    /// <summary>Applies the single action offered for the first <paramref name="id"/> diagnostic; returns the new solution.</summary>
    public static async Task<(Solution Solution, CodeAction Action)> FixAsync(CodeFixProvider provider, Project project, string id)
    {
        var diagnostics = await DiagnosticsAsync(project, id);
        Assert.NotEmpty(diagnostics);
        (Document document, Diagnostic diagnostic) = diagnostics[0];
        CodeAction action = Assert.Single(await ActionsAsync(provider, document, diagnostic));
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        ApplyChangesOperation apply = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations));
        return (apply.ChangedSolution, action);
    }

    public static async Task<string> TextAsync(Solution solution, Project project, int file)
    {
        Document document = solution.GetDocument(project.Documents.Single(d => d.Name == $"File{file}.cs").Id)!;
        return Normalize((await document.GetTextAsync()).ToString());
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n");
}
