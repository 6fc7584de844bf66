using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Forward;

/// <summary>
/// Forward mode, statement by statement: every write of an active variable gets the write of its tangent beside it
/// (before it when the value reads the variable's old value, after it otherwise, so a rule can read the value just
/// computed), control flow stays as it is, and a call to a method with a derivative becomes a call to its tangent,
/// which returns the value and writes the tangent. Statements the reverse transform generates are accepted too: a
/// value pushed on an active stack is pushed with its tangent, and popped with it; a call to a pullback becomes a
/// call to the pullback's tangent. That is what makes forward over reverse a composition. In vector forward mode
/// (<see cref="ExpressionTangent.Lanes"/>) the same sweep carries a bundle of tangents per value and calls the
/// callees' <c>…Tangents</c>; what it does not take (stacks, nested derivative calls) is reported in
/// <see cref="Unsupported"/>.
/// </summary>
internal sealed partial class TangentSweep
{
    private readonly ExpressionTangent _tangent;
    private readonly Names _names;

    public TangentSweep(ExpressionTangent tangent, Names names)
    {
        _tangent = tangent;
        _names = names;
    }

    /// <summary>Why the tangent cannot be built, if it cannot (a call with no forward-mode derivative).</summary>
    public List<string> Unsupported { get; } = new();

    public Block Transform(Block block) => Block.Of(block.Statements.SelectMany(Transform));

    private IEnumerable<Stmt> Transform(Stmt statement)
    {
        switch (statement)
        {
            case Assign assign when _tangent.Has(assign.Target) && IsZerosLike(assign.Value):
                return ZerosBeside(assign);
            case Assign assign when _tangent.Has(assign.Target):
                return TransformAssign(assign);
            case Declare { Type.IsStack: true } stack:
                return new[] { stack }; // an active stack takes each tangent right after its value
            case Declare declare when _tangent.Has(declare.Name):
                return TransformWrite(new Var(declare.Name, declare.Type), declare.Initial, declare);
            case AssignElement element when _tangent.Has(element.Target):
                return Described(element.Source, TransformElement(element), 0);
            case Assign { Value: Pop } or Push when _tangent.Lanes:
                return NotInLanes(statement, "it saves values on a stack (the pullback of a loop)");
            case Assign { Value: Pop pop } assign when IsActiveStack(pop.Stack):
                return new Stmt[] { new Evaluate(pop, ""), assign };
            case Declare { Initial: Pop pop } declare when IsActiveStack(pop.Stack):
                // A value off an active stack into a local without a tangent (a saved operand the reverse step reads):
                // its tangent was pushed after it, so it comes off first, unused.
                return new Stmt[] { new Evaluate(pop, ""), declare };
            case Push push when IsActiveStack(push.Stack):
                return new Stmt[] { push, new Push(push.Stack, OnStack(_tangent.Of(push.Value))) };
            case Evaluate { Value: DerivativeCall call } evaluate:
                return Call(call, result: null, evaluate);
            case Evaluate { Value: DiffCall { Callee.HasOutputs: true } call } evaluate when WritesTangents(call):
                return Described(evaluate.Source, Call(call, result: null, evaluate), -1);
            case Assign { Value: DiffCall { Callee.HasOutputs: true } call } assign when WritesTangents(call):
                return Described(assign.Source, Call(call, result: new Var(assign.Target, assign.Value.Type), assign), -1);
            case Evaluate { Value: OpaqueCall { Name: "Accumulate", Receiver: Var target, Args: [var adjoint] } } accumulate when !_tangent.Lanes && _tangent.Has(target.Name) && target.Type.IsObject:
                return AccumulatedTangent(accumulate, _tangent.Of(target), adjoint);
            case Evaluate { Value: OpaqueCall { Name: "Accumulate", Receiver: ElementRead { Array: Var array } element, Args: [var adjoint] } } accumulate when !_tangent.Lanes && _tangent.Has(array.Name):
                return AccumulatedElementTangent(accumulate, element with { Array = _tangent.Of(array), Type = _tangent.TypeOf(element.Type) }, adjoint);
            case Evaluate { Value: OpaqueCall { Name: "Clear", Receiver: Var cleared, Args.Count: 0 } } clear when _tangent.Has(cleared.Name):
                // A reverse sweep resetting a buffer's adjoint (after a vector-valued call): its tangent is reset with it.
                return new[] { clear, new Evaluate(Calls.Method(_tangent.Of(cleared), "Clear", Calls.Void), "") };
            case Evaluate { Value: OpaqueCall { Name: "CopyTo", Receiver: { } from, Args: [Var to] } } copy when _tangent.Has(to.Name):
                // A pullback taking the caller's output adjoint (dy.CopyTo(_d_y)): the adjoint's tangent comes with it.
                return new[] { copy, CopiedTangent(from, _tangent.Of(to)) };
            case If { Source: "", Condition: Binary { Op: BinaryOp.NotEqual, Left: var adjoint, Right: Literal { Value: 0.0 } } } guard when !_tangent.Lanes && _tangent.IsActive(adjoint):
                // A reverse sweep skipping a zero adjoint: its tangent need not be zero (at a stationary point, say).
                Expr moving = Sym.Compare(BinaryOp.NotEqual, _tangent.Of(adjoint), Literals.Zero(adjoint.Type));
                return new[] { guard with { Condition = new Binary(BinaryOp.Or, guard.Condition, moving, TypeRef.Bool), Then = Transform(guard.Then), Else = Transform(guard.Else) } };
            case If branch:
                return new[] { branch with { Then = Transform(branch.Then), Else = Transform(branch.Else) } };
            case Loop loop:
                return new[] { loop with { Body = Transform(loop.Body), Step = Transform(loop.Step) } };
            case Group group:
                return new[] { group with { Body = Transform(group.Body) } };
            default:
                return new[] { statement }; // a write whose target the result does not depend on, or no write at all
        }
    }

    // Out of Transform(Stmt): its lambda captures the statement, and would allocate a closure for every statement transformed.
    private IEnumerable<Stmt> TransformAssign(Assign assign)
    {
        List<Stmt> written = TransformWrite(new Var(assign.Target, assign.Value.Type), assign.Value, declare: null);
        return Described(assign.Source, written, written.FindIndex(s => s is Assign a && a.Target == _tangent.Of(new Var(assign.Target, assign.Value.Type)).Name));
    }

    /// <summary>The tangent of <c>from.CopyTo(to)</c> into <paramref name="tangent"/>: from's tangent, or zeros when it has none.</summary>
    private Stmt CopiedTangent(Expr from, Var tangent)
    {
        Expr source = from is OpaqueCall { Name: "global::System.MemoryExtensions.AsSpan", Args: [var array] } ? array : from;
        return source is Var v && _tangent.Has(v.Name)
            ? new Evaluate(Calls.CopyTo(_tangent.Of(v), tangent), "")
            : new Evaluate(Calls.Method(tangent, "Clear", Calls.Void), "");
    }

    /// <summary>Whether a call to a vector-valued method writes an [Output] buffer that has a tangent.</summary>
    private bool WritesTangents(DiffCall call) =>
        call.Args.Where((_, i) => call.Callee.IsOutput(i)).Any(a => a is Var v && _tangent.Has(v.Name));

    /// <summary>
    /// A tangent to push on the stack of its values: an object's tangent may be null (zero), and the stack of objects
    /// holds it as it is (<c>hDot!</c>; the pop gives null back).
    /// </summary>
    private static Expr OnStack(Expr tangent) => !tangent.Type.IsObject ? tangent
        : new Verbatim(EquatableArray.Of("", "!"), EquatableArray.Of(tangent), tangent.Type, Opaque.Generated, "", null);

    /// <summary>A statement vector forward mode does not take: kept as it is, with the reason recorded.</summary>
    private Stmt[] NotInLanes(Stmt statement, string why)
    {
        Unsupported.Add("vector forward mode does not take this method: " + why + "; its Jacobian uses one Tangent per column");
        return new[] { statement };
    }

    /// <summary>A statement of the method with its tangent: under a comment that quotes it and states the tangent.</summary>
    private static IEnumerable<Stmt> Described(string source, List<Stmt> statements, int tangent) =>
        source.Length == 0 ? statements : new[] { new Group(source, Block.Of(statements), tangent) };

    private bool IsActiveStack(string stack) => _tangent.Has(stack);

    /// <summary><c>v = e</c> (or its declaration) for an active v: the value and its tangent.</summary>
    private List<Stmt> TransformWrite(Var target, Expr value, Declare? declare)
    {
        Var tangent = _tangent.Of(target);
        Stmt Write(Var v, Expr e) => declare is null ? new Assign(v.Name, e, "") : new Declare(v.Name, v.Type, e);
        switch (value)
        {
            case DiffCall or DerivativeCall:
                return Call(value, target, declare ?? (Stmt)new Assign(target.Name, value, ""));
            case Pop when _tangent.Lanes:
                return NotInLanes(declare ?? (Stmt)new Assign(target.Name, value, ""), "it saves values on a stack (the pullback of a loop)").ToList();
            case Pop pop when IsActiveStack(pop.Stack):
                // The tangent was pushed after the value, so it comes off first.
                return new List<Stmt> { Write(tangent, new Pop(pop.Stack, tangent.Type)), Write(target, value) };
            case Pop:
                // A stack that holds no active value had no tangents pushed: the value comes back with a zero tangent.
                return new List<Stmt> { Write(target, value), Write(tangent, Literals.Zero(tangent.Type)) };
            case NewBuffer allocation:
                return new List<Stmt> { Write(target, value), Write(tangent, allocation with { Length = new MemberRead(target, "Length", TypeRef.Int), Type = ArrayOf(tangent.Type.Element!) }) };
        }
        if (declare is not null && !_tangent.IsActive(value))
        {
            // A buffer that is active only through what is written into it later (a scratch adjoint, say): zeros of its length.
            // A buffer declared before its allocation starts like it (stackalloc[0], or default), and is allocated beside it.
            Expr zero = !target.Type.IsBuffer ? Literals.Zero(tangent.Type)
                : value is Literal { Text: var text } ? (text.StartsWith("stackalloc", System.StringComparison.Ordinal) ? BufferRules.InitialValue(tangent.Type, stackAllocated: true) : Literals.Default(tangent.Type))
                : new NewBuffer(new MemberRead(target, "Length", TypeRef.Int), StackAlloc: false, ArrayOf(tangent.Type.Element!));
            return new List<Stmt> { Write(target, value), Write(tangent, zero) };
        }
        bool readsItself = ExprVisitor.Reads(value, target.Name);
        if (readsItself && _tangent.Of(value) == tangent && declare is null)
        {
            return new List<Stmt> { Write(target, value) }; // v = v + c: the tangent stays as it is
        }
        return readsItself
            ? new List<Stmt> { Write(tangent, _tangent.Of(value)), Write(target, value) }
            : new List<Stmt> { Write(target, value), Write(tangent, _tangent.Of(value, target)) };
    }

    /// <summary>The array type of elements of type <paramref name="element"/>.</summary>
    private static TypeRef ArrayOf(TypeRef element) => new(element.Name + "[]", ValueKind.Buffer, element);

    private List<Stmt> TransformElement(AssignElement element)
    {
        Var tangent = _tangent.Of(new Var(element.Target, element.Value.Type));
        Expr value = element.Value is not Pop pop ? _tangent.Of(element.Value)
            : IsActiveStack(pop.Stack) ? new Pop(pop.Stack, element.Value.Type) : Literals.Zero(_tangent.TypeOf(element.Value.Type));
        return new List<Stmt> { new AssignElement(tangent.Name, element.Index, value, ""), element };
    }

    /// <summary>
    /// A call to a method with a derivative, as a call to its tangent: the arguments, one tangent per differentiable
    /// parameter (a zero buffer for an inactive buffer), and <c>out</c> the result's tangent, which returns the value.
    /// </summary>
    private List<Stmt> Call(Expr call, Var? result, Stmt? original)
    {
        Callee callee;
        IReadOnlyList<Mode> modes;
        IReadOnlyList<Expr> args;
        IReadOnlyList<PassedBy> kinds;
        switch (call)
        {
            case DiffCall d:
                (callee, modes, args, kinds) = (d.Callee, new Mode[0], d.Args, d.Args.Select(_ => PassedBy.Value).ToList());
                break;
            case DerivativeCall d:
                (callee, modes, args, kinds) = (d.Callee, d.Modes.ToList(), d.Args, d.Kinds.ToList());
                break;
            default:
                throw new System.InvalidOperationException();
        }
        var statements = new List<Stmt>();
        if (_tangent.Lanes && modes.Count > 0)
        {
            return NotInLanes(original ?? new Evaluate(call, ""), "it calls a generated derivative ('" + DerivativeNames.Of(callee.Name, modes) + "')").ToList();
        }
        if (_tangent.Lanes && !callee.IsRule && callee.CallName != callee.Name)
        {
            // A generic method has no Tangents: a bundle of lanes needs its element type to be a known struct.
            return NotInLanes(original ?? new Evaluate(call, ""), "it calls the generic method '" + callee.CallName + "', which has no Tangents").ToList();
        }
        // A scalar G's tangent of a tangent comes from its pullback tangent; a vector-valued G's is its TangentTangent.
        if (!callee.IsRule && modes.Count == 1 && modes[0] == Mode.Forward && !callee.HasOutputs)
        {
            return TangentOfTangent((DerivativeCall)call, result, statements);
        }
        // A rule's pullback, forward (forward over reverse): its second-order rule.
        if (callee.IsRule && modes.Count == 1 && modes[0] == Mode.Reverse && callee.PullbackTangent is not null && !_tangent.Lanes)
        {
            return RuleSecondOrder((DerivativeCall)call, statements);
        }
        // A rule's own tangent ([TangentOf]) takes one direction: vector mode derives its bundles from the pullback instead.
        bool ownTangent = callee.Tangent is not null && modes.Count == 0 && !_tangent.Lanes;
        if (callee.IsRule && !ownTangent)
        {
            if (modes.Count == 0 && call is DiffCall ruleCall && RuleTangent(ruleCall, result, original, statements))
            {
                return statements;
            }
            Unsupported.Add(modes.Count > 0
                ? "the derivative of '" + callee.Name + "' it calls is a hand-written rule, and '" + callee.Pullback.Substring(callee.Pullback.LastIndexOf('.') + 1)
                    + "' has no second-order rule of its own ([TangentOf(nameof(" + callee.Pullback.Substring(callee.Pullback.LastIndexOf('.') + 1) + "))], its tangent)"
                : "'" + callee.Name + "' has a pullback ([DerivativeOf]) but no tangent ([TangentOf]); SourceAD derives one from the pullback only for functions of double/float values and buffers that return a double or float");
            return new List<Stmt> { original ?? new Evaluate(call, "") };
        }
        List<DifferentiandParameter> parameters = Signatures.Of(callee, modes);
        var tangentArgs = new List<Expr>();
        var tangentKinds = new List<PassedBy>();
        var cleanup = new List<Stmt>();
        // In the order Signatures.Tangent declares them: the inputs' tangents, then those of what the callee writes.
        var differentiable = Enumerable.Range(0, parameters.Count).Where(i => parameters[i].Differentiable).ToList();
        foreach (int i in differentiable.Where(i => parameters[i].IsInput).Concat(differentiable.Where(i => !parameters[i].IsInput)))
        {
            DifferentiandParameter parameter = parameters[i];
            tangentArgs.Add(TangentArgument(args[i], parameter, statements, cleanup));
            tangentKinds.Add(parameter.Kind is PassedBy.Ref or PassedBy.Out ? parameter.Kind : PassedBy.Value);
        }
        if (callee.ReturnType.IsDifferentiable)
        {
            Var resultTangent = result is not null && _tangent.Has(result.Name) ? _tangent.Of(result) : Discard(_tangent.TypeOf(callee.ReturnType), statements);
            tangentArgs.Add(resultTangent);
            tangentKinds.Add(PassedBy.Out);
        }
        var tangentCall = new DerivativeCall(callee, modes.Append(_tangent.Lanes ? Mode.ForwardVector : Mode.Forward).ToEquatableArray(),
            args.Concat(tangentArgs).ToEquatableArray(), kinds.Concat(tangentKinds).ToEquatableArray(), call.Type)
        {
            Location = (call as DerivativeCall)?.Location,
        };
        statements.Add(result is null ? new Evaluate(tangentCall, "")
            : original is Declare ? new Declare(result.Name, result.Type, tangentCall) : new Assign(result.Name, tangentCall, ""));
        statements.AddRange(cleanup);
        return statements;
    }

    /// <summary>
    /// The tangent of a call to a rule with only a pullback, for a scalar result: the pullback with <c>dResult = 1</c>
    /// gives the gradient g, and the tangent is g · (the arguments' tangents). False when the rule's types do not allow it.
    /// </summary>
    private bool RuleTangent(DiffCall call, Var? result, Stmt? original, List<Stmt> statements)
    {
        Callee callee = call.Callee;
        bool scalar = callee.ReturnType.IsFloating && callee.ParameterTypes.Where((_, i) => callee.Differentiable[i])
            .All(t => t.IsFloating || t is { IsBuffer: true, Element.IsFloating: true });
        if (!scalar)
        {
            return false;
        }
        statements.Add(original ?? new Evaluate(call, ""));
        if (result is null || !_tangent.Has(result.Name))
        {
            return true;
        }
        var args = call.Args.ToList();
        if (callee.TakesResult)
        {
            args.Add(result);
        }
        args.Add(Literals.One(callee.ReturnType));
        var kinds = args.Select(_ => PassedBy.Value).ToList();
        var cleanup = new List<Stmt>();
        Expr tangent = Literals.Zero(_tangent.TypeOf(callee.ReturnType));
        for (int i = 0; i < call.Args.Count; i++)
        {
            if (!callee.Differentiable[i])
            {
                continue;
            }
            Expr argument = call.Args[i];
            if (argument.Type.IsFloating)
            {
                var partial = new Var(_names.Numbered("_partial"), argument.Type);
                statements.Add(new Declare(partial.Name, partial.Type, Literals.Zero(partial.Type)));
                args.Add(partial);
                kinds.Add(PassedBy.Ref);
                tangent = Sym.Add(tangent, Sym.Mul(partial, _tangent.Of(argument)));
                continue;
            }
            Var gradient = ZeroedScratch(argument, statements, cleanup);
            args.Add(gradient);
            kinds.Add(PassedBy.Value);
            if (_tangent.IsActive(argument))
            {
                Expr direction = TangentArgument(argument, new DifferentiandParameter("", argument.Type, PassedBy.Value, true), statements, cleanup);
                tangent = Sym.Add(tangent, _tangent.Lanes ? LaneDot(gradient, direction) : Sym.To(Dot(gradient, direction), callee.ReturnType));
            }
        }
        statements.Add(new Evaluate(new DerivativeCall(callee, EquatableArray.Of(Mode.Reverse), args.ToEquatableArray(), kinds.ToEquatableArray(), Calls.Void), ""));
        statements.Add(new Assign(_tangent.Of(result).Name, tangent, ""));
        statements.AddRange(cleanup);
        return true;
    }

    /// <summary>The dot product of two spans (the second a read-only span, or converting to one).</summary>
    private static Expr Dot(Expr a, Expr b)
    {
        TypeRef element = a.Type.Element!;
        var readOnly = new TypeRef("global::System.ReadOnlySpan<" + element.Name + ">", ValueKind.Buffer, element);
        return Calls.Static("global::System.Numerics.Tensors.TensorPrimitives.Dot<" + element.Name + ">", element, new Cast(a, readOnly), b);
    }

    /// <summary>Σᵢ g[i]·v[i] for a span of scalars g and a span of bundles v: a bundle (<c>SourceAD.Lanes.Dot</c>).</summary>
    private static Expr LaneDot(Expr gradient, Expr tangents)
    {
        TypeRef element = gradient.Type.Element!;
        var readOnly = new TypeRef("global::System.ReadOnlySpan<" + element.Name + ">", ValueKind.Buffer, element);
        return Calls.Static("global::SourceAD.Lanes.Dot<" + element.Name + ">", TypeRef.Lanes(element), new Cast(gradient, readOnly), tangents);
    }

    /// <summary>The tangent to pass for an argument: its tangent, a temporary for an inactive ref, zeros for an inactive buffer.</summary>
    private Expr TangentArgument(Expr argument, DifferentiandParameter parameter, List<Stmt> before, List<Stmt> cleanup)
    {
        if (parameter.Type.IsBuffer)
        {
            return argument switch
            {
                Var v when _tangent.Has(v.Name) => _tangent.Of(v),
                Slice { Buffer: Var v } slice when _tangent.Has(v.Name) => slice with { Buffer = _tangent.Of(v), Type = _tangent.Of(v).Type },
                _ when parameter.IsWritten => ZeroedScratch(argument, before, cleanup),
                _ => ZeroTangent(argument),
            };
        }
        if (parameter.Kind is PassedBy.Ref or PassedBy.Out)
        {
            return argument is Var v && _tangent.Has(v.Name) ? _tangent.Of(v) : Discard(_tangent.TypeOf(argument.Type), before);
        }
        return _tangent.Of(argument);
    }

    /// <summary>
    /// The tangent of an inactive buffer argument the callee only reads: read-only zeros of its length, shared
    /// (<c>SourceAD.ZeroTangents</c>), so the call neither rents, clears nor allocates anything.
    /// </summary>
    private Expr ZeroTangent(Expr argument)
    {
        TypeRef element = _tangent.TypeOf(argument.Type.Element!);
        var readOnly = new TypeRef("global::System.ReadOnlySpan<" + element.Name + ">", ValueKind.Buffer, element);
        return Calls.Static("global::SourceAD.ZeroTangents<" + element.Name + ">.Of", readOnly, new MemberRead(argument, "Length", TypeRef.Int));
    }

    /// <summary>A zeroed buffer of the length of <paramref name="argument"/> that a call writes into, from the pool.</summary>
    private Var ZeroedScratch(Expr argument, List<Stmt> before, List<Stmt> cleanup)
    {
        TypeRef element = argument.Type.Element!;
        var arrayType = new TypeRef(element.Name + "[]", ValueKind.Buffer, element);
        var spanType = new TypeRef(element.AdjointSpan(), ValueKind.Buffer, element);
        var array = new Var(_names.Numbered("_zeros"), arrayType);
        Expr length = new MemberRead(argument, "Length", TypeRef.Int);
        before.Add(new Declare(array.Name, arrayType, Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Rent", arrayType, length)));
        var span = new Var(_names.Numbered("_zeroTangent"), spanType);
        before.Add(new Declare(span.Name, spanType, new New(EquatableArray.Of(array, Literals.Zero(TypeRef.Int), length), spanType, Opaque.Generated)));
        before.Add(new Evaluate(Calls.Method(span, "Clear", Calls.Void), ""));
        cleanup.Add(new Evaluate(Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Return", Calls.Void, array), ""));
        return span;
    }

    /// <summary>A local that receives a tangent nobody reads.</summary>
    private Var Discard(TypeRef type, List<Stmt> before)
    {
        var discard = new Var(_names.Numbered("_unusedDot"), type);
        before.Add(new Declare(discard.Name, type, Literals.Zero(type)));
        return discard;
    }
}
