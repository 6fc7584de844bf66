using System.Globalization;
using SourceAD.Package.Tests.Infrastructure;
using Xunit;

namespace SourceAD.Package.Tests;

/// <summary>
/// The package version follows the package's content (src/Runtime/PackageVersion.targets): the developer's loop of
/// pack, change, pack again, into the same feed and the same NuGet packages folder, never hands a consumer the old
/// SourceAD. The change is a second generator added to the copy of src/Generator, so the consumer can only see it if
/// the new analyzer assembly is really the one it compiles with.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class VersioningTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly (double X, double Y)[] Points = { (0.7, 1.3), (-2.0, 0.4), (1.5, -3.0) };
    private readonly PackedPackage _package;

    public VersioningTests(PackedPackage package) => _package = package;

    [Fact]
    public void Repacking_after_a_generator_change_gives_a_new_version_whose_consumer_sees_the_change()
    {
        string consumer = WriteConsumer();

        // 1. The consumer of the first pack: the closed-form gradient, no probe. SourceAD is now in the packages folder.
        Assert.Equal("none", BuildAndRun(consumer, _package.Version));

        // 2. Packing the same build again gives the same version: the version is no timestamp or counter.
        Assert.Equal(_package.Version, _package.Pack());

        // 3. Change the generator and pack again into the same feed: a new version.
        string marker = Guid.NewGuid().ToString("N");
        string probe = Path.Combine(_package.Source, "src", "Generator", "PackageProbeGenerator.cs");
        string changed;
        File.WriteAllText(probe, ProbeGenerator(marker));
        try
        {
            changed = _package.Pack();
        }
        finally
        {
            File.Delete(probe);
        }
        Assert.NotEqual(_package.Version, changed);
        Assert.True(File.Exists(Path.Combine(_package.Feed, $"SourceAD.{_package.Version}.nupkg")), "the first pack's package left the feed");

        // 4. The same consumer, same packages folder, moved to the new version: it compiles with the new generator.
        Assert.Equal(marker, BuildAndRun(consumer, changed));
        foreach (string version in new[] { _package.Version, changed })
        {
            Assert.True(Directory.Exists(Path.Combine(_package.PackagesFolder, "sourcead", version)),
                $"SourceAD {version} is not in the packages folder {_package.PackagesFolder}");
        }
    }

    /// <summary>Builds the consumer against SourceAD <paramref name="version"/>, runs it; returns the probe it printed.</summary>
    private string BuildAndRun(string consumer, string version)
    {
        string csproj = Path.Combine(consumer, "Consumer.csproj");
        File.WriteAllText(csproj, ConsumerProject(version));
        Dotnet.Run(consumer, BuildTimeout, _package.ConsumerEnvironment, "build", "-c", "Release")
            .AssertSuccess($"dotnet build of the consumer of SourceAD {version}");

        string[] args = new[] { "run", "--no-build", "-c", "Release", "--" }
            .Concat(Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:R},{p.Y:R}")))
            .ToArray();
        ProcessResult run = Dotnet.Run(consumer, TimeSpan.FromMinutes(2), _package.ConsumerEnvironment, args);
        run.AssertSuccess($"dotnet run of the consumer of SourceAD {version}");

        string[] lines = run.Lines;
        Assert.True(lines.Length == Points.Length + 1 && lines[0].StartsWith("probe: ", StringComparison.Ordinal), "unexpected output:\n" + run.Describe());
        for (int i = 0; i < Points.Length; i++)
        {
            double[] v = lines[i + 1].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            (double x, double y) = Points[i];
            Assert.Equal(x, v[0]);
            Assert.Equal(y, v[1]);
            ClosedForm.AssertMatches(x, y, v[2], v[3], v[4], run.Describe());
        }
        return lines[0]["probe: ".Length..];
    }

    /// <summary>A strict console project (nullable, warnings as errors) below the demo folder, so the README's nuget.config applies.</summary>
    private string WriteConsumer()
    {
        string consumer = Path.Combine(_package.Demo, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System;
            using System.Globalization;
            using SourceAD;

            // The probe generator of the changed package adds this constant; the first package has no such type.
            object? probe = typeof(Model).Assembly.GetType("SourceAD.PackageProbe.Marker")?.GetField("Value")?.GetRawConstantValue();
            Console.WriteLine("probe: " + (probe ?? "none"));
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
        return consumer;
    }

    private static string ConsumerProject(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SourceAD" Version="[{version}]" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>A second generator for the copy of src/Generator: it adds a constant holding <paramref name="marker"/>.</summary>
    private static string ProbeGenerator(string marker) => $$"""
        using Microsoft.CodeAnalysis;

        namespace SourceAD.Generator;

        /// <summary>Added by the package tests to a copy of the sources: marks the package it is built into.</summary>
        [Generator(LanguageNames.CSharp)]
        public sealed class PackageProbeGenerator : IIncrementalGenerator
        {
            public void Initialize(IncrementalGeneratorInitializationContext context) =>
                context.RegisterPostInitializationOutput(output => output.AddSource("PackageProbe.g.cs",
                    "namespace SourceAD.PackageProbe { internal static class Marker { public const string Value = \"{{marker}}\"; } }"));
        }
        """;
}
