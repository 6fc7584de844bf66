using SourceAD.Package.Tests.Infrastructure;
using Xunit;

namespace SourceAD.Package.Tests;

/// <summary>
/// Lays out a temporary home like the README's: <c>home/sourcead-feed</c> (the local feed) and
/// <c>home/sourcead-demo</c> (outside the repository, holding the README's nuget.config). Copies the package's sources
/// to <c>source/</c> (so a test may change them) and packs the copy once, as the README does:
/// <c>dotnet pack src/Runtime -c Release -o ~/sourcead-feed -getProperty:PackageVersion</c>.
/// Consumers restore into <see cref="PackagesFolder"/>, a NuGet packages folder that starts empty, so no SourceAD
/// cached on this machine can ever be used.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepoRoot = Repository.Root();
        Readme = new Readme(Path.Combine(RepoRoot, "README.md"));
        Root = Path.Combine(Path.GetTempPath(), "sourcead-package-test-" + Guid.NewGuid().ToString("N"));
        Source = Path.Combine(Root, "source");
        Feed = Path.Combine(Root, "home", "sourcead-feed");
        Demo = Path.Combine(Root, "home", "sourcead-demo");
        PackagesFolder = Path.Combine(Root, "nuget-packages");
        DataHome = Path.Combine(Root, "data-home");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Demo);
        Directory.CreateDirectory(DataHome);
        HttpCache = MachineHttpCache();

        SourceTree.CopyForPacking(RepoRoot, Source);
        Version = Pack();
        FeedAfterFirstPack = Directory.GetFiles(Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        File.WriteAllText(Path.Combine(Demo, "nuget.config"), Readme.Block("nuget.config"));
    }

    public string RepoRoot { get; }

    internal Readme Readme { get; }

    /// <summary>The temporary folder holding everything this fixture and the tests create.</summary>
    public string Root { get; }

    /// <summary>The copy of the repository's root files and <c>src/</c> that is packed.</summary>
    public string Source { get; }

    /// <summary><c>~/sourcead-feed</c>: the folder <c>dotnet pack</c> writes into, the consumers' SourceAD source.</summary>
    public string Feed { get; }

    /// <summary><c>~/sourcead-demo</c>: holds the README's nuget.config; consumers are created in it or below it.</summary>
    public string Demo { get; }

    /// <summary>The NUGET_PACKAGES folder of every consumer: empty when the tests start.</summary>
    public string PackagesFolder { get; }

    /// <summary>
    /// The consumers' XDG_DATA_HOME, where <c>dotnet run grad.cs</c> keeps its build (<c>dotnet/runfile/</c>), so
    /// the tests leave nothing in the user's data folder.
    /// </summary>
    public string DataHome { get; }

    /// <summary>
    /// This machine's NuGet HTTP cache (downloads from nuget.org, never SourceAD: a local feed is not cached there),
    /// kept for the consumers although their XDG_DATA_HOME moves, so the runs do not download again what it holds.
    /// </summary>
    public string HttpCache { get; }

    /// <summary>The version the first pack printed.</summary>
    public string Version { get; }

    public string[] FeedAfterFirstPack { get; }

    public string Nupkg => Path.Combine(Feed, $"SourceAD.{Version}.nupkg");

    /// <summary>The environment of a consumer's dotnet commands: the fresh packages folder, the invariant culture.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["XDG_DATA_HOME"] = DataHome,
        ["NUGET_HTTP_CACHE_PATH"] = HttpCache,
        ["LC_ALL"] = "C.UTF-8",
    };

    /// <summary>Packs <see cref="Source"/> into <see cref="Feed"/>; returns the version <c>-getProperty</c> printed.</summary>
    public string Pack() => Pack(Feed);

    /// <summary>Packs <see cref="Source"/> into <paramref name="output"/> with extra MSBuild arguments; returns the version.</summary>
    public string Pack(string output, params string[] properties)
    {
        string[] args = new[] { "pack", Path.Combine("src", "Runtime"), "-c", "Release", "-o", output, "-getProperty:PackageVersion" }
            .Concat(properties).ToArray();
        ProcessResult pack = Dotnet.Run(Source, TimeSpan.FromMinutes(5), environment: null, args);
        pack.AssertSuccess("dotnet pack src/Runtime");
        string version = pack.StdOut.Trim();
        Assert.True(File.Exists(Path.Combine(output, $"SourceAD.{version}.nupkg")),
            $"dotnet pack printed the version '{version}' but wrote no SourceAD.{version}.nupkg; {output} holds: " +
            string.Join(", ", Directory.GetFiles(output).Select(Path.GetFileName)) + "\n" + pack.Describe());
        return version;
    }

    private static string MachineHttpCache()
    {
        ProcessResult list = Dotnet.Run(Path.GetTempPath(), TimeSpan.FromMinutes(1), environment: null, "nuget", "locals", "http-cache", "--list")
            .AssertSuccess("dotnet nuget locals http-cache --list");
        const string prefix = "http-cache: ";
        string? line = list.Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is not null ? line[prefix.Length..].Trim() : throw new InvalidOperationException("no http-cache path in\n" + list.Describe());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>All package tests share one pack and run one after another (they build, and the machine has 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "SourceAD package";
}
