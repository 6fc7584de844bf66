using System.Text;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Keeps <c>docs/generated/Quickstart/</c> (the README's example of generated code, readable without building) equal
/// to what the generator emits now for <c>samples/Quickstart/TwoWeightNetwork.cs</c>: one file per generated source,
/// named by its hint name, with the same text (line endings and a byte-order mark aside).
/// <para>
/// When the generator's output changes on purpose, refresh the folder and review the diff:
/// <c>SOURCEAD_ACCEPT=1 dotnet test tests/SourceAD.Generator.Tests --filter CommittedGeneratedCode</c>
/// </para>
/// </summary>
public class CommittedGeneratedCodeTests
{
    private const string RefreshCommand = "SOURCEAD_ACCEPT=1 dotnet test tests/SourceAD.Generator.Tests --filter CommittedGeneratedCode";

    [Fact]
    public void Docs_generated_Quickstart_is_what_the_generator_emits_for_the_Quickstart_sample()
    {
        string root = Repository.Root();
        string sample = Path.Combine(root, "samples", "Quickstart", "TwoWeightNetwork.cs");
        string folder = Path.Combine(root, "docs", "generated", "Quickstart");

        GeneratorResult result = GeneratorHarness.Run(File.ReadAllText(sample));
        result.AssertCleanRun();
        Assert.NotEmpty(result.Sources);
        Dictionary<string, string> expected = result.Sources.ToDictionary(s => s.Key, s => Normalise(s.Value), StringComparer.Ordinal);

        if (Environment.GetEnvironmentVariable("SOURCEAD_ACCEPT") == "1")
        {
            Rewrite(folder, expected);
            return;
        }

        Dictionary<string, string> committed = Directory.Exists(folder)
            ? Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Normalise(File.ReadAllText(f)), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

        var problems = new StringBuilder();
        foreach (string name in expected.Keys.Except(committed.Keys).Order(StringComparer.Ordinal))
        {
            problems.Append($"missing: {name}\n");
        }
        foreach (string name in committed.Keys.Except(expected.Keys).Order(StringComparer.Ordinal))
        {
            problems.Append($"no longer generated: {name}\n");
        }
        foreach (string name in expected.Keys.Intersect(committed.Keys).Order(StringComparer.Ordinal))
        {
            if (expected[name] != committed[name])
            {
                problems.Append($"differs: {name} ('-' the committed file, '+' what the generator emits)\n").Append(Snapshot.Diff(committed[name], expected[name]));
            }
        }
        Assert.True(problems.Length == 0,
            $"{folder} is not what the generator emits now for {sample}:\n{problems}" +
            $"If the generator's output changed on purpose, refresh the folder with\n  {RefreshCommand}\nand review the diff.");
    }

    private static void Rewrite(string folder, Dictionary<string, string> sources)
    {
        Directory.CreateDirectory(folder);
        foreach (string stale in Directory.GetFiles(folder).Where(f => !sources.ContainsKey(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }
        foreach ((string name, string text) in sources)
        {
            File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    private static string Normalise(string text) => text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n');
}
