using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// <c>out</c> and <c>ref</c> arguments of calls SourceAD does not differentiate (<c>int.TryParse(s, out int k)</c>,
/// <c>Math.DivRem(a, b, out int r)</c>, a helper's <c>out bool found</c>). The call becomes a statement of its own, before
/// the statement that contains it (as the effects of <see cref="ParseNestedEffect"/> do), on temporaries: a <c>ref</c>
/// argument is copied into its temporary first, and each temporary is assigned to the argument's variable after the
/// call. So the IR stays free of writes inside expressions, and the variables are written by ordinary assignments,
/// which the reverse sweep saves and restores like any other. What flows out is checked like any result: a value that
/// holds floating-point state and can depend on a differentiable input is SAD0005; integers and booleans are fine.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>The value of a call to a method that returns <c>void</c>, once the call is a statement of its own.</summary>
    private static readonly Literal NoValue = new("/* no value */", null, TypeRef.Void);

    /// <summary>
    /// An <c>out</c> or <c>ref</c> argument: a temporary passed in its place, with the copy into it (for <c>ref</c>)
    /// and the copy out of it into the variable; null, with a diagnostic, when its target cannot be written.
    /// </summary>
    private Argument? ParsePassedByReference(IArgumentOperation argument)
    {
        PassedBy kind = argument.Parameter!.RefKind == RefKind.Out ? PassedBy.Out : PassedBy.Ref;
        TypeRef type = Types.Map(argument.Parameter.Type);
        IOperation target = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
        if (target is IDiscardOperation)
        {
            var discarded = new Var(FreshLocal("_discarded", type), type);
            return new Argument(discarded, MayWriteThrough(argument.Parameter), kind);
        }
        if (AssignTarget(target) is not Expr variable)
        {
            return null;
        }
        var temporary = new Var(FreshLocal(TargetName(variable) + (kind == PassedBy.Out ? "Out" : "Ref"), type), type);
        string source = Source(argument.Syntax);
        Stmt? copyIn = kind == PassedBy.Ref ? new Assign(temporary.Name, Sym.To(variable, type), source + "  (passed by ref)") : null;
        Stmt copyOut = Write(variable, Sym.To(temporary, variable.Type), source + "  (written by the call)", argument.Syntax);
        if (TargetSymbol(target) is { } symbol)
        {
            _effectTargets.Add((symbol, argument.Syntax));
        }
        return new Argument(temporary, MayWriteThrough(argument.Parameter), kind, copyIn, copyOut);
    }

    /// <summary>
    /// A call with <c>out</c>/<c>ref</c> arguments as a statement before the one that contains it: copies in, the call
    /// (its value into a temporary), copies out. Where the call runs only conditionally (the right of <c>&amp;&amp;</c>,
    /// a branch of <c>?:</c>) it cannot move, and is SAD0007.
    /// </summary>
    private Expr HoistCall(OpaqueCall call, List<Argument> arguments, IInvocationOperation invocation)
    {
        string source = Source(invocation.Syntax);
        if (_effects is null)
        {
            Report(Descriptors.UnsupportedExpression, invocation.Syntax,
                "The call '" + source + "', which writes its out or ref arguments, where it runs only conditionally (the right of && or ||, a branch of ?:),",
                "call it in a statement of its own before this one");
            return Placeholder(call.Type);
        }
        _effects.AddRange(arguments.Select(a => a.CopyIn).OfType<Stmt>());
        Expr value = NoValue;
        if (call.Type.IsVoid)
        {
            _effects.Add(new Evaluate(call, source));
        }
        else
        {
            var result = new Var(FreshLocal("_" + invocation.TargetMethod.Name.ToLowerInvariant()[0] + invocation.TargetMethod.Name.Substring(1) + "Value", call.Type), call.Type);
            _effects.Add(new Assign(result.Name, call, source));
            value = result;
        }
        _effects.AddRange(arguments.Select(a => a.CopyOut).OfType<Stmt>());
        return value;
    }

    private static string TargetName(Expr target) => target switch
    {
        Var v => v.Name,
        ElementRead { Array: Var buffer } => buffer.Name + "Element",
        _ => "_argument",
    };

    private static ISymbol? TargetSymbol(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };
}
