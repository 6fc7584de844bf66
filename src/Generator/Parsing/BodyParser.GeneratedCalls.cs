using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Calls to the methods SourceAD generates (<c>FBackward</c>, <c>FPullback</c>, …). The generator's own input cannot
/// contain them, so the compiler sees an unknown method there; SourceAD says what the call is, instead of skipping the
/// method.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>The suffixes of generated method names, longest first.</summary>
    private static readonly string[] GeneratedSuffixes = { "HessianVector", "Backward", "Pullback", "Tangent", "Hessian", "Jacobian" };

    private void ReportGeneratedCalls(IMethodBodyOperation body)
    {
        foreach (IInvalidOperation invalid in body.Descendants().OfType<IInvalidOperation>())
        {
            if (invalid.Syntax is InvocationExpressionSyntax invocation && GeneratedFrom(invocation) is { } generated)
            {
                Report(Descriptors.GeneratedMethodCall, invocation, generated.Name, generated.From,
                    "a [Differentiable] method cannot call generated derivatives yet (nested derivatives); compute the inner derivative in a method that is not differentiated, or write the derivative out");
            }
        }
    }

    /// <summary>The generated method an invocation names, and the [Differentiable] method it is generated from.</summary>
    private (string Name, string From)? GeneratedFrom(InvocationExpressionSyntax invocation)
    {
        SimpleNameSyntax? name = invocation.Expression switch
        {
            SimpleNameSyntax simple => simple,
            MemberAccessExpressionSyntax access => access.Name,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }
        string text = name.Identifier.Text;
        string? suffix = GeneratedSuffixes.FirstOrDefault(s => text.Length > s.Length && text.EndsWith(s, System.StringComparison.Ordinal));
        if (suffix is null)
        {
            return null;
        }
        string from = text.Substring(0, text.Length - suffix.Length);
        INamespaceOrTypeSymbol? container = invocation.Expression is MemberAccessExpressionSyntax member
            ? _semanticModel.GetSymbolInfo(member.Expression).Symbol as INamespaceOrTypeSymbol
            : null;
        bool differentiable = _semanticModel.LookupSymbols(invocation.SpanStart, container, from).OfType<IMethodSymbol>()
            .Any(m => Types.HasAttribute(m, Types.DifferentiableAttribute));
        return differentiable ? (text, from) : null;
    }
}
