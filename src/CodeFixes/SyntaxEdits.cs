using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceAD.CodeFixes;

/// <summary>The small syntax edits the SourceAD code fixes share: attributes, the <c>using SourceAD;</c> directive, trivia.</summary>
internal static class SyntaxEdits
{
    public const string Namespace = "SourceAD";
    public const string DifferentiableAttribute = "SourceAD.DifferentiableAttribute";
    public const string NoDiffAttribute = "SourceAD.NoDiffAttribute";

    /// <summary>The end-of-line sequence the document already uses.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root)
    {
        SyntaxTrivia existing = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? SyntaxFactory.EndOfLine(existing.ToString()) : SyntaxFactory.EndOfLine("\n");
    }

    public static bool HasAttribute(ISymbol symbol, string fullName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == fullName);

    public static bool IsAttribute(SemanticModel model, AttributeSyntax attribute, string fullName, System.Threading.CancellationToken cancellationToken) =>
        model.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol constructor
        && constructor.ContainingType.ToDisplayString() == fullName;

    /// <summary>
    /// How to spell attribute <paramref name="fullName"/> at <paramref name="position"/>: its simple name when it is already in
    /// scope (<c>needsUsing</c> false) or when nothing else has that name (<c>needsUsing</c> true), else fully qualified.
    /// </summary>
    public static NameSyntax AttributeName(SemanticModel model, int position, string fullName, out bool needsUsing)
    {
        string typeName = fullName.Substring(fullName.LastIndexOf('.') + 1);
        string shortName = typeName.Substring(0, typeName.Length - "Attribute".Length);
        var inScope = model.LookupNamespacesAndTypes(position, name: typeName)
            .Concat(model.LookupNamespacesAndTypes(position, name: shortName))
            .ToList();
        needsUsing = false;
        if (inScope.Count == 0)
        {
            needsUsing = true;
            return SyntaxFactory.IdentifierName(shortName);
        }
        if (inScope.All(s => s.ToDisplayString() == fullName))
        {
            return SyntaxFactory.IdentifierName(shortName);
        }
        return SyntaxFactory.ParseName("global::" + Namespace + "." + shortName);
    }

    /// <summary>Puts <c>[name]</c> on its own line before a member, keeping the member's comments and indentation.</summary>
    public static MemberDeclarationSyntax AddAttributeOnOwnLine(MemberDeclarationSyntax member, NameSyntax name, SyntaxTrivia endOfLine)
    {
        SyntaxTriviaList leading = member.GetLeadingTrivia();
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(name)))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(endOfLine);
        MemberDeclarationSyntax withoutLeading = member.WithLeadingTrivia(Indentation(leading));
        return withoutLeading.WithAttributeLists(withoutLeading.AttributeLists.Insert(0, list));
    }

    /// <summary>Puts <c>[name] </c> in front of a parameter.</summary>
    public static ParameterSyntax AddAttributeInline(ParameterSyntax parameter, NameSyntax name)
    {
        SyntaxTriviaList leading = parameter.GetLeadingTrivia();
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(name)))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(SyntaxFactory.Space);
        ParameterSyntax withoutLeading = parameter.WithLeadingTrivia(SyntaxFactory.TriviaList());
        return withoutLeading.WithAttributeLists(withoutLeading.AttributeLists.Insert(0, list));
    }

    /// <summary>
    /// Adds <c>using SourceAD;</c> to the usings of the namespace around <paramref name="anchor"/> when only that namespace has
    /// usings, else to the file's, in order (System first, then ordinal), keeping a file header on top.
    /// </summary>
    public static CompilationUnitSyntax AddUsing(CompilationUnitSyntax root, SyntaxNode anchor, SyntaxTrivia endOfLine)
    {
        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName(Namespace))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(endOfLine);
        if (root.Usings.Count == 0
            && anchor.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().LastOrDefault(n => n.Usings.Count > 0) is { } container)
        {
            return root.ReplaceNode(container, container.WithUsings(Insert(container.Usings, directive)));
        }
        if (root.Usings.Count > 0)
        {
            return root.WithUsings(Insert(root.Usings, directive));
        }
        if (root.Externs.Count > 0)
        {
            return root.WithUsings(SyntaxFactory.SingletonList(directive));
        }
        // No usings at all: the directive goes first, below a file header (comments ended by a blank line).
        SyntaxToken first = root.GetFirstToken(includeZeroWidth: true);
        SyntaxTriviaList leading = first.LeadingTrivia;
        int headerLength = HeaderLength(leading);
        CompilationUnitSyntax rest = root.ReplaceToken(first, first.WithLeadingTrivia(leading.Skip(headerLength)));
        directive = directive
            .WithLeadingTrivia(leading.Take(headerLength))
            .WithTrailingTrivia(endOfLine, endOfLine);
        return rest.WithUsings(SyntaxFactory.SingletonList(directive));
    }

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive)
    {
        if (usings.Any(u => IsPlain(u) && u.Name!.ToString() == Namespace))
        {
            return usings;
        }
        int start = 0;
        while (start < usings.Count && !usings[start].GlobalKeyword.IsKind(SyntaxKind.None))
        {
            start++;
        }
        int index = -1;
        int lastPlain = -1;
        for (int i = start; i < usings.Count; i++)
        {
            if (!IsPlain(usings[i]))
            {
                continue;
            }
            if (Compare(usings[i].Name!.ToString(), Namespace) > 0)
            {
                index = i;
                break;
            }
            lastPlain = i;
        }
        if (index < 0)
        {
            index = lastPlain >= 0 ? lastPlain + 1 : start;
        }
        if (index == 0)
        {
            // Take over the first directive's leading trivia (a file header stays on top), leave it its indentation.
            UsingDirectiveSyntax first = usings[0];
            SyntaxTriviaList leading = first.GetLeadingTrivia();
            return usings.Replace(first, first.WithLeadingTrivia(Indentation(leading)))
                .Insert(0, directive.WithLeadingTrivia(leading));
        }
        UsingDirectiveSyntax previous = usings[index - 1];
        return usings.Insert(index, directive.WithLeadingTrivia(Indentation(previous.GetLeadingTrivia())));
    }

    private static bool IsPlain(UsingDirectiveSyntax u) =>
        u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None) && u.Name is not null;

    private static int Compare(string a, string b)
    {
        bool systemA = a == "System" || a.StartsWith("System.", StringComparison.Ordinal);
        bool systemB = b == "System" || b.StartsWith("System.", StringComparison.Ordinal);
        if (systemA != systemB)
        {
            return systemA ? -1 : 1;
        }
        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The whitespace at the end of a leading trivia list: the indentation of the token it precedes.</summary>
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var indentation = new List<SyntaxTrivia>();
        for (int i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
        {
            indentation.Insert(0, leading[i]);
        }
        return SyntaxFactory.TriviaList(indentation);
    }

    /// <summary>How many leading trivia form a file header: comments up to the last blank line, with no directives.</summary>
    private static int HeaderLength(SyntaxTriviaList leading)
    {
        int length = 0;
        for (int i = 1; i < leading.Count; i++)
        {
            if (leading[i].IsDirective || leading[i].IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
                || leading[i].IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
            {
                break;
            }
            int previous = i - 1;
            while (previous >= 0 && leading[previous].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                previous--;
            }
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia) && previous >= 0 && leading[previous].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                length = i + 1;
            }
        }
        return length;
    }
}
