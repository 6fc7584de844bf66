using System.Globalization;
using System.Text.RegularExpressions;
using SourceAD.Package.Tests.Infrastructure;
using Xunit;

namespace SourceAD.Package.Tests;

/// <summary>
/// The README's Install walkthrough, with its own text: the nuget.config (written by the fixture into the demo folder,
/// outside the repository), grad.cs run as a file-based app, the same program in a console project made by
/// <c>dotnet new console</c> and <c>dotnet add package</c>, and the output the README says they print. The packages
/// folder starts empty and SourceAD's dependencies come from nuget.org, as on a new machine.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ReadmeWalkthroughTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private readonly PackedPackage _package;

    public ReadmeWalkthroughTests(PackedPackage package) => _package = package;

    [Fact]
    public void File_based_app_prints_the_readme_output_and_writes_its_generated_source_beside_it()
    {
        string grad = GradWithPackedVersion();
        File.WriteAllText(Path.Combine(_package.Demo, "grad.cs"), grad);

        ProcessResult run = Dotnet.Run(_package.Demo, BuildTimeout, _package.ConsumerEnvironment, "run", "grad.cs");
        run.AssertSuccess("dotnet run grad.cs");
        AssertPrintsReadmeOutput(run);
        AssertRestoredIntoFreshFolder();

        string generated = Path.Combine(_package.Demo, "generated");
        string[] files = Directory.Exists(generated) ? Directory.GetFiles(generated, "*.cs", SearchOption.AllDirectories) : [];
        Assert.True(files.Any(f => File.ReadAllText(f).Contains("FBackward(double x, double y, out double dx, out double dy)", StringComparison.Ordinal)),
            $"no generated FBackward under {generated}; found: {string.Join(", ", files)}\n{run.Describe()}");
    }

    [Fact]
    public void Console_project_made_by_dotnet_new_and_dotnet_add_package_prints_the_readme_output()
    {
        Dotnet.Run(_package.Demo, BuildTimeout, _package.ConsumerEnvironment, "new", "console", "-o", "Demo")
            .AssertSuccess("dotnet new console -o Demo");
        string project = Path.Combine(_package.Demo, "Demo");
        Dotnet.Run(project, BuildTimeout, _package.ConsumerEnvironment, "add", "package", "SourceAD", "--version", _package.Version)
            .AssertSuccess("dotnet add package SourceAD");

        // The README: Program.cs is grad.cs without its #: directives.
        string program = string.Join('\n', GradWithPackedVersion().Split('\n').Where(l => !l.StartsWith("#:", StringComparison.Ordinal))).TrimStart('\n');
        File.WriteAllText(Path.Combine(project, "Program.cs"), program);

        ProcessResult run = Dotnet.Run(project, BuildTimeout, _package.ConsumerEnvironment, "run");
        run.AssertSuccess("dotnet run of the console project");
        AssertPrintsReadmeOutput(run);
        AssertRestoredIntoFreshFolder();
    }

    /// <summary>README's grad.cs with its <c>#:package SourceAD@…</c> version replaced by the one just packed.</summary>
    private string GradWithPackedVersion()
    {
        string grad = _package.Readme.Block("grad.cs");
        Assert.True(PackageDirective().Matches(grad).Count == 1, "README's grad.cs must have exactly one '#:package SourceAD@<version>' line:\n" + grad);
        Assert.Contains("Model.FBackward(0.7, 1.3,", grad, StringComparison.Ordinal);
        return PackageDirective().Replace(grad, "#:package SourceAD@" + _package.Version);
    }

    private void AssertPrintsReadmeOutput(ProcessResult run)
    {
        string expected = _package.Readme.Block("output").Trim();
        Assert.True(run.Lines.Length > 0 && run.Lines[^1] == expected,
            $"README says the program prints\n  {expected}\n{run.Describe()}");

        // And what the README says is the closed form.
        Match m = OutputLine().Match(expected);
        Assert.True(m.Success, "README's output is not 'f = …, df/dx = … (sin y), df/dy = … (x cos y + 2y)': " + expected);
        double Parse(int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        ClosedForm.AssertMatches(0.7, 1.3, Parse(1), Parse(2), Parse(3), run.Describe());
    }

    private void AssertRestoredIntoFreshFolder() =>
        Assert.True(Directory.Exists(Path.Combine(_package.PackagesFolder, "sourcead", _package.Version)),
            $"SourceAD {_package.Version} was not restored into the fresh packages folder {_package.PackagesFolder}");

    [GeneratedRegex(@"^#:package SourceAD@\S+$", RegexOptions.Multiline)]
    private static partial Regex PackageDirective();

    [GeneratedRegex(@"^f = (\S+), df/dx = (\S+) \(sin y\), df/dy = (\S+) \(x cos y \+ 2y\)$")]
    private static partial Regex OutputLine();
}
