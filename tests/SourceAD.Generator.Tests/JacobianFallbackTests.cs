using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// The Jacobian of an <c>[Output]</c> method takes vector forward sweeps (<c>FTangents</c>) when vector mode takes the
/// method; when <c>FTangents</c> is generated at first but left out once a callee's <c>Tangents</c> turns out not to be
/// generated (the availability check), the Jacobian falls back to one <c>FTangent</c> per column instead of being left
/// out with it. Values are checked in the end-to-end JacobianFallback tests.
/// </summary>
public class JacobianFallbackTests
{
    private const string Map = """
            [Differentiable]
            public static void G(ReadOnlySpan<double> x, [Output] Span<double> y)
            {
                for (int i = 0; i < y.Length; i++)
                {
                    y[i] = H(x[i % x.Length], x[(i + 1) % x.Length]) * x[0];
                }
            }
        """;

    /// <summary>Callees H whose own Tangents is not generated (so G's is not either, found only across methods).</summary>
    public static IEnumerable<object[]> Callees() => new[]
    {
        // Calls a generic method: a generic method has no Tangents.
        new object[] { """
                [Differentiable]
                public static T Bump<T>(T a, T b) where T : IFloatingPointIeee754<T> => T.Sin(a) * b + T.Exp(a * b);

                [Differentiable]
                public static double H(double a, double b) => Bump(a, b) * a;
            """ },
        // Calls a generated derivative: vector mode does not take it.
        new object[] { """
                [Differentiable]
                public static double Cube(double a) => a * a * a;

                [Differentiable]
                public static double H(double a, double b)
                {
                    CubeBackward(a * b, out double slope);
                    return slope + Math.Sin(a);
                }
            """ },
    };

    private static string InClass(string members) => $$"""
        using System;
        using System.Numerics;
        using SourceAD;

        namespace T;

        public static partial class C
        {
        {{members}}
        }
        """;

    [Theory]
    [MemberData(nameof(Callees))]
    public void CalleeWithoutTangents_JacobianFallsBackToScalarSweeps(string callee)
    {
        GeneratorResult result = GeneratorHarness.Run(InClass(callee + Map));
        result.AssertCleanRun();
        AssertFallsBack(result, "SAD0020 on 'H' says why");
    }

    [Fact]
    public void ReferencedCalleeWithoutTangents_JacobianFallsBackToScalarSweeps()
    {
        // H in a library built with SourceAD: its HTangents is not generated there, which G's file finds on its own.
        GeneratorResult library = GeneratorHarness.Run(InClass(Callees().First()[0].ToString()!));
        library.AssertCleanRun();
        Assert.DoesNotContain("HTangents(", library.AllGeneratedSource);
        // An image, not a compilation reference: the consumer must see H as metadata, as a package's user does.
        using var image = new MemoryStream();
        Assert.True(library.OutputCompilation.WithAssemblyName("Library").Emit(image).Success);
        CSharpCompilation consumer = GeneratorHarness.CreateCompilation(InClass(Map).Replace("namespace T;", "using static T.C;\n\nnamespace U;"))
            .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        GeneratorResult result = GeneratorHarness.Run(consumer);
        result.AssertCleanRun();
        AssertFallsBack(result, "was built without it");
    }

    [Fact]
    public void FallbackJacobian_Snapshot()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass(Callees().First()[0] + Map));
        result.AssertCleanRun();
        Snapshot.Match(result.Sources.Single(s => s.Key.Contains(".G")).Value, "FallbackJacobian");
    }

    private static void AssertFallsBack(GeneratorResult result, string why)
    {
        string generated = result.AllGeneratedSource;
        Assert.Contains("public static void GJacobian(global::System.ReadOnlySpan<double> x, global::System.Span<double> y, global::System.Span<double> jacobian)", generated);
        Assert.DoesNotContain("GTangents(", generated);
        Assert.Contains("GTangent(x, y, xDirection, yTangent);", generated);
        var skipped = result.GeneratorDiagnostics.Where(d => d.Id == "SAD0020").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(skipped, m => m.Contains("'GTangents' is not generated") && m.Contains(why));
        Assert.DoesNotContain(skipped, m => m.Contains("'GJacobian'"));
    }
}
