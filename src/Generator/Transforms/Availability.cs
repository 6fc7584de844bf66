using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>A derivative method a generated function calls.</summary>
/// <param name="Function">The calling function (<c>FTangent</c>, say).</param>
/// <param name="Callee">The generated file of the method whose derivative is called (<see cref="MethodModel.HintName"/>).</param>
/// <param name="Name">The called derivative's name (<c>GTangent</c>).</param>
/// <param name="Display">The called derivative as the call prints it, for messages.</param>
/// <param name="Method">The name of the method it is a derivative of.</param>
/// <param name="Beyond">Whether the derivative is of an order SourceAD never generates (third derivatives and beyond).</param>
/// <param name="Choice">Which body of the calling function calls it (<see cref="FunctionModel.Choices"/>: 0 its own, 1 its fallback's, …).</param>
internal sealed record Requirement(string Function, string Callee, string Name, string Display, string Method, LocationInfo? Location, bool Beyond = false, int Choice = 0)
{
    /// <summary>What <paramref name="call"/>, in <paramref name="function"/> of <paramref name="method"/>, requires.</summary>
    public static Requirement Of(FunctionModel function, DerivativeCall call, MethodModel method) =>
        new(function.Name, call.Callee.Origin ?? "", DerivativeNames.Of(call.Callee.Name, call.Modes.ToList()), DerivativeNames.Of(call.Callee, call.Modes.ToList()),
            call.Callee.Name, call.Location ?? method.Location, Beyond: call.Modes.Count > 2);
}

/// <summary>A function a method's generated file provides, and how many fallbacks it has (<see cref="FunctionModel.Fallback"/>).</summary>
internal sealed record Provided(string Function, int Fallbacks);

/// <summary>What one method's generated file provides (its functions) and which derivatives those call.</summary>
/// <param name="Generated">False when the method's errors failed it: nothing is known about what it would provide.</param>
internal sealed record VariantSummary(string HintName, bool Generated, EquatableArray<Provided> Provides, EquatableArray<Requirement> Requires);

/// <summary>
/// A generated function left out, or generated with one of its fallbacks instead of its own body, because a
/// derivative it calls is not generated (<paramref name="Missing"/>: the last such call found).
/// </summary>
/// <param name="Instead">The choice it is generated with (<see cref="FunctionModel.Choice"/>), or null when it is left out.</param>
internal sealed record Unavailable(string HintName, string Function, Requirement Missing, int? Instead = null);

/// <summary>
/// The calls in each function's body (derivative calls and calls without a derivative), one list per expression the
/// body evaluates, each in pre-order: found once per function, read by every availability check.
/// </summary>
internal sealed class CallSites
{
    private readonly Dictionary<FunctionModel, List<List<Expr>>> _calls = new(ReferenceComparer<FunctionModel>.Instance);

    public List<List<Expr>> Of(FunctionModel function)
    {
        if (!_calls.TryGetValue(function, out List<List<Expr>>? calls))
        {
            calls = Statements.Expressions(function.Body)
                .Select(e => ExprVisitor.Descendants(e.Expression).Where(x => x is DerivativeCall or OpaqueCall).ToList()).ToList();
            _calls[function] = calls;
        }
        return calls;
    }
}

/// <summary>
/// Which generated functions can exist, across the compilation. Each method is differentiated alone, so a derivative
/// of it may call a derivative of another method that turns out not to be generated (a <c>Tangent</c> of a method
/// whose callee has no forward-mode rule, a third derivative a nested call would need). This step finds those
/// functions, and the functions that call them in turn, to a fixed point, so that the emitter leaves them out with
/// SAD0020 saying which call is missing, instead of emitting code that does not compile. A function with a fallback
/// (<see cref="FunctionModel.Fallback"/>) falls back to it instead of being left out, and is checked again with the
/// fallback's calls: the Jacobian takes one <c>FTangent</c> per column when <c>FTangents</c> is left out.
/// </summary>
internal static class Availability
{
    /// <summary>
    /// The derivative methods <paramref name="functions"/> call, of methods of this compilation: through derivative
    /// calls, and by name among themselves (the dense Hessian calls the Hessian–vector product); a fallback's calls
    /// are required for its choice only.
    /// </summary>
    public static EquatableArray<Requirement> Requirements(MethodModel method, IReadOnlyList<FunctionModel> functions, CallSites sites)
    {
        var siblings = new HashSet<string>(functions.Select(f => f.Name));
        var requirements = new List<Requirement>();
        foreach ((FunctionModel function, int choice) in functions.SelectMany(f => f.Choices().Select((body, choice) => (body, choice))))
        {
            foreach (List<Expr> calls in sites.Of(function))
            {
                requirements.AddRange(calls.OfType<DerivativeCall>().Where(call => call.Callee.Origin is not null).Select(call => Requirement.Of(function, call, method) with { Choice = choice }));
                requirements.AddRange(calls.OfType<OpaqueCall>().Where(c => c.Receiver is null && c.Name != function.Name && siblings.Contains(c.Name))
                    .Select(c => new Requirement(function.Name, method.HintName, c.Name, c.Name, method.Name, method.Location, Choice: choice)));
            }
        }
        return requirements.Distinct().ToEquatableArray();
    }

    /// <summary>
    /// <paramref name="functions"/> as they can be generated, given what other assemblies generated: a function that
    /// calls a derivative another assembly did not generate (a method of a library built with SourceAD that lacks that
    /// variant), or a function of this method left out for that reason, falls back if it can and is left out
    /// otherwise, with the call it misses in <paramref name="leftOut"/>.
    /// </summary>
    public static List<FunctionModel> InReferences(MethodModel method, IReadOnlyList<FunctionModel> functions, CallSites sites, out List<(string Function, Requirement Missing)> leftOut)
    {
        leftOut = new List<(string, Requirement)>();
        var current = functions.ToList<FunctionModel?>();
        var provided = new HashSet<string>(functions.Select(f => f.Name));
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < current.Count; i++)
            {
                if (current[i] is not FunctionModel function)
                {
                    continue;
                }
                DerivativeCall? call = sites.Of(function).SelectMany(calls => calls.OfType<DerivativeCall>())
                    .FirstOrDefault(c => Lacks(c) || c.Callee.Origin == method.HintName && !provided.Contains(DerivativeNames.Of(c.Callee.Name, c.Modes.ToList())));
                if (call is null)
                {
                    continue;
                }
                if (function.Fallback is null)
                {
                    provided.Remove(function.Name);
                    leftOut.Add((function.Name, Requirement.Of(function, call, method)));
                }
                current[i] = function.Fallback is null ? null : function.Choice(1);
                changed = true;
            }
        }
        return current.OfType<FunctionModel>().ToList();
    }

    private static bool Lacks(DerivativeCall call) =>
        call.Callee is { Origin: null, IsRule: false, Variants: { } variants } && !variants.Contains(DerivativeNames.Of("", call.Modes.ToList()));

    /// <summary>Every function that calls a derivative that is not generated, directly or through other functions.</summary>
    public static EquatableArray<Unavailable> Solve(ImmutableArray<VariantSummary> summaries)
    {
        var byFile = new Dictionary<string, VariantSummary>();
        foreach (VariantSummary summary in summaries)
        {
            byFile[summary.HintName] = summary;
        }
        // A function is provided while it has a choice left: the value is the one in use.
        var fallbacks = new Dictionary<(string File, string Function), int>();
        var choice = new Dictionary<(string File, string Function), int>();
        foreach (VariantSummary summary in summaries)
        {
            foreach (Provided function in summary.Provides)
            {
                fallbacks[(summary.HintName, function.Function)] = function.Fallbacks;
                choice[(summary.HintName, function.Function)] = 0;
            }
        }
        var missing = new Dictionary<(string File, string Function), Requirement>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (VariantSummary summary in summaries.Where(s => s.Generated))
            {
                foreach (Requirement requirement in summary.Requires)
                {
                    // A callee whose own errors failed it is reported there; its callers are left as they are.
                    bool knowable = byFile.TryGetValue(requirement.Callee, out VariantSummary? callee) && callee.Generated;
                    var function = (summary.HintName, requirement.Function);
                    if (knowable && choice.TryGetValue(function, out int used) && used == requirement.Choice && !choice.ContainsKey((requirement.Callee, requirement.Name)))
                    {
                        if (used < fallbacks[function])
                        {
                            choice[function] = used + 1;
                        }
                        else
                        {
                            choice.Remove(function);
                        }
                        missing[function] = requirement;
                        changed = true;
                    }
                }
            }
        }
        var unavailable = missing.Select(m => new Unavailable(m.Key.File, m.Key.Function, m.Value, choice.TryGetValue(m.Key, out int instead) ? instead : null));
        return unavailable.OrderBy(u => u.HintName, System.StringComparer.Ordinal).ThenBy(u => u.Function, System.StringComparer.Ordinal).ToEquatableArray();
    }
}
