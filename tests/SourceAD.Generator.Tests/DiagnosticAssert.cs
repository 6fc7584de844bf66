using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>Assertions on generator diagnostics: one of an ID, at the span a markup marks, naming the construct.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Runs the generator on <paramref name="markup"/> (whose <c>[| … |]</c> marks a span) and asserts: the generator did
    /// not throw and reported no SAD9999; exactly one <paramref name="id"/>, an error, located at the marked span, whose
    /// message mentions one of <paramref name="messageMentions"/>. Returns it.
    /// </summary>
    public static Diagnostic AtMarkedSpan(string id, string markup, params string[] messageMentions)
    {
        (string source, TextSpan span) = Markup.Parse(markup);
        GeneratorResult result = GeneratorHarness.Run(source);

        Assert.True(result.GeneratorException is null, $"Generator threw: {result.GeneratorException}");
        string all = result.Format(result.GeneratorDiagnostics);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SAD9999");

        var matching = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1,
            $"Expected exactly one {id} at {span} '{source.Substring(span.Start, span.Length)}', got {matching.Count}. All generator diagnostics:\n{all}");

        Diagnostic diagnostic = matching[0];
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Location(diagnostic.Location, span, source, all);

        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.True(messageMentions.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase)),
            $"Message of {id} should mention one of [{string.Join(", ", messageMentions)}]: {message}");
        return diagnostic;
    }

    /// <summary>
    /// Asserts the diagnostic is at <paramref name="expected"/> in Test0.cs: a source location, or an external one that
    /// names the same file (generators that keep locations as equatable data recreate them with Location.Create).
    /// </summary>
    public static void Location(Location location, TextSpan expected, string source, string all)
    {
        Assert.True(location.IsInSource || location.Kind == LocationKind.ExternalFile, $"Diagnostic has no file location: {location}");
        Assert.Equal("Test0.cs", location.GetLineSpan().Path);
        TextSpan actual = location.SourceSpan;
        Assert.True(actual == expected,
            $"Expected span {expected} '{Slice(source, expected)}'\n     got span {actual} '{Slice(source, actual)}'\nAll generator diagnostics:\n{all}");
    }

    private static string Slice(string source, TextSpan span) =>
        span.End <= source.Length ? source.Substring(span.Start, span.Length) : "<out of range>";
}
