using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace SourceAD.Package.Tests;

[Collection(PackageCollection.Name)]
public sealed class PackageContentTests
{
    private readonly PackedPackage _package;
    private readonly ITestOutputHelper _output;

    public PackageContentTests(PackedPackage package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [Fact]
    public void Version_is_the_props_version_with_a_content_hash_suffix()
    {
        string? baseVersion = XDocument.Load(Path.Combine(_package.RepoRoot, "Directory.Build.props"))
            .Descendants("Version").Select(e => e.Value.Trim()).SingleOrDefault();
        Assert.False(string.IsNullOrEmpty(baseVersion), "no <Version> in Directory.Build.props");
        Assert.Matches("^" + Regex.Escape(baseVersion) + "-dev-[0-9a-f]{12}$", _package.Version);
    }

    [Fact]
    public void A_release_pack_given_PackageVersion_uses_it_as_it_is()
    {
        string releaseFeed = Path.Combine(_package.Root, "release-feed");
        Assert.Equal("0.1.0", _package.Pack(releaseFeed, "-p:PackageVersion=0.1.0"));
        Assert.Equal(new[] { "SourceAD.0.1.0.nupkg", "SourceAD.0.1.0.snupkg" },
            Directory.GetFiles(releaseFeed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Pack_produces_one_package_with_runtime_generator_readme_and_symbols()
    {
        Assert.Equal(new[] { $"SourceAD.{_package.Version}.nupkg", $"SourceAD.{_package.Version}.snupkg" }, _package.FeedAfterFirstPack);

        using ZipArchive zip = ZipFile.OpenRead(_package.Nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        _output.WriteLine(string.Join("\n", entries.OrderBy(e => e, StringComparer.Ordinal)));

        Assert.Contains("lib/net10.0/SourceAD.Runtime.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/SourceAD.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/SourceAD.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));

        XDocument nuspec;
        using (Stream s = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open())
        {
            nuspec = XDocument.Load(s);
        }
        XElement metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Meta(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("SourceAD", Meta("id"));
        Assert.Equal(_package.Version, Meta("version"));
        Assert.Equal("MIT", Meta("license"));
        Assert.Equal("README.md", Meta("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Meta("description")));
        Assert.False(string.IsNullOrWhiteSpace(Meta("tags")));
        Assert.False(string.IsNullOrWhiteSpace(Meta("authors")));

        // The generator (and Roslyn, which it needs) must not become a dependency of consumers.
        string[] dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string?)e.Attribute("id") ?? "").ToArray();
        Assert.DoesNotContain(dependencies, d => d.StartsWith("SourceAD", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(dependencies, d => d.Equals("PolySharp", StringComparison.OrdinalIgnoreCase));
    }
}
