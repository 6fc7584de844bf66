using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Aggregates;

/// <summary>
/// The signature layer (Model/Aggregates.cs): for each derivative of the flat method, the same derivative with the
/// user's types. A flat parameter named after a leaf (<c>p_X</c>, its gradient <c>dp_X</c>, its tangent <c>p_XDot</c>,
/// …) belongs to the aggregate's parameter of the same role (<c>p</c>, <c>dp</c>, <c>pDot</c>; <c>this</c>,
/// <c>dThis</c>, <c>thisDot</c> for the instance). The wrapper reads each leaf from its aggregate, calls the flat
/// derivative, and writes the leaves it received back: a struct gradient is <c>out T</c> (built from default) in
/// <c>Backward</c> and <c>ref T</c> (added to) elsewhere; a class gradient is caller-allocated and written member by
/// member; a tangent or a primal is read only.
/// </summary>
internal static partial class Reassembly
{
    /// <summary>The role of a flat parameter: which aggregate, how many <c>d</c>s and <c>Dot</c>s, and which leaf (null: the pass-through).</summary>
    private sealed record Role(AggregateParameter Of, int Adjoints, int Tangents, AggregateLeaf? Leaf)
    {
        public string Key => Of.Name + "/" + Adjoints + "/" + Tangents;
    }

    public static FunctionModel Wrap(MethodModel method, FunctionModel flat)
    {
        Dictionary<string, Role> roles = Roles(method);
        bool backward = flat.Name.EndsWith(DerivativeNames.Backward, System.StringComparison.Ordinal);
        string name = method.Name + flat.Name.Substring(method.FlatName.Length);
        var names = new Names(flat.Parameters.Select(p => p.Name).Concat(method.Declared.Select(p => p.Name)).Concat(new[] { "dThis", "thisDot", "dThisDot", "dResult", "resultDot" }));

        var parameters = new List<FunctionParameter>();
        var wrappers = new Dictionary<string, Var>();
        var prologue = new List<Stmt>();
        var epilogue = new List<Stmt>();
        var arguments = new List<Expr>();
        var kinds = new List<PassedBy>();
        var checkedPaths = new HashSet<string>();
        var cleanup = new List<Stmt>();
        var resultParts = new ResultParts(parameters, prologue, epilogue, cleanup, names);
        foreach (FunctionParameter parameter in flat.Parameters)
        {
            if (method.Result is { } structResult && ResultArgument(structResult, parameter, resultParts) is { } resultArgument)
            {
                arguments.Add(resultArgument);
                kinds.Add(PassedBy.Value);
                continue;
            }
            if (!roles.TryGetValue(parameter.Name, out Role? role))
            {
                parameters.Add(parameter);
                arguments.Add(new Var(parameter.Name, parameter.Type));
                kinds.Add(parameter.Kind);
                continue;
            }
            AggregateParameter of = role.Of;
            if (of.IsCollection)
            {
                var collection = new CollectionParts(parameters, wrappers, prologue, epilogue, cleanup, names, backward);
                arguments.Add(Collection(method, role, parameter, collection));
                kinds.Add(PassedBy.Value);
                continue;
            }
            var type = new TypeRef(of.Type.Name, ValueKind.Other, OtherHoldsState: true);
            if (!wrappers.TryGetValue(role.Key, out Var? wrapper))
            {
                PassedBy kind = Kind(role, flat, roles, backward);
                wrapper = new Var(Derived(of.Name, role.Adjoints, role.Tangents), type);
                wrappers[role.Key] = wrapper;
                if (!(of.IsInstance && role.Adjoints == 0 && role.Tangents == 0))
                {
                    parameters.Add(new FunctionParameter(wrapper.Name, type, kind, parameter.Differentiable, Doc(method, of, role, kind, flat, parameter)));
                }
                if (role.Adjoints > 0 && of.Type.IsClass)
                {
                    prologue.Add(new Evaluate(Calls.Static("global::System.ArgumentNullException.ThrowIfNull", Calls.Void, wrapper), ""));
                }
                if (kind == PassedBy.Out)
                {
                    epilogue.Add(new Assign(wrapper.Name, new Literal("default", null, type), ""));
                }
            }
            PassedBy wrapperKind = parameters.FirstOrDefault(p => p.Name == wrapper.Name)?.Kind ?? PassedBy.Value;
            Expr owner = of.IsInstance && role.Adjoints == 0 && role.Tangents == 0 ? new Literal("this", null, type) : wrapper;
            if (role.Leaf is not { } leaf)
            {
                arguments.Add(owner);
                kinds.Add(PassedBy.Value);
                continue;
            }
            if (role.Adjoints > 0)
            {
                prologue.AddRange(NestedChecks(wrapper, leaf, checkedPaths, of.Type.HelperName));
            }
            Expr read = Read(owner, leaf);
            bool storage = leaf.Type.IsBuffer || leaf.Type.IsObject;
            if (parameter.Kind == PassedBy.Value && !(storage && wrapperKind == PassedBy.Out && role.Adjoints > 0))
            {
                if (storage && role.Adjoints > 0)
                {
                    prologue.AddRange(StorageChecks(wrapper, leaf, Primal(method, of, leaf), of.Type.HelperName));
                }
                arguments.Add(read);
                kinds.Add(PassedBy.Value);
                continue;
            }
            // A leaf the flat derivative writes: through a local, written back after the call.
            var local = new Var(names.Fresh("_" + parameter.Name), storage ? parameter.Type with { Name = leaf.Type.Name } : leaf.Type);
            Expr initial = storage ? Allocate(leaf, Primal(method, of, leaf))
                : parameter.Kind == PassedBy.Out || wrapperKind == PassedBy.Out ? Literals.Zero(leaf.Type) : read;
            prologue.Add(new Declare(local.Name, local.Type, initial));
            arguments.Add(local);
            kinds.Add(parameter.Kind);
            epilogue.Add(new AssignMember(Target(wrapper, of.Type, leaf), local));
        }

        var call = new DerivativeCall(Generated(flat), EquatableArray<Mode>.Empty, arguments.ToEquatableArray(), kinds.ToEquatableArray(), flat.ReturnType);
        var statements = new List<Stmt>(prologue);
        Var? result = null;
        if (flat.ReturnType.IsVoid)
        {
            statements.Add(new Evaluate(call, ""));
        }
        else
        {
            result = new Var(names.Fresh("_value"), flat.ReturnType);
            statements.Add(new Declare(result.Name, result.Type, call));
        }
        if (epilogue.Count > 0)
        {
            statements.Add(new Comment(method.Result is null ? "The gradients' members, from the flat derivative's" : "The result's and the gradients' members, from the flat derivative's"));
            statements.AddRange(epilogue);
        }
        statements.AddRange(cleanup);
        result ??= resultParts.Value;
        statements.Add(new Return(result, ""));
        var summary = flat.Summary.Select(line => line.Replace(method.FlatName, method.Name)).ToEquatableArray();
        return new FunctionModel(name, flat.Accessibility, result?.Type ?? flat.ReturnType, parameters.ToEquatableArray(), Block.Of(statements), summary)
        {
            IsInstance = method.IsInstance,
            TypeParameters = flat.TypeParameters,
            Constraints = flat.Constraints,
        };
    }

    /// <summary>Every flat parameter name that belongs to an aggregate, with its role.</summary>
    private static Dictionary<string, Role> Roles(MethodModel method)
    {
        var roles = new Dictionary<string, Role>();
        foreach (AggregateParameter aggregate in method.Aggregates)
        {
            roles[aggregate.Name] = new Role(aggregate, 0, 0, null);
            for (int adjoints = 0; adjoints <= 2; adjoints++)
            {
                for (int tangents = 0; tangents <= 2; tangents++)
                {
                    foreach (AggregateLeaf leaf in aggregate.Leaves)
                    {
                        roles[new string('d', adjoints) + leaf.Name + string.Concat(Enumerable.Repeat("Dot", tangents))] = new Role(aggregate, adjoints, tangents, leaf);
                    }
                }
            }
        }
        return roles;
    }

    /// <summary>The wrapper parameter's name for a role: <c>dp</c>, <c>pDot</c>; <c>dThis</c>, <c>thisDot</c> for the instance.</summary>
    public static string Derived(string aggregate, int adjoints, int tangents)
    {
        string core = aggregate == AggregateParameter.This && adjoints > 0 ? "This" : aggregate;
        return new string('d', adjoints) + core + string.Concat(Enumerable.Repeat("Dot", tangents));
    }

    /// <summary>
    /// How the wrapper takes a role: a primal or tangent by value; a class gradient by value (caller-allocated); a
    /// struct gradient <c>out</c> in Backward (or where the flat one is out) and <c>ref</c> where it is added to.
    /// </summary>
    private static PassedBy Kind(Role role, FunctionModel flat, Dictionary<string, Role> roles, bool backward)
    {
        var group = flat.Parameters.Where(p => roles.TryGetValue(p.Name, out Role? r) && r.Key == role.Key && r.Leaf is not null).ToList();
        if (role.Adjoints == 0 && group.All(p => p.Kind == PassedBy.Value) || role.Of.Type.IsClass)
        {
            return PassedBy.Value;
        }
        if (group.Any(p => p.Kind == PassedBy.Ref))
        {
            return PassedBy.Ref;
        }
        return group.Any(p => p.Kind == PassedBy.Out) || backward ? PassedBy.Out : PassedBy.Ref;
    }

    /// <summary><c>owner.A.X</c>.</summary>
    private static Expr Read(Expr owner, AggregateLeaf leaf)
    {
        Expr value = owner;
        foreach (AggregateMember member in leaf.Path)
        {
            value = new MemberRead(value, member.Name, member.Nested is { } nested ? new TypeRef(nested.Name, ValueKind.Other, OtherHoldsState: true) : member.Type);
        }
        return value;
    }

    /// <summary>The leaf of the primal aggregate: its shape is the gradient's.</summary>
    private static Expr Primal(MethodModel method, AggregateParameter of, AggregateLeaf leaf) =>
        Read(of.IsInstance ? new Literal("this", null, new TypeRef(of.Type.Name, ValueKind.Other, OtherHoldsState: true)) : new Var(of.Name, new TypeRef(of.Type.Name, ValueKind.Other, OtherHoldsState: true)), leaf);

    /// <summary>
    /// The storage of a leaf for writing: <c>owner.A.X</c>, through the type's accessor where C# cannot assign it (a
    /// readonly or init-only member, or a struct reached through a property).
    /// </summary>
    private static MemberRef Target(Expr owner, AggregateType root, AggregateLeaf leaf)
    {
        Expr current = owner;
        AggregateType type = root;
        MemberRef? target = null;
        for (int i = 0; i < leaf.Path.Count; i++)
        {
            AggregateMember member = leaf.Path[i];
            bool last = i == leaf.Path.Count - 1;
            bool structValued = member.Nested is { IsClass: false };
            bool accessor = member.Write == MemberWrite.Storage && (last || structValued) || (!last && structValued && member.IsProperty);
            target = new MemberRef(current, member, accessor ? type.Accessor(member) : null, type.IsClass);
            current = target;
            if (member.Nested is { } nested)
            {
                type = nested;
            }
        }
        return target!;
    }

    /// <summary>The storage a Backward allocates for a struct's buffer or object leaf, of the primal's shape.</summary>
    private static Expr Allocate(AggregateLeaf leaf, Expr primal) => leaf.Type.IsBuffer
        ? new NewBuffer(new MemberRead(primal, "Length", TypeRef.Int), false, leaf.Type)
        : Calls.Static(leaf.Type.Name + ".ZerosLike", leaf.Type, primal);

    /// <summary>A gradient's buffer or object member must exist (and a buffer have the primal's length).</summary>
    private static IEnumerable<Stmt> StorageChecks(Var wrapper, AggregateLeaf leaf, Expr primal, string helpers)
    {
        Expr member = Read(wrapper, leaf);
        string what = "'" + wrapper.Name + "." + leaf.Dotted + "'";
        yield return new If(new Binary(BinaryOp.Equal, member, Literals.Null(member.Type), TypeRef.Bool),
            Block.Of(new Throw(Argument("The gradient member " + what + " is null; allocate the gradient with " + helpers + ".ZerosLike", wrapper), "")), Block.Empty, "");
        if (leaf.Type.IsBuffer)
        {
            Expr length = new MemberRead(member, "Length", TypeRef.Int), expected = new MemberRead(primal, "Length", TypeRef.Int);
            yield return new If(Sym.Compare(BinaryOp.NotEqual, length, expected),
                Block.Of(new Throw(Argument("The gradient member " + what + " must have the length of the value's", wrapper), "")), Block.Empty, "");
        }
    }

    /// <summary>A gradient's nested class members on the way to a leaf must exist (each checked once).</summary>
    private static IEnumerable<Stmt> NestedChecks(Var wrapper, AggregateLeaf leaf, HashSet<string> done, string helpers)
    {
        for (int i = 0; i < leaf.Path.Count - 1; i++)
        {
            if (leaf.Path[i].Nested is not { IsClass: true })
            {
                continue;
            }
            var prefix = new AggregateLeaf(leaf.Path.Take(i + 1).ToEquatableArray(), "");
            if (done.Add(wrapper.Name + "." + prefix.Dotted))
            {
                Expr member = Read(wrapper, prefix);
                yield return new If(new Binary(BinaryOp.Equal, member, Literals.Null(member.Type), TypeRef.Bool),
                    Block.Of(new Throw(Argument("The gradient member '" + wrapper.Name + "." + prefix.Dotted + "' is null; allocate the gradient with " + helpers + ".ZerosLike", wrapper), "")), Block.Empty, "");
            }
        }
    }

    private static New Argument(string message, Var parameter) => new(
        EquatableArray.Of<Expr>(new Literal(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(message, quote: true), null, new TypeRef("string", ValueKind.Other)),
            new Verbatim(EquatableArray.Of("nameof(", ")"), EquatableArray.Of<Expr>(parameter), new TypeRef("string", ValueKind.Other), null, "", null)),
        new TypeRef("global::System.ArgumentException", ValueKind.Other, OtherHoldsState: true), Opaque.Generated);

    /// <summary>The flat derivative as a callee, called by its full name from its own type.</summary>
    private static Callee Generated(FunctionModel flat) => new(
        "", flat.Name, flat.Name,
        flat.Parameters.Select(p => p.Name).ToEquatableArray(),
        flat.Parameters.Select(p => p.Differentiable).ToEquatableArray(),
        flat.Parameters.Select(p => p.Type).ToEquatableArray(),
        flat.ReturnType, flat.Name, TakesResult: false, IsRule: false, Operator: null);

    private static string Doc(MethodModel method, AggregateParameter of, Role role, PassedBy kind, FunctionModel flat, FunctionParameter first)
    {
        string name = "<c>" + (of.IsInstance ? "this" : of.Name) + "</c>";
        string type = "<c>" + of.Type.Display + "</c>";
        if (role.Adjoints == 0)
        {
            return role.Tangents == 0 ? "the input " + name + " of <c>" + method.Name + "</c>, a " + type + "; the derivatives are taken with respect to its differentiable members"
                : "the tangent of " + name + ": a " + type + " whose differentiable members hold its component of the direction";
        }
        bool added = first.Doc.Contains("added");
        string what = role.Tangents > 0 ? "the tangent of the adjoint of " + name : (added ? "the adjoint of " : "receives the gradient with respect to ") + name;
        return kind switch
        {
            PassedBy.Out => what + ": a " + type + " whose differentiable members hold the partial derivatives (its other members default)",
            PassedBy.Ref => what + ": a " + type + " to whose differentiable members the partial derivatives times the seed are added",
            _ => what + ": a caller-allocated " + type + " (see <c>" + of.Type.HelperName + ".ZerosLike</c>) whose differentiable members are " + (added ? "added to" : "overwritten"),
        };
    }
}
