using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SourceAD.Generator.Diagnostics;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Keeps <c>docs/diagnostics.md</c> honest: one section per descriptor, whose heading is the anchor of the
/// descriptor's help link; the first <c>csharp</c> block of a section reports that ID, the second (the fix)
/// generates and compiles cleanly.
/// </summary>
public class DiagnosticsDocTests
{
    private static readonly Lazy<Dictionary<string, List<string>>> Sections = new(LoadSections);

    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "docs", "diagnostics.md");
            if (File.Exists(Path.Combine(dir.FullName, "SourceAD.sln")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("SourceAD.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Section heading ID (e.g. SAD0005) → its csharp code blocks in order.</summary>
    private static Dictionary<string, List<string>> LoadSections()
    {
        string text = File.ReadAllText(DocPath()).Replace("\r\n", "\n");
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (Match heading in Regex.Matches(text, @"^## (SAD\d{4})\s*$", RegexOptions.Multiline))
        {
            int start = heading.Index + heading.Length;
            int next = text.IndexOf("\n## ", start, StringComparison.Ordinal);
            string body = next < 0 ? text[start..] : text[start..next];
            var blocks = Regex.Matches(body, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
            Assert.True(sections.TryAdd(heading.Groups[1].Value, blocks), "Duplicate section " + heading.Groups[1].Value);
        }
        return sections;
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    public static TheoryData<string> DocumentedIds => new(AllDescriptors().Select(d => d.Id).Where(id => id != "SAD9999").OrderBy(id => id));

    [Fact]
    public void EveryDescriptorHasASectionAtItsHelpLinkAnchor()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (DiagnosticDescriptor descriptor in AllDescriptors())
        {
            ids.Add(descriptor.Id);
            Assert.True(Sections.Value.ContainsKey(descriptor.Id), $"docs/diagnostics.md has no '## {descriptor.Id}' section");
            Assert.EndsWith("docs/diagnostics.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(Sections.Value.Keys, k => !ids.Contains(k));
        Assert.Empty(Sections.Value["SAD9999"]);
    }

    [Theory]
    [MemberData(nameof(DocumentedIds))]
    public void ExampleTriggersTheDiagnosticAndTheFixIsClean(string id)
    {
        List<string> blocks = Sections.Value[id];
        Assert.True(blocks.Count == 2, $"{id}: expected a triggering example and its fix, found {blocks.Count} csharp blocks");

        GeneratorResult bad = GeneratorHarness.Run(blocks[0]);
        Assert.True(bad.GeneratorException is null, $"Generator threw: {bad.GeneratorException}");
        Assert.True(bad.GeneratorDiagnostics.Any(d => d.Id == id),
            $"{id}: the example reported\n{bad.Format(bad.GeneratorDiagnostics)}\ninstead. Example:\n{blocks[0]}");
        Assert.DoesNotContain(bad.GeneratorDiagnostics, d => d.Id == "SAD9999");

        GeneratorResult fixedRun = GeneratorHarness.Run(blocks[1]);
        fixedRun.AssertCleanRun();
        Assert.DoesNotContain(fixedRun.GeneratorDiagnostics, d => d.Id == id);
    }
}
