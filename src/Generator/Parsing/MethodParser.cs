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
        EquatableArray<ParameterModel> parameters = SignatureParser.Parameters(method, syntax, diagnostics);

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
        var body = new BodyParser(semanticModel, parameters.Where(p => !p.Output).Select(p => p.Name), reserved, diagnostics,
            inputs: parameters.Where(p => p.Differentiable).Select(p => p.Name));
        Block block = body.ParseBody(operation);

        string? ns = method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString();
        return new MethodModel(
            ns,
            containers,
            SignatureParser.Accessibility(method),
            method.Name,
            Types.Map(method.ReturnType),
            parameters,
            body.Locals.ToEquatableArray(),
            block,
            HintName(method),
            LocationInfo.From(syntax.Identifier),
            Usings(syntax),
            body.NestedCallees.OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>The (non-global) using directives of the file and of the namespaces around the method.</summary>
    private static EquatableArray<string> Usings(MethodDeclarationSyntax syntax)
    {
        var scopes = syntax.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Usings)
            .Append(syntax.SyntaxTree.GetCompilationUnitRoot().Usings);
        return scopes.SelectMany(u => u).Where(u => u.GlobalKeyword.RawKind == 0).Select(u => u.ToString()).Distinct().ToEquatableArray();
    }

    /// <summary>A file name unique per method, overloads included.</summary>
    public static string HintName(IMethodSymbol method)
    {
        string type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        string parameters = string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString()));
        string raw = type + "." + method.Name + "(" + parameters + ")";
        var safe = new string(raw.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or ',' or '(' or ')' ? c : '_').ToArray());
        return safe + ".g.cs";
    }
}
