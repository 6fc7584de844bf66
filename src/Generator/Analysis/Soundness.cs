using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Analysis;

/// <summary>
/// The soundness check. A value that depends on a differentiable input (a varied value) may flow only where the
/// transforms follow its derivative. The IR names every other place it could go: calls with no derivative (through
/// their result, or storage they may write), constructors, property reads of varied values, and conversions the chain
/// rule does not go through (boxing, interfaces, decimal). Each such flow is an error at its syntax; the parser already
/// rejected whatever the IR cannot express. So a derivative is never silently dropped: the gradient is right, or there
/// is an error. Values whose type holds no floating-point state (an int, a bool, a string) carry no derivative and may
/// go anywhere: <c>x.CompareTo(y)</c>, <c>double.IsNaN(x)</c>, <c>x.ToString()</c>.
/// </summary>
internal sealed class Soundness
{
    private readonly ISet<string> _varied;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly HashSet<LocationInfo?> _reported = new();

    private Soundness(ISet<string> varied, List<DiagnosticInfo> diagnostics)
    {
        _varied = varied;
        _diagnostics = diagnostics;
    }

    /// <param name="body">The method body.</param>
    /// <param name="varied">The variables that depend on a differentiable input.</param>
    /// <param name="diagnostics">Where the errors go.</param>
    public static void Check(Block body, ISet<string> varied, List<DiagnosticInfo> diagnostics)
    {
        var check = new Soundness(varied, diagnostics);
        foreach ((Expr expression, bool used) in Statements.Expressions(body))
        {
            check.Visit(expression, used);
        }
    }

    private void Visit(Expr e, bool valueUsed)
    {
        switch (e)
        {
            case OpaqueCall { Name: "ZerosLike", Receiver: Var, Args.Count: 1 } zeros when zeros.Flow == Opaque.Generated:
                return; // a generated adjoint: zeros of a value's shape, which reads no derivative of the value
            case OpaqueCall call:
                var inputs = (call.Receiver is null ? call.Args : new[] { call.Receiver }.Concat(call.Args)).Select(Unwrap).ToList();
                Check(call.Flow, inputs, valueUsed && call.Type.HoldsState);
                inputs.ForEach(input => Visit(input, valueUsed: true));
                return;
            case New creation:
                var arguments = creation.Args.Select(Unwrap).ToList();
                Check(creation.Flow, arguments, creation.Type.HoldsState);
                arguments.ForEach(argument => Visit(argument, valueUsed: true));
                return;
            case MemberRead { Receiver: { } receiver } read when read.Type.HoldsState && Carries(receiver):
                Report(DiagnosticInfo.Create(Descriptors.NoDerivative, read.Location,
                    "The member '" + read.Name + "' of '" + receiver.Type.Name.Replace("global::", "") + "'",
                    "SourceAD differentiates double and float values, buffers of them and differentiable objects such as Tensor; compute with those instead"));
                break;
            case DiffCall call:
                CheckBufferArguments(call);
                break;
            case Verbatim { Flow: { } flow } verbatim:
                Check(flow, verbatim.Holes.ToList(), valueUsed && verbatim.Type.HoldsState);
                break;
            case Verbatim verbatim when verbatim.Holes.FirstOrDefault(Carries) is { } hole:
                Report(DiagnosticInfo.Create(Descriptors.UnsupportedExpression, verbatim.Location,
                    verbatim.What + " (it reads " + (hole is Var holeVar ? "'" + holeVar.Name + "'" : "a value") + ", which depends on a differentiable input)",
                    "SourceAD does not differentiate it: compute that part with arithmetic, Math functions, calls to [Differentiable] methods, if/else and loops"));
                break;
            case Convert conversion when conversion.Type.HoldsState && Carries(conversion.Operand):
                Report(DiagnosticInfo.Create(Descriptors.LostByConversion, conversion.Location,
                    conversion.Operand.Type.Name.Replace("global::", ""), conversion.Type.Name.Replace("global::", "")));
                break;
        }
        foreach (Expr child in ExprVisitor.Children(e))
        {
            Visit(child, valueUsed: true);
        }
    }

    /// <summary>
    /// Code without a derivative may take varied inputs only if nothing can bring their dependence back: its value is
    /// discarded or holds no floating-point state, and it may write no floating-point state through any input.
    /// </summary>
    private void Check(Opaque flow, List<Expr> inputs, bool resultMatters)
    {
        if (inputs.Any(Carries) && (resultMatters || flow.MayWrite.Any(w => w)))
        {
            Report(DiagnosticInfo.Create(Descriptors.NoDerivative, flow.Location, flow.Name, flow.Fix)
                .With(PropertyNames.Callee, flow.Name.Trim('\'')));
        }
    }

    /// <summary>
    /// A buffer or differentiable object passed to a differentiable callee gets its adjoint from the callee's pullback:
    /// it must be a variable (or a view, or an element of an array of objects) whose adjoint the transform holds.
    /// </summary>
    private void CheckBufferArguments(DiffCall call)
    {
        for (int i = 0; i < call.Args.Count; i++)
        {
            Expr argument = call.Args[i];
            bool held = argument is Var or Slice { Buffer: Var } or ElementRead { Array: Var, Type.IsObject: true };
            if (call.Callee.Differentiable[i] && (argument.Type.IsBuffer || argument.Type.IsObject) && !held && Carries(argument))
            {
                Report(DiagnosticInfo.Create(Descriptors.UnsupportedExpression, call.Location,
                    "Argument " + (i + 1) + " of '" + call.Source + "'",
                    "pass a variable (or a slice of a buffer variable): assign the value to a local first"));
            }
        }
    }

    /// <summary>An argument as the callee receives it: a conversion the call applies belongs to the call.</summary>
    private static Expr Unwrap(Expr e) => e is Convert conversion ? Unwrap(conversion.Operand) : e;

    private bool Carries(Expr e)
    {
        var reads = new HashSet<string>();
        ExprVisitor.DerivativeReads(e, reads);
        return reads.Overlaps(_varied);
    }

    private void Report(DiagnosticInfo diagnostic)
    {
        if (_reported.Add(diagnostic.Location))
        {
            _diagnostics.Add(diagnostic);
        }
    }
}
