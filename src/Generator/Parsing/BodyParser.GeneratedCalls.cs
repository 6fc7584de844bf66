using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Calls to the methods SourceAD generates (<c>GBackward</c>, <c>GPullback</c>, <c>GTangent</c>, and a vector-valued
/// G's <c>GJacobian</c>, see BodyParser.NestedJacobians.cs) inside a <c>[Differentiable]</c> method: nested
/// derivatives. The generator's own input cannot contain those methods, so the compiler sees unknown methods there;
/// SourceAD reads such a call against the signature it will generate and makes it a <see cref="DerivativeCall"/> of
/// the inner method, which the outer transforms differentiate in turn. A call to any other generated method is SAD0019.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>The suffixes of generated method names, longest first.</summary>
    private static readonly string[] GeneratedSuffixes = { "HessianVector", "Backward", "Pullback", "Tangent", "Hessian", "Jacobian" };

    /// <summary>The methods this one calls derivatives of, by their generated files' names.</summary>
    private readonly HashSet<string> _nestedCallees = new();

    public IReadOnlyCollection<string> NestedCallees => _nestedCallees;

    /// <summary>Invocations of generated methods the parser reads itself (the compiler cannot bind them yet).</summary>
    private readonly HashSet<SyntaxNode> _generatedCalls = new();

    /// <summary>Whether an erroneous operation is (inside) a call to a generated method, which is not an error.</summary>
    private bool IsGeneratedCall(IOperation operation) => _generatedCalls.Any(c => c.Span.Contains(operation.Syntax.Span));

    /// <summary>
    /// Finds the calls to generated methods in the body; those SourceAD can read are remembered, the others reported.
    /// Returns whether every error in the body is such a call.
    /// </summary>
    private bool AcceptGeneratedCalls(IMethodBodyOperation body)
    {
        bool reported = false;
        foreach (IInvalidOperation invalid in body.Descendants().OfType<IInvalidOperation>())
        {
            if (invalid.Syntax is not InvocationExpressionSyntax invocation || GeneratedFrom(invocation) is not { } generated)
            {
                continue;
            }
            string? problem = generated.Suffix is "Backward" or "Pullback" or "Tangent"
                ? NestingProblem(generated.Method, invocation)
                : generated.Suffix == "Jacobian" && generated.Method.Parameters.Any(Types.IsOutput)
                    ? NestingProblem(generated.Method, invocation)
                    : "the outer derivative of a " + generated.Suffix + " is not generated (third derivatives); call it outside the [Differentiable] method";
            if (problem is null && ReportOutVars(generated.Name, generated.Method, generated.Suffix, invocation))
            {
                reported = true;
            }
            else if (problem is null)
            {
                _generatedCalls.Add(invocation);
            }
            else
            {
                Report(Descriptors.GeneratedMethodCall, invocation, generated.Name, generated.Method.Name, problem);
                reported = true;
            }
        }
        return !reported && body.Descendants().Where(IsErroneous).All(IsGeneratedCall);
    }

    /// <summary>Why SourceAD cannot differentiate through a call to a derivative of <paramref name="method"/>, or null.</summary>
    private static string? NestingProblem(IMethodSymbol method, InvocationExpressionSyntax invocation)
    {
        if (method.DeclaringSyntaxReferences.Length == 0)
        {
            return "the method is in another assembly, and SourceAD differentiates through derivatives of methods of this compilation only";
        }
        bool outputs = method.Parameters.Any(Types.IsOutput);
        if (!(Types.Map(method.ReturnType).IsFloating || (outputs && method.ReturnsVoid)) || method.Parameters.Any(p => Types.Map(p.Type).IsObject || Types.Map(p.Type) is { IsBuffer: true, Element.IsObject: true }))
        {
            return "nested derivatives need an inner method that returns a double or float (or writes [Output] buffers) and takes doubles, floats and buffers of them";
        }
        if (invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null))
        {
            return "pass its arguments by position";
        }
        return null;
    }

    /// <summary>
    /// Reports each <c>out var</c> argument of a call to a generated method (SAD0019 at its <c>var</c>, with the type
    /// the generated method will declare, for the code fix): the method does not exist yet while SourceAD reads the
    /// code, so the compiler cannot type the variable. Returns whether there was one.
    /// </summary>
    private bool ReportOutVars(string name, IMethodSymbol method, string suffix, InvocationExpressionSyntax invocation)
    {
        List<DifferentiandParameter>? signature = null;
        bool any = false;
        for (int position = 0; position < invocation.ArgumentList.Arguments.Count; position++)
        {
            if (invocation.ArgumentList.Arguments[position].Expression is not DeclarationExpressionSyntax { Type.IsVar: true } declaration)
            {
                continue;
            }
            signature ??= GeneratedSignature(method, suffix, invocation);
            TypeRef? type = position < signature.Count ? signature[position].Type : null;
            string variable = declaration.Designation.ToString();
            string spelled = type is { IsFloating: true } ? type.Name : "its type";
            DiagnosticInfo diagnostic = DiagnosticInfo.Create(Descriptors.GeneratedMethodCall, LocationInfo.From(declaration.Type), name, method.Name,
                "declare its out variable with its type (out " + spelled + " " + variable + ", not out var " + variable + "): the generated method does not exist yet while SourceAD reads this code");
            _diagnostics.Add(type is { IsFloating: true } ? diagnostic.With(PropertyNames.Type, type.Name) : diagnostic);
            any = true;
        }
        return any;
    }

    /// <summary>The parameters of the generated <paramref name="suffix"/> method of <paramref name="method"/>, in the order a call passes them.</summary>
    private List<DifferentiandParameter> GeneratedSignature(IMethodSymbol method, string suffix, SyntaxNode call)
    {
        Callee callee = PullbackFinder.Find(method, method.Parameters.Select(p => (ITypeSymbol?)p.Type).ToList(), call, _compilation, new List<DiagnosticInfo>())!;
        List<DifferentiandParameter> signature = Signatures.Of(callee, suffix == "Tangent" ? new[] { Mode.Forward } : new[] { Mode.Reverse });
        // Backward takes the pullback's parameters without dResult (it seeds 1 itself).
        return suffix == "Backward" ? signature.Where(p => p.Name != "dResult").ToList() : signature;
    }

    /// <summary>The generated method an invocation names, the [Differentiable] method it is generated from, and the suffix.</summary>
    private (string Name, IMethodSymbol Method, string Suffix)? GeneratedFrom(InvocationExpressionSyntax invocation)
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
        IMethodSymbol? method = _semanticModel.LookupSymbols(invocation.SpanStart, container, from).OfType<IMethodSymbol>()
            .FirstOrDefault(m => Types.HasAttribute(m, Types.DifferentiableAttribute) && m.IsStatic);
        return method is null ? null : (text, method, suffix);
    }

    /// <summary>
    /// A call to <c>GBackward</c>, <c>GPullback</c> or <c>GTangent</c>, as a derivative call of G. A <c>Backward</c>
    /// call is its pullback with <c>dResult = 1</c> into gradients it zeroes first (statements before the call).
    /// </summary>
    private Expr ParseGeneratedCall(InvocationExpressionSyntax invocation, TypeRef type)
    {
        (string _, IMethodSymbol method, string suffix) = GeneratedFrom(invocation)!.Value;
        if (suffix == "Jacobian")
        {
            return ParseGeneratedJacobian(invocation, method);
        }
        Callee callee = PullbackFinder.Find(method, method.Parameters.Select(p => (ITypeSymbol?)p.Type).ToList(), invocation, _compilation, _diagnostics)!;
        _nestedCallees.Add(MethodParser.HintName(method));
        var modes = suffix == "Tangent" ? new[] { Mode.Forward } : new[] { Mode.Reverse };
        List<DifferentiandParameter> signature = Signatures.Of(callee, modes);
        var arguments = invocation.ArgumentList.Arguments;
        bool backward = suffix == "Backward";
        int expected = backward ? callee.ParameterNames.Count + callee.Differentiable.Count(d => d) : signature.Count;
        if (arguments.Count != expected)
        {
            Report(Descriptors.GeneratedMethodCall, invocation, method.Name + suffix, method.Name, "it takes " + expected + " arguments, and is given " + arguments.Count);
            return Placeholder(type);
        }
        var args = new List<Expr>();
        var kinds = new List<PassedBy>();
        int position = 0;
        foreach (DifferentiandParameter parameter in signature)
        {
            if (backward && parameter.Name == "dResult")
            {
                args.Add(Literals.One(callee.ReturnType));
                kinds.Add(PassedBy.Value);
                continue;
            }
            ArgumentSyntax argument = arguments[position++];
            Expr value = GeneratedCallArgument(argument, parameter.Type);
            if (parameter.IsWritten && !(value is Var { Name: var local } && !_parameterNames.Contains(local)))
            {
                Report(Descriptors.GeneratedMethodCall, argument, method.Name + suffix, method.Name,
                    "it writes its argument '" + Source(argument.Expression) + "': pass a local variable (a local array for a buffer)");
                return Placeholder(type);
            }
            args.Add(value);
            PassedBy kind = argument.RefKindKeyword.Kind() switch
            {
                SyntaxKind.RefKeyword => PassedBy.Ref,
                SyntaxKind.OutKeyword => PassedBy.Out,
                _ => PassedBy.Value,
            };
            // Backward's scalar gradients are out parameters; they are the pullback's ref adjoints, zeroed first.
            if (backward && kind == PassedBy.Out && value is Var gradient)
            {
                Zero(gradient, invocation);
                kind = PassedBy.Ref;
            }
            else if (backward && parameter.WrittenBuffer && value is Var buffer)
            {
                Zero(buffer, invocation);
            }
            kinds.Add(kind);
        }
        return new DerivativeCall(callee, modes.ToEquatableArray(), args.ToEquatableArray(), kinds.ToEquatableArray(), Types.Map(method.ReturnType))
        {
            Location = LocationInfo.From(invocation),
        };
    }

    /// <summary>A statement before the call that zeroes a gradient <c>Backward</c> overwrites.</summary>
    private void Zero(Var gradient, SyntaxNode call)
    {
        if (_effects is null)
        {
            Report(Descriptors.GeneratedMethodCall, call, Source(call), "Backward", "call it where it runs unconditionally (not in a branch of ?: or the right of && or ||)");
            return;
        }
        if (gradient.Type.IsFloating)
        {
            _effects.Add(new Assign(gradient.Name, Literals.Zero(gradient.Type), "(the gradient starts at 0)"));
        }
        else
        {
            AddZeroLoop(gradient, "(the gradient starts at 0)", _effects);
        }
    }

    /// <summary>An argument of a generated call: a value, or a variable passed by ref or out (declared here if need be).</summary>
    private Expr GeneratedCallArgument(ArgumentSyntax argument, TypeRef expected)
    {
        if (argument.Expression is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation }
            && _semanticModel.GetDeclaredSymbol(designation) is ILocalSymbol declared)
        {
            return new Var(DeclareLocal(declared), Types.Map(declared.Type));
        }
        IOperation? operation = _semanticModel.GetOperation(argument.Expression);
        if (operation is null)
        {
            return Placeholder(expected);
        }
        Expr value = ParseExpression(operation);
        return expected.IsFloating ? Sym.To(value, expected) : value;
    }
}
