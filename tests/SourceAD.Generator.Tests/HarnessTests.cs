using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>Sanity checks of the test helpers themselves (no generator involved).</summary>
public class HarnessTests
{
    [Fact]
    public void Markup_StripsMarkersAndReturnsSpan()
    {
        (string source, TextSpan span) = Markup.Parse("int [|x|] = 1;");
        Assert.Equal("int x = 1;", source);
        Assert.Equal(new TextSpan(4, 1), span);
    }

    [Fact]
    public void Markup_RejectsMissingOrRepeatedMarkers()
    {
        Assert.Throws<ArgumentException>(() => Markup.Parse("int x = 1;"));
        Assert.Throws<ArgumentException>(() => Markup.Parse("[|a|] [|b|]"));
    }

    [Fact]
    public void Diff_ShowsChangedLinesWithNumbers()
    {
        string diff = Snapshot.Diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        Assert.Contains("-    2: b", diff);
        Assert.Contains("+    2: B", diff);
        Assert.Contains("+    5: e", diff);
        Assert.DoesNotContain(": a", diff);
        Assert.DoesNotContain(": c", diff);
    }

    [Fact]
    public void Diff_TruncatesLongDiffs()
    {
        string expected = string.Join("\n", Enumerable.Range(0, 100).Select(i => "old" + i));
        string actual = string.Join("\n", Enumerable.Range(0, 100).Select(i => "new" + i));
        string diff = Snapshot.Diff(expected, actual);
        Assert.Contains("more differing lines", diff);
    }

    [Fact]
    public void References_IncludeRuntimeAndCoreLibrary()
    {
        var names = GeneratorHarness.References.Select(r => Path.GetFileNameWithoutExtension(r.Display)).ToList();
        Assert.Contains("SourceAD.Runtime", names);
        Assert.Contains("System.Runtime", names);
        Assert.Contains("System.Private.CoreLib", names);
    }
}
