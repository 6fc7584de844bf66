using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// The derivative rules declared for methods of other types, <c>[DerivativeOf(typeof(T), nameof(T.M))]</c> (pullbacks)
/// and <c>[TangentOf(typeof(T), nameof(T.M))]</c> (tangents), wherever the compilation or a referenced assembly that
/// uses SourceAD declares them (the runtime ships rules for the BCL this way). Built once per compilation, on first
/// use, and shared by every method parsed in it.
/// </summary>
internal sealed class RuleIndex
{
    private const string RuntimeAssembly = "SourceAD.Runtime";

    private static readonly ConditionalWeakTable<Compilation, RuleIndex> Cache = new();

    private readonly Dictionary<string, List<IMethodSymbol>> _rules = new();

    private RuleIndex()
    {
    }

    public static RuleIndex For(Compilation compilation) => Cache.GetValue(compilation, Build);

    /// <summary>The pullbacks declared for <paramref name="target"/>'s name in its type (any overload: the caller matches).</summary>
    public IReadOnlyList<IMethodSymbol> RulesFor(IMethodSymbol target) => Find(PullbackFinder.DerivativeOfAttribute, target);

    /// <summary>The tangents declared for <paramref name="target"/>'s name in its type (any overload: the caller matches).</summary>
    public IReadOnlyList<IMethodSymbol> TangentsFor(IMethodSymbol target) => Find(PullbackFinder.TangentOfAttribute, target);

    private IReadOnlyList<IMethodSymbol> Find(string attribute, IMethodSymbol target) =>
        _rules.TryGetValue(Key(attribute, target.ContainingType, target.Name), out List<IMethodSymbol>? rules) ? rules : new List<IMethodSymbol>();

    private static string Key(string attribute, ITypeSymbol type, string name) => attribute + ":" + type.OriginalDefinition.ToDisplayString() + "." + name;

    private static RuleIndex Build(Compilation compilation)
    {
        var index = new RuleIndex();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            var declarations = tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                .OfType<MethodDeclarationSyntax>()
                .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is var name && (name.Contains("DerivativeOf") || name.Contains("TangentOf"))))
                .ToList();
            if (declarations.Count == 0)
            {
                continue;
            }
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (MethodDeclarationSyntax declaration in declarations)
            {
                if (model.GetDeclaredSymbol(declaration) is IMethodSymbol rule)
                {
                    index.Add(rule);
                }
            }
        }
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols.Where(UsesSourceAD))
        {
            index.AddAll(assembly.GlobalNamespace);
        }
        return index;
    }

    private static bool UsesSourceAD(IAssemblySymbol assembly) =>
        assembly.Name == RuntimeAssembly || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == RuntimeAssembly));

    private void AddAll(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceOrTypeSymbol nested:
                    AddAll(nested);
                    break;
                case IMethodSymbol method when method.IsStatic:
                    Add(method);
                    break;
            }
        }
    }

    private void Add(IMethodSymbol rule)
    {
        foreach (AttributeData attribute in rule.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() is PullbackFinder.DerivativeOfAttribute or PullbackFinder.TangentOfAttribute
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value is ITypeSymbol type
                && attribute.ConstructorArguments[1].Value is string name)
            {
                string key = Key(attribute.AttributeClass.ToDisplayString(), type, name);
                if (!_rules.TryGetValue(key, out List<IMethodSymbol>? list))
                {
                    _rules[key] = list = new List<IMethodSymbol>();
                }
                list.Add(rule);
            }
        }
    }
}
