using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>The parse step: one <c>[Differentiable]</c> method's symbols and operations in, an equatable model out.</summary>
internal static class MethodParser
{
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var method = (IMethodSymbol)context.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            MethodModel? model = Parse(syntax, method, context.SemanticModel, diagnostics, cancellationToken);
            return new ParseResult(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray());
        }
        catch (BodyParser.InvalidCodeException)
        {
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.From(exception, LocationInfo.From(syntax.Identifier), method.Name));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }
    }

    private static MethodModel? Parse(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel semanticModel, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        EquatableArray<ContainerModel> containers = SignatureParser.Containers(syntax, diagnostics);
        if (!SignatureParser.CheckMethod(method, syntax, diagnostics))
        {
            return null;
        }
        EquatableArray<ParameterModel> declared = SignatureParser.Parameters(method, syntax, diagnostics);
        List<AggregateSignature.FlatParameter> flat = AggregateSignature.Of(method);
        EquatableArray<ParameterModel> parameters = flat
            .Select(f => f.Of is null ? declared.First(p => p.Name == f.Name) : new ParameterModel(f.Name, f.Type, f.Differentiable, ""))
            .ToEquatableArray();
        EquatableArray<AggregateParameter> aggregates = flat.Where(f => f.Of is not null && f.Leaf is null).Select(f => f.Of!).ToEquatableArray();
        // A struct result: the flat method writes its leaves into an [Output] span and returns nothing.
        AggregateParameter? result = AggregateSignature.ResultOf(method, out _);
        TypeRef returnType = Types.Map(method.ReturnType);
        if (result is not null)
        {
            returnType = TypeRef.Void;
            parameters = parameters.Append(new ParameterModel(result.Name, Transforms.Variants.VariantParts.Span(result.Leaves[0].Type), Differentiable: false, "", Output: true)).ToEquatableArray();
        }

        SyntaxNode? bodySyntax = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        // A body with syntax errors is left to the compiler; semantic errors show up as invalid operations below.
        if (bodySyntax is null || bodySyntax.ContainsDiagnostics)
        {
            return null;
        }
        ForbiddenSyntax.Scan(bodySyntax, diagnostics);
        if (semanticModel.GetOperation(syntax, cancellationToken) is not IMethodBodyOperation operation)
        {
            return null;
        }
        var reserved = parameters.Select(p => p.Name).Concat(parameters.Select(p => "d" + p.Name));
        var body = new BodyParser(semanticModel, parameters.Where(p => !p.Output).Select(p => p.Name), reserved, diagnostics, aggregates,
            inputs: parameters.Where(p => p.Differentiable).Select(p => p.Name)) { Result = result };
        Block block = body.ParseBody(operation);

        string? ns = method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString();
        (string typeParameters, string constraints) = SignatureParser.Generics(syntax, method);
        return new MethodModel(
            ns,
            containers,
            SignatureParser.Accessibility(method),
            method.Name,
            returnType,
            parameters,
            body.Locals.ToEquatableArray(),
            block,
            HintName(method),
            LocationInfo.From(syntax.Identifier),
            Usings(syntax),
            body.NestedCallees.OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray())
        {
            Declared = declared,
            Aggregates = aggregates,
            IsInstance = !method.IsStatic,
            Variants = Types.Variants(method),
            Result = result,
            ReadsOutputs = OutputReads.Any(method),
            TypeParameters = typeParameters,
            Constraints = constraints,
            // FGradient takes only what the delegate keeps, so overloads would collide; a user's own FGradient wins.
            GradientNameTaken = method.ContainingType.GetMembers(method.Name).Length > 1
                || method.ContainingType.GetMembers(method.Name + "Gradient").Length > 0
                || method.ContainingType.GetMembers(method.Name + "GradientAt").Length > 0,
        };
    }

    /// <summary>The (non-global) using directives of the file and of the namespaces around the method.</summary>
    private static EquatableArray<string> Usings(MethodDeclarationSyntax syntax)
    {
        var scopes = syntax.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Usings)
            .Append(syntax.SyntaxTree.GetCompilationUnitRoot().Usings);
        return scopes.SelectMany(u => u).Where(u => u.GlobalKeyword.RawKind == 0).Select(u => u.ToString()).Distinct().ToEquatableArray();
    }

    /// <summary>
    /// A file name unique per method, overloads included. A long one (many parameters) keeps its first
    /// <see cref="MaxHintLength"/> characters and a hash of the whole, so that the file fits a file system's limit on
    /// a name (255 bytes) when the compiler writes generated files out.
    /// </summary>
    public static string HintName(IMethodSymbol method)
    {
        string type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        string parameters = string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString()));
        string raw = type + "." + method.Name + "(" + parameters + ")";
        var safe = new string(raw.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or ',' or '(' or ')' ? c : '_').ToArray());
        return (safe.Length <= MaxHintLength ? safe : safe.Substring(0, MaxHintLength) + "_" + Fnv1a(raw).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)) + ".g.cs";
    }

    private const int MaxHintLength = 160;

    /// <summary>32-bit FNV-1a over the UTF-16 code units: stable across runs and platforms, unlike string.GetHashCode.</summary>
    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }
        return hash;
    }
}
