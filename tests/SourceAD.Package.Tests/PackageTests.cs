using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace SourceAD.Package.Tests;

/// <summary>
/// Packs <c>src/Runtime</c> once (in a child <c>dotnet pack</c>, into a temporary folder, with its own artifacts
/// folder so the repository's bin/obj are not touched) and shares the result between the tests.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepoRoot = FindRepoRoot();
        Version = ReadVersion(Path.Combine(RepoRoot, "Directory.Build.props"));
        Root = Path.Combine(Path.GetTempPath(), "sourcead-package-test-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);

        PackResult = Dotnet.Run(RepoRoot, TimeSpan.FromMinutes(5), environment: null,
            "pack", Path.Combine(RepoRoot, "src", "Runtime", "SourceAD.Runtime.csproj"),
            "-c", "Release", "-o", Feed, "--artifacts-path", Path.Combine(Root, "artifacts"));
        PackResult.AssertSuccess("dotnet pack src/Runtime");

        Nupkg = Path.Combine(Feed, $"SourceAD.{Version}.nupkg");
        Snupkg = Path.Combine(Feed, $"SourceAD.{Version}.snupkg");
    }

    public string RepoRoot { get; }

    /// <summary>The version Directory.Build.props gives.</summary>
    public string Version { get; }

    /// <summary>The temporary folder holding everything this fixture and the tests create.</summary>
    public string Root { get; }

    /// <summary>The folder <c>dotnet pack</c> wrote into; used as the consumer's package source.</summary>
    public string Feed { get; }

    public string Nupkg { get; }

    public string Snupkg { get; }

    public ProcessResult PackResult { get; }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SourceAD.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("SourceAD.sln not found above " + AppContext.BaseDirectory);
    }

    private static string ReadVersion(string propsPath)
    {
        string? version = XDocument.Load(propsPath).Descendants("Version").Select(e => e.Value.Trim()).FirstOrDefault();
        return string.IsNullOrEmpty(version) ? throw new InvalidOperationException("No <Version> in " + propsPath) : version;
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

public sealed class PackageTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;
    private readonly ITestOutputHelper _output;

    public PackageTests(PackedPackage package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    [Fact]
    public void Pack_produces_one_package_with_runtime_generator_readme_and_symbols()
    {
        string[] packages = Directory.GetFiles(_package.Feed, "*.nupkg").Select(Path.GetFileName).ToArray()!;
        Assert.Equal(new[] { $"SourceAD.{_package.Version}.nupkg" }, packages);
        Assert.True(File.Exists(_package.Snupkg), "no symbol package; feed holds: " + string.Join(", ", Directory.GetFiles(_package.Feed)));

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

    [Fact]
    public void Fresh_console_project_using_the_package_gets_the_closed_form_gradient()
    {
        string project = Path.Combine(_package.Root, "consumer");
        Directory.CreateDirectory(project);
        string packagesFolder = Path.Combine(_package.Root, "nuget-packages");

        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SourceAD" Version="[{_package.Version}]" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using System;
            using System.Globalization;
            using SourceAD;

            foreach (string arg in args)
            {
                string[] xy = arg.Split(',');
                double x = double.Parse(xy[0], CultureInfo.InvariantCulture);
                double y = double.Parse(xy[1], CultureInfo.InvariantCulture);
                double value = Model.FBackward(x, y, out double dx, out double dy);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{x:R} {y:R} {value:R} {dx:R} {dy:R}"));
            }

            public static partial class Model
            {
                /// <summary>f(x, y) = x·sin(y) + y².</summary>
                [Differentiable]
                public static double F(double x, double y)
                {
                    return x * Math.Sin(y) + y * y;
                }
            }
            """);

        // Offline and unambiguous: SourceAD comes only from the folder just packed (package source mapping); its
        // dependencies come from the machine's global packages folder, which the pack's restore has filled.
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="sourcead-local" value="{Escape(_package.Feed)}" />
                <add key="machine-cache" value="{Escape(Dotnet.GlobalPackagesFolder())}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="sourcead-local">
                  <package pattern="SourceAD" />
                </packageSource>
                <packageSource key="machine-cache">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        // A fresh packages folder: a stale SourceAD of the same version cached elsewhere can never be used.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packagesFolder };

        Dotnet.Run(project, TimeSpan.FromMinutes(5), environment, "build", "-c", "Release")
            .AssertSuccess("dotnet build of the consumer project");
        Assert.True(Directory.Exists(Path.Combine(packagesFolder, "sourcead", _package.Version)),
            "SourceAD was not restored into the fresh packages folder " + packagesFolder);

        (double X, double Y)[] points = { (0.7, 1.3), (-2.0, 0.4), (1.5, -3.0) };
        string[] runArgs = new[] { "run", "--no-build", "-c", "Release", "--" }
            .Concat(points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:R},{p.Y:R}")))
            .ToArray();
        ProcessResult run = Dotnet.Run(project, TimeSpan.FromMinutes(2), environment, runArgs);
        run.AssertSuccess("dotnet run of the consumer project");

        string[] lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == points.Length, "unexpected output:\n" + run.Describe());
        for (int i = 0; i < points.Length; i++)
        {
            double[] v = lines[i].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            (double x, double y) = points[i];
            Assert.Equal(x, v[0]);
            Assert.Equal(y, v[1]);
            AssertClose(x * Math.Sin(y) + y * y, v[2], "f", run);
            AssertClose(Math.Sin(y), v[3], "df/dx", run);
            AssertClose(x * Math.Cos(y) + 2 * y, v[4], "df/dy", run);
        }
    }

    private static void AssertClose(double expected, double actual, string what, ProcessResult run) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R}\n{run.Describe()}");

    private static string Escape(string path) => System.Security.SecurityElement.Escape(path);
}

public sealed record ProcessResult(string Command, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string StdOut, string StdErr)
{
    public string Describe() =>
        $"$ {Command}\n(in {WorkingDirectory}; exit code {(TimedOut ? "none: timed out" : ExitCode.ToString(CultureInfo.InvariantCulture))}; {Elapsed.TotalSeconds:F1} s)\n" +
        $"--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";

    public void AssertSuccess(string what) =>
        Assert.True(!TimedOut && ExitCode == 0, $"{what} failed:\n{Describe()}");
}

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a timeout, capturing its output.</summary>
internal static class Dotnet
{
    /// <summary>The global packages folder of this machine (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    public static string GlobalPackagesFolder()
    {
        string? configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return !string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    public static ProcessResult Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        bool isBuild = args.Length > 0 && args[0] is "build" or "pack" or "restore";
        if (isBuild)
        {
            // No MSBuild nodes or compiler servers left running after the test.
            info.ArgumentList.Add("--disable-build-servers");
            info.ArgumentList.Add("-nologo");
        }

        // The test host inherits MSBuild's variables from `dotnet test`; a child build must start from scratch.
        foreach (string key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase) || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        if (environment is not null)
        {
            foreach ((string key, string value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        string command = host + " " + string.Join(' ', info.ArgumentList);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = process.WaitForExit((int)timeout.TotalMilliseconds);
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
            process.WaitForExit(10_000);
        }
        else
        {
            process.WaitForExit(); // drains the asynchronous output readers
        }
        clock.Stop();

        string Text(StringBuilder sb) { lock (sb) { return sb.ToString(); } }
        return new ProcessResult(command, workingDirectory, exited ? process.ExitCode : -1, !exited, clock.Elapsed, Text(stdout), Text(stderr));
    }
}
