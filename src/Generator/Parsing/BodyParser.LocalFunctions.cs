using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Local functions. One that reads nothing of the method (static, or capturing no variable) is kept as written, and
/// declared first in every generated method, so its calls work wherever generated code computes them (the forward
/// sweep, and the reverse sweep that recomputes a partial derivative). Its calls are calls without a derivative:
/// fine with arguments that carry none, SAD0005 (saying to make it a [Differentiable] method of the type) where a value
/// that depends on a differentiable input could come back out. A local function that captures a variable of the method
/// is SAD0006: its value would depend on when generated code calls it.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>The local functions of the body, as the statements that declare them.</summary>
    private readonly List<Stmt> _localFunctions = new();

    private void ParseLocalFunction(ILocalFunctionOperation local)
    {
        var syntax = (LocalFunctionStatementSyntax)local.Syntax;
        string name = local.Symbol.Name;
        if (local.Symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "DifferentiableAttribute"))
        {
            Report(Descriptors.UnsupportedStatement, syntax, "The [Differentiable] local function '" + name + "'",
                "SourceAD differentiates methods of a type, not local functions: make it a static [Differentiable] method of the type and call it");
            return;
        }
        if (Captured(syntax).FirstOrDefault() is { } captured)
        {
            Report(Descriptors.UnsupportedStatement, syntax, "The local function '" + name + "', which reads '" + captured.Name + "' of the method,",
                "make it static and pass what it reads as arguments (or make it a static [Differentiable] method of the type)");
            return;
        }
        if (ParseVerbatim(local, TypeRef.Void, "The local function '" + name + "'") is Verbatim declaration)
        {
            _localFunctions.Add(new Evaluate(declaration, "local function " + name));
        }
    }

    /// <summary>The variables of the method a local function reads or writes (its own parameters and locals aside).</summary>
    private IEnumerable<ISymbol> Captured(LocalFunctionStatementSyntax syntax)
    {
        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody?.Expression;
        if (body is null)
        {
            return Enumerable.Empty<ISymbol>();
        }
        DataFlowAnalysis flow = _semanticModel.AnalyzeDataFlow(body);
        if (!flow.Succeeded)
        {
            return Enumerable.Empty<ISymbol>();
        }
        return flow.ReadInside.Concat(flow.WrittenInside)
            .Where(s => s is ILocalSymbol or IParameterSymbol && !IsDeclaredInside(s, syntax))
            .Distinct<ISymbol>(SymbolEqualityComparer.Default);
    }

    /// <summary>A call to a local function: a call without a derivative, by its simple name.</summary>
    private Expr ParseLocalFunctionCall(IInvocationOperation invocation, TypeRef type)
    {
        IMethodSymbol target = invocation.TargetMethod;
        List<Argument> arguments = ParseArguments(invocation.Arguments, forDerivative: false, writable: true);
        var flow = new Opaque(Opaque.LocalFunctionPrefix + target.Name + "'", arguments.Select(a => a.MayWrite).ToEquatableArray(),
            "SourceAD does not differentiate local functions: make '" + target.Name + "' a static method of the type marked [Differentiable] and call that",
            LocationInfo.From(invocation.Syntax));
        var kinds = arguments.Any(a => a.Kind != PassedBy.Value) ? arguments.Select(a => a.Kind).ToEquatableArray() : default;
        var call = new OpaqueCall(null, target.Name + TypeArguments(target), arguments.Select(a => a.Value).ToEquatableArray(), type, flow, kinds);
        return kinds.Count > 0 ? HoistCall(call, arguments, invocation) : call;
    }

    /// <summary>The body with the declarations of its local functions first.</summary>
    private Block WithLocalFunctions(Block body) =>
        _localFunctions.Count == 0 ? body : new Block(_localFunctions.Concat(body.Statements).ToEquatableArray());
}
