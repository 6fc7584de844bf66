using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SourceAD.Generator.Model;

/// <summary>A source location kept as plain data, so it can travel through the incremental pipeline.</summary>
public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}

/// <summary>A machine-readable fact a diagnostic carries (the parameter or callee it is about), for code fixes.</summary>
public sealed record DiagnosticProperty(string Key, string Value);

/// <summary>A diagnostic kept as plain data until it is reported.</summary>
public sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments, EquatableArray<DiagnosticProperty> Properties = default)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    /// <summary>This diagnostic with one more property.</summary>
    public DiagnosticInfo With(string key, string value) =>
        this with { Properties = System.Linq.Enumerable.Append(Properties, new DiagnosticProperty(key, value)).ToEquatableArray() };

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(),
            System.Collections.Immutable.ImmutableDictionary.CreateRange(
                System.Linq.Enumerable.Select(Properties, p => new System.Collections.Generic.KeyValuePair<string, string?>(p.Key, p.Value))),
            System.Linq.Enumerable.ToArray<object?>(Arguments));
}
