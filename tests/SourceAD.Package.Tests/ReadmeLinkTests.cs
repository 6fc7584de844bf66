using System.Text.RegularExpressions;
using SourceAD.Package.Tests.Infrastructure;
using Xunit;

namespace SourceAD.Package.Tests;

/// <summary>Every relative link and image of the README points at a file or folder that is in the repository.</summary>
public sealed partial class ReadmeLinkTests
{
    [Fact]
    public void Relative_links_in_the_readme_point_at_files_in_the_repository()
    {
        string root = Repository.Root();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string[] targets = Link().Matches(readme).Select(m => m.Groups[1].Value.Trim('<', '>'))
            .Where(t => !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith('#'))
            .Select(t => t.Split('#')[0])
            .ToArray();
        Assert.NotEmpty(targets);

        string[] missing = targets.Where(t => !File.Exists(Path.Combine(root, t)) && !Directory.Exists(Path.Combine(root, t))).ToArray();
        Assert.True(missing.Length == 0, "README.md links to what is not in the repository: " + string.Join(", ", missing));
    }

    /// <summary>The destination of <c>[text](dest)</c> or <c>![alt](dest)</c>, where dest may be <c>&lt;…&gt;</c>.</summary>
    [GeneratedRegex(@"\]\((<[^>\n]+>|[^)\s]+)\)")]
    private static partial Regex Link();
}
