using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Transforms;
using SourceAD.Generator.Transforms.Reverse;

namespace SourceAD.Generator.Emit;

/// <summary>
/// Differentiates one parsed method and writes its generated file: the <c>Backward</c> method (value and gradient)
/// and the <c>Pullback</c> method (forward sweep, then reverse sweep) it calls.
/// </summary>
internal static class MethodEmitter
{
    public static readonly string Version = typeof(MethodEmitter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Returns the generated source, or null when <paramref name="diagnostics"/> received errors.</summary>
    public static string? Emit(MethodModel method, List<DiagnosticInfo> diagnostics)
    {
        var userNames = method.Parameters.Select(p => p.Name)
            .Concat(method.Parameters.Select(p => "d" + p.Name))
            .Concat(method.Locals.Select(l => l.Name));
        var names = new Names(userNames);
        string seed = names.Fresh("dResult");
        var lowering = new ControlFlowLowering(names, method.ReturnType);
        Block body = lowering.Lower(method.Body);
        var locals = method.Locals.Concat(lowering.Synthetic).ToList();
        var facts = new VariableFacts(method.Parameters, locals, body);
        var inputs = method.Parameters.Where(p => p.Differentiable).Select(p => p.Name);
        Activity activity = Activity.Analyze(body, facts.Writes, inputs, lowering.Result.Name, diagnostics);
        BufferRules.Check(facts, activity, diagnostics);
        if (diagnostics.Count > 0)
        {
            return null;
        }

        var adjoints = new Dictionary<string, string>();
        foreach (string variable in facts.Writes.Select(a => a.Target).Concat(inputs).Distinct().Where(activity.IsActive))
        {
            adjoints[variable] = variable == lowering.Result.Name ? seed
                : facts.IsParameter(variable) && !facts.IsAssigned(variable) ? Names.Gradient(variable)
                : names.Fresh("_d_" + variable);
        }

        // Build the sweeps, see which primal values the reverse sweep reads, and build again saving exactly those (a
        // variable before it is overwritten, a buffer element before an element write) until nothing new is read:
        // restoring a buffer element reads its index, which may then need restoring in turn.
        var elision = SaveElision.Analyze(body);
        var saved = new HashSet<string>();
        SweepContext context;
        SweepBuilder.Sweeps sweeps;
        while (true)
        {
            context = new SweepContext(names.Clone(), activity, adjoints, method.Parameters.Where(p => p.Differentiable).Select(p => Names.Gradient(p.Name)));
            sweeps = new SweepBuilder(context, facts, saved, elision).Build(body, lowering.Result.Name);
            // The result is written at most once per run (nothing executes after a return), so it is never saved:
            // the reverse sweep then also leaves it holding the value the pullback returns.
            var reads = context.ReverseReads.Where(v => facts.IsPrimal(v) && v != lowering.Result.Name).ToList();
            var needed = new HashSet<string>(reads.Where(v => facts.HasElementWrites(v) || (facts.IsAssigned(v) && facts.MayBeReadBefore(v) && !facts.Type(v).IsBuffer)));
            if (needed.IsSubsetOf(saved))
            {
                BufferRules.CheckSavedSpans(reads.Where(v => facts.Type(v).IsSpan && facts.IsAssigned(v) && facts.MayBeReadBefore(v)), facts, diagnostics);
                break;
            }
            saved.UnionWith(needed);
        }
        if (diagnostics.Count > 0)
        {
            return null;
        }

        return SourceFile(method, Pullback(method, seed, locals, lowering.Result, adjoints, facts, context, sweeps));
    }

    private static CodeWriter Pullback(MethodModel method, string seed, List<LocalModel> locals, Var result, Dictionary<string, string> adjoints, VariableFacts facts, SweepContext context, SweepBuilder.Sweeps sweeps)
    {
        TypeRef type = method.ReturnType;
        var differentiable = method.Parameters.Where(p => p.Differentiable).ToList();
        var parameters = method.Parameters.Select(Declaration)
            .Concat(new[] { type.AdjointLocalName + " " + seed })
            .Concat(differentiable.Select(p => (p.Type.IsFloating ? "ref " : "") + p.Type.AdjointName + " " + Names.Gradient(p.Name)));

        var code = new CodeWriter();
        code.Line("/// <summary>");
        code.Line("/// Pullback of <c>" + method.Name + "</c>: computes its value and adds <c>" + seed + "</c> times its partial derivative");
        code.Line("/// with respect to each differentiable parameter to that parameter's adjoint.");
        code.Line("/// </summary>");
        code.Line(GeneratedCodeAttribute);
        code.Open(method.Accessibility + " static " + type.Name + " " + method.PullbackName + "(" + string.Join(", ", parameters) + ")");

        code.Line("// Primal variables");
        foreach (LocalModel local in locals.Where(l => !context.SkippedLocals.Contains(l.Name)))
        {
 code.Line(local.Type.Name + " " + Names.Escape(local.Name) + " = " + InitialValue(local.Type, BufferRules.IsStackAllocated(facts, local.Name)) + ";");
        }
        if (context.Declarations.Count > 0)
        {
            code.Line("// State the two sweeps share: saved values, branches taken, trip counts, sums of skipped calls");
            foreach ((TypeRef declType, string name, string initializer) in context.Declarations)
            {
                code.Line(declType.Name + " " + name + " = " + initializer + ";");
            }
        }
        var localAdjoints = adjoints.Where(a => a.Value != seed && a.Value != Names.Gradient(a.Key)).OrderBy(a => a.Value, System.StringComparer.Ordinal).ToList();
        if (localAdjoints.Count > 0)
        {
            code.Line("// Adjoints: the derivative of the result with respect to each active variable");
            foreach (KeyValuePair<string, string> adjoint in localAdjoints)
            {
                TypeRef adjointType = facts.Type(adjoint.Key);
                string initial = adjointType.IsBuffer ? InitialValue(adjointType, BufferRules.IsStackAllocated(facts, adjoint.Key)) : Literals.Zero(adjointType).Text;
                code.Line(adjointType.AdjointLocalName + " " + adjoint.Value + " = " + initial + ";");
            }
        }

        code.Line("");
        code.Line("// ── Forward sweep ──");
        code.Append(sweeps.Forward);
        code.Line("");
        code.Line("// ── Reverse sweep ──");
        if (type.IsObject)
        {
            // No adjoint given for an object-valued result: seed with ones (the gradient of the sum of its elements).
            code.Line(seed + " ??= " + type.Name + ".OnesLike(" + result.Name + ");");
        }
        code.Append(sweeps.Reverse);
        foreach (ParameterModel parameter in differentiable)
        {
            if (adjoints.TryGetValue(parameter.Name, out string? adjoint) && adjoint != Names.Gradient(parameter.Name))
            {
                code.Line(parameter.Type.IsObject
                    ? "if (" + adjoint + " is not null) " + Names.Gradient(parameter.Name) + ".Accumulate(" + adjoint + ");"
                    : Names.Gradient(parameter.Name) + " += " + adjoint + ";");
            }
        }
        foreach (string stack in context.Stacks)
        {
            code.Line(stack + ".Dispose();");
        }
        code.Line("return " + result.Name + ";");
        code.Close();
        return code;
    }

    /// <summary>
    /// A hoisted local's initial value. Spans that will hold stack memory start as an empty stackalloc, so the
    /// compiler lets them receive one later.
    /// </summary>
    private static string InitialValue(TypeRef type, bool stackAllocated) =>
        stackAllocated ? "stackalloc " + type.Element!.Name + "[0]" : type.Kind is ValueKind.Other or ValueKind.Object || (type.IsBuffer && !type.IsSpan) ? "default!" : "default";

    private static CodeWriter Backward(MethodModel method)
    {
        TypeRef type = method.ReturnType;
        var differentiable = method.Parameters.Where(p => p.Differentiable).ToList();
        var parameters = method.Parameters.Select(Declaration).Concat(differentiable.Select(p => (p.Type.IsFloating ? "out " : "") + p.Type.AdjointName + " " + Names.Gradient(p.Name)));
        var arguments = method.Parameters.Select(p => Names.Escape(p.Name))
            .Concat(new[] { type.IsObject ? "null" : Literals.One(type).Text })
            .Concat(differentiable.Select(p => (p.Type.IsFloating ? "ref " : "") + Names.Gradient(p.Name)));

        var code = new CodeWriter();
        code.Line("/// <summary>");
        code.Line("/// Computes <c>" + method.Name + "</c> and its gradient: returns the value and sets each <c>d</c>-prefixed");
        code.Line("/// <c>out</c> parameter to the partial derivative of the value with respect to the matching parameter.");
        code.Line("/// </summary>");
        code.Line(GeneratedCodeAttribute);
        code.Open(method.Accessibility + " static " + type.Name + " " + method.BackwardName + "(" + string.Join(", ", parameters) + ")");
        foreach (ParameterModel parameter in differentiable.Where(p => p.Type.IsBuffer))
        {
            string gradient = Names.Gradient(parameter.Name);
            string primal = Names.Escape(parameter.Name);
            if (!parameter.Type.IsSpan)
            {
                code.Line("global::System.ArgumentNullException.ThrowIfNull(" + primal + ");");
            }
            code.Open("if (" + gradient + ".Length != " + primal + ".Length)");
            code.Line("throw new global::System.ArgumentException($\"The gradient buffer must have the length of '" + parameter.Name + "' ({" + primal + ".Length}), but has length {" + gradient + ".Length}.\", nameof(" + gradient + "));");
            code.Close();
        }
        foreach (ParameterModel parameter in differentiable.Where(p => p.Type.IsObject))
        {
            code.Line("global::System.ArgumentNullException.ThrowIfNull(" + Names.Gradient(parameter.Name) + ");");
        }
        foreach (ParameterModel parameter in differentiable)
        {
            string gradient = Names.Gradient(parameter.Name);
            code.Line(parameter.Type switch
            {
                { IsFloating: true } => gradient + " = " + Literals.Zero(parameter.Type).Text + ";",
                { IsBuffer: true, Element.IsObject: true } => "foreach (" + parameter.Type.Element.Name + " element in " + gradient + ") element.Clear();",
                _ => gradient + ".Clear();",
            });
        }
        code.Line("return " + method.PullbackName + "(" + string.Join(", ", arguments) + ");");
        code.Close();
        return code;
    }

    private static string SourceFile(MethodModel method, CodeWriter pullback)
    {
        var file = new CodeWriter();
        file.Line("// <auto-generated/>");
        file.Line("// SourceAD " + Version + ": reverse-mode derivative of " + method.Name + ". Do not edit; change the [Differentiable] method instead.");
        file.Line("#nullable enable");
        file.Line("");
        if (method.Usings.Count > 0 && Analysis.Statements.Expressions(method.Body).Any(e => ContainsVerbatim(e.Expression)))
        {
            // The method's own using directives: code kept as the method wrote it binds as it did there.
            foreach (string directive in method.Usings)
            {
                file.Line(directive);
            }
            file.Line("");
        }
        if (method.Namespace is not null)
        {
            file.Open("namespace " + method.Namespace);
        }
        foreach (ContainerModel container in method.Containers)
        {
            file.Open(container.Declaration);
        }
        file.Append(Backward(method));
        file.Line("");
        file.Append(pullback);
        foreach (ContainerModel _ in method.Containers)
        {
            file.Close();
        }
        if (method.Namespace is not null)
        {
            file.Close();
        }
        return file.ToString();
    }

    private static bool ContainsVerbatim(Expr e) => e is Verbatim || ExprVisitor.Children(e).Any(ContainsVerbatim);

    private static string Declaration(ParameterModel parameter) =>
        (parameter.Modifier.Length > 0 ? parameter.Modifier + " " : "") + parameter.Type.Name + " " + Names.Escape(parameter.Name);

    private static string GeneratedCodeAttribute => "[global::System.CodeDom.Compiler.GeneratedCode(\"SourceAD\", \"" + Version + "\")]";
}
