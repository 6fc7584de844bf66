using System.Collections.Generic;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// State shared while one method's sweeps are built: names, activity, the adjoint of each active variable, and the
/// declarations the sweeps need at the top of the method (saved values, branch records, trip counts, stacks).
/// </summary>
internal sealed class SweepContext
{
    /// <summary>How many values a primal stack of an unmanaged type holds in its <c>stackalloc</c> buffer before it moves to an array.</summary>
    public const int InitialStackCapacity = 64;

    private readonly Dictionary<string, Var> _adjoints;
    private readonly Dictionary<string, string> _stacks = new();
    private readonly Dictionary<string, string> _pools = new();
    private readonly HashSet<string> _supplied;

    /// <param name="names">The method's names.</param>
    /// <param name="activity">Which variables are active.</param>
    /// <param name="adjoints">The adjoint of each active variable.</param>
    /// <param name="supplied">Adjoints the caller supplies (the pullback's gradient parameters): never null, never created here.</param>
    public SweepContext(Names names, Activity activity, Dictionary<string, Var> adjoints, IEnumerable<string> supplied)
    {
        Names = names;
        Activity = activity;
        _adjoints = adjoints;
        _supplied = new HashSet<string>(supplied);
    }

    public Names Names { get; }

    public Activity Activity { get; }

    /// <summary>Variables of the sweeps that live for the whole method: saved values, branch records, trip counts, stacks.</summary>
    public List<Declare> Declarations { get; } = new();

    /// <summary>Locals that only forward code the sweeps skip would assign (a deferred sum's call temporaries): not declared.</summary>
    public HashSet<string> SkippedLocals { get; } = new();

    /// <summary>The adjoint variable of an active variable.</summary>
    public Var Adjoint(string variable) => _adjoints[variable];

    /// <summary>Whether the adjoint is a parameter of the pullback (a caller's buffer or object, never null).</summary>
    public bool IsParameterAdjoint(Var adjoint) => _supplied.Contains(adjoint.Name);

    /// <summary>A method-level variable for the sweeps, starting at <paramref name="initial"/> (the type's default when null).</summary>
    public Var Declare(string prefix, TypeRef type, Expr? initial = null)
    {
        var variable = new Var(Names.Numbered(prefix), type);
        Declarations.Add(new Declare(variable.Name, type, initial ?? Literals.Default(type)));
        return variable;
    }

    /// <summary>The stack that saves values of <paramref name="type"/> inside loops (one per type, created on first use).</summary>
    public string Stack(TypeRef type)
    {
        if (!_stacks.TryGetValue(type.Name, out string? stack))
        {
            string shortName = type.Name.Substring(type.Name.LastIndexOf('.') + 1);
            string letters = new string(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(shortName, char.IsLetterOrDigit)));
            string preferred = "_" + char.ToLowerInvariant(letters[0]) + letters.Substring(1) + "Stack";
            stack = Names.Fresh(preferred);
            _stacks[type.Name] = stack;
            // Values of unmanaged types start on the method's stack frame (no pool access for a short tape).
            bool unmanaged = type.Kind is ValueKind.Floating or ValueKind.Integer or ValueKind.Boolean && !type.Generic;
            var stackType = new TypeRef("global::SourceAD.PrimalStack<" + type.Name + ">", ValueKind.Other);
            Expr initial = unmanaged ? new Literal("new(stackalloc " + type.Name + "[" + InitialStackCapacity + "])", null, stackType) : Literals.Default(stackType);
            Declarations.Add(new Declare(stack, stackType, initial));
        }
        return stack;
    }

    public IEnumerable<string> Stacks => _stacks.Values;

    /// <summary>
    /// The pool that gives the adjoints of differentiable objects of <paramref name="type"/> (one per type, entered at
    /// the top of the method and disposed with the stacks), so repeated calls reuse them instead of allocating.
    /// </summary>
    public string Pool(TypeRef type)
    {
        if (!_pools.TryGetValue(type.Name, out string? pool))
        {
            string shortName = type.Name.Substring(type.Name.LastIndexOf('.') + 1);
            pool = Names.Fresh("_" + char.ToLowerInvariant(shortName[0]) + shortName.Substring(1) + "Adjoints");
            _pools[type.Name] = pool;
            var poolType = new TypeRef("global::SourceAD.AdjointPool<" + type.Name + ">", ValueKind.Other);
            Declarations.Add(new Declare(pool, poolType, Calls.Static(poolType.Name + ".Enter", poolType)));
        }
        return pool;
    }

    /// <summary>The adjoint pools, disposed where the method returns.</summary>
    public IEnumerable<string> Pools => _pools.Values;
}
