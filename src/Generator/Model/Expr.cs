using System.Linq;

namespace SourceAD.Generator.Model;

/// <summary>Unary operators of the IR.</summary>
public enum UnaryOp { Negate, Plus, Not, BitwiseNot }

/// <summary>Binary operators of the IR. <c>And</c>/<c>Or</c> are the short-circuit <c>&amp;&amp;</c>/<c>||</c>.</summary>
public enum BinaryOp
{
    Add, Subtract, Multiply, Divide, Remainder,
    Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual,
    And, Or, BitwiseAnd, BitwiseOr, ExclusiveOr, LeftShift, RightShift,
}

/// <summary>An expression of the IR: typed, side-effect free, printable as C#.</summary>
public abstract record Expr(TypeRef Type);

/// <summary>A literal, already in C# syntax. <see cref="Value"/> is set for numeric literals (used to simplify).</summary>
public sealed record Literal(string Text, double? Value, TypeRef Type) : Expr(Type);

/// <summary>A local, a parameter or a variable the transform introduced.</summary>
public sealed record Var(string Name, TypeRef Type) : Expr(Type);

public sealed record Unary(UnaryOp Op, Expr Operand, TypeRef Type) : Expr(Type);

public sealed record Binary(BinaryOp Op, Expr Left, Expr Right, TypeRef Type) : Expr(Type);

/// <summary>A numeric conversion to <see cref="Expr.Type"/>.</summary>
public sealed record Cast(Expr Operand, TypeRef Type) : Expr(Type);

/// <summary>The ternary operator.</summary>
public sealed record Conditional(Expr Condition, Expr WhenTrue, Expr WhenFalse, TypeRef Type) : Expr(Type);

/// <summary>A call to a function of the rule table (<c>Math</c>/<c>MathF</c>). <see cref="Class"/> is fully qualified.</summary>
public sealed record MathCall(string Class, string Function, EquatableArray<Expr> Args, TypeRef Type) : Expr(Type);

/// <summary>A call to another <c>[Differentiable]</c> method, differentiated through its generated pullback.</summary>
/// <remarks><see cref="Source"/> is the call as the method wrote it, for comments and messages.</remarks>
public sealed record DiffCall(Callee Callee, EquatableArray<Expr> Args, TypeRef Type, LocationInfo? Location = null, string Source = "") : Expr(Type);

/// <summary>
/// What the soundness check needs to know about code SourceAD does not differentiate (a call, a constructor, a
/// property): the name to report, whether it may write floating-point state through each of its inputs (the receiver
/// first, when there is one, then each argument), the fix to suggest, and where it is.
/// </summary>
public sealed record Opaque(string Name, EquatableArray<bool> MayWrite, string Fix, LocationInfo? Location)
{
    /// <summary>The facts of a call the transforms generate (a stack's, an adjoint's), which the user never wrote.</summary>
    public static readonly Opaque Generated = new("", EquatableArray<bool>.Empty, "", null);

    /// <summary>How the facts of a call to a local function of the method name it (see BodyParser.LocalFunctions).</summary>
    public const string LocalFunctionPrefix = "The local function '";

    /// <summary>Whether these are the facts of a call to a local function (declared again in each generated method).</summary>
    public bool IsLocalFunction => Name.StartsWith(LocalFunctionPrefix, System.StringComparison.Ordinal);
}

/// <summary>
/// A call with no derivative (any other method). It is fine while no input that depends on a differentiable input
/// can carry that dependence out of it: see <see cref="Opaque"/>. <see cref="Receiver"/> is null for static calls,
/// whose <see cref="Name"/> is then fully qualified. <see cref="Kinds"/> says how each argument is passed when some is
/// <c>out</c> or <c>ref</c> (empty otherwise): such an argument is a temporary that only this call writes.
/// </summary>
public sealed record OpaqueCall(Expr? Receiver, string Name, EquatableArray<Expr> Args, TypeRef Type, Opaque Flow, EquatableArray<PassedBy> Kinds = default) : Expr(Type)
{
    /// <summary>How argument <paramref name="index"/> is passed.</summary>
    public PassedBy Passed(int index) => Kinds.Count > index ? Kinds[index] : PassedBy.Value;
}

/// <summary>
/// A field or property read; static members have a null receiver and a fully qualified name. <see cref="Location"/>
/// is where it is read, for the soundness check.
/// </summary>
public sealed record MemberRead(Expr? Receiver, string Name, TypeRef Type, LocationInfo? Location = null) : Expr(Type);

/// <summary>
/// A conversion the chain rule does not go through: boxing, a reference conversion (to <c>object</c>, an interface,
/// <c>IEnumerable&lt;double&gt;</c>), or to a numeric type that is not <c>double</c>/<c>float</c>/an integer.
/// A value that carries a derivative must not take one.
/// </summary>
public sealed record Convert(Expr Operand, TypeRef Type, LocationInfo? Location) : Expr(Type);

/// <summary>An array element read <c>array[i, ...]</c>.</summary>
public sealed record ElementRead(Expr Array, EquatableArray<Expr> Indices, TypeRef Type) : Expr(Type);

/// <summary>A new buffer: <c>new T[Length]</c>, or <c>stackalloc T[Length]</c> when <see cref="StackAlloc"/>.</summary>
public sealed record NewBuffer(Expr Length, bool StackAlloc, TypeRef Type) : Expr(Type);

/// <summary>The value most recently saved on a primal stack by <see cref="Push"/>, taken off it.</summary>
public sealed record Pop(string Stack, TypeRef Type) : Expr(Type);

/// <summary>How an argument is passed.</summary>
public enum PassedBy { Value, Ref, Out, In }

/// <summary>
/// A transform whose output a generated method is: reverse mode (a pullback), forward mode (a tangent), or vector forward mode (a tangent whose every
/// tangent is a bundle of lanes, one direction each, so one sweep takes several directions).
/// </summary>
public enum Mode { Reverse, Forward, ForwardVector }

/// <summary>
/// A call to a derivative of <see cref="Callee"/>: its pullback (<see cref="Mode.Reverse"/>), its tangent
/// (<see cref="Mode.Forward"/>), or a derivative of one of those (the modes in the order they were applied). Each
/// argument is passed as <see cref="Kinds"/> says (adjoints by <c>ref</c>).
/// </summary>
public sealed record DerivativeCall(Callee Callee, EquatableArray<Mode> Modes, EquatableArray<Expr> Args, EquatableArray<PassedBy> Kinds, TypeRef Type) : Expr(Type)
{
    /// <summary>Where the user's code makes the call (a nested derivative), for diagnostics about it.</summary>
    public LocationInfo? Location { get; init; }
}

/// <summary>An array with its elements, <c>new T[] { … }</c> (a <c>params</c> argument, say).</summary>
public sealed record NewArray(EquatableArray<Expr> Elements, TypeRef Type) : Expr(Type);

/// <summary>A view of part of a buffer: <c>array.AsSpan(Start, Length)</c> or <c>span.Slice(Start, Length)</c>.</summary>
public sealed record Slice(Expr Buffer, Expr? Start, Expr? Length, TypeRef Type) : Expr(Type);

/// <summary>
/// C# that SourceAD does not differentiate (a lambda, an interpolated string, a LINQ query over data, a pattern test
/// on integers…), kept as its source text: <see cref="Segments"/> around one hole per read of a variable of the method
/// (variables may be renamed in generated code), with names of types and static members fully qualified, so it means
/// in generated code what it meant in the method. It must not depend on a differentiable input, except as
/// <see cref="Flow"/> allows (an interpolated string takes its holes by value).
/// </summary>
public sealed record Verbatim(EquatableArray<string> Segments, EquatableArray<Expr> Holes, TypeRef Type, Opaque? Flow, string What, LocationInfo? Location) : Expr(Type);

/// <summary>An object creation (e.g. the exception of a <c>throw</c>); a constructor SourceAD does not differentiate.</summary>
public sealed record New(EquatableArray<Expr> Args, TypeRef Type, Opaque Flow) : Expr(Type);

/// <summary>
/// A function with a pullback: a <c>[Differentiable]</c> method (its generated pullback returns the value) or a method
/// with a <c>[DerivativeOf]</c> rule (its hand-written pullback returns void and may take the result). Where the
/// function is a user-defined operator, <see cref="Operator"/> is its token and calls print as operators.
/// </summary>
/// <param name="ContainingType">The function's type, fully qualified.</param>
/// <param name="Name">The function's name (operators by their metadata name).</param>
/// <param name="CallName">The name as a call prints it: with its type arguments, if any.</param>
/// <param name="Pullback">The pullback method, fully qualified: generated, or the rule's (in the function's type or, for a
/// rule declared for a type the user does not own, in the rule's).</param>
/// <param name="Origin">For a <c>[Differentiable]</c> method of this compilation, the name of its generated file
/// (<see cref="MethodModel.HintName"/>): which of its derivatives exist is known once every method is differentiated.</param>
/// <param name="Variants">For a <c>[Differentiable]</c> method of another assembly, the derivatives that assembly has,
/// by suffix (<c>Tangent</c>, <c>PullbackTangent</c>, …).</param>
/// <param name="Tangent">For a rule, its hand-written tangent (<c>[TangentOf]</c>), fully qualified, if it has one.</param>
/// <param name="GraphOff">For a <c>[Differentiable]</c> method, whether its <c>[Differentiable(Variants = …)]</c> leaves out its graph.</param>
/// <param name="ReadsOutputs">For a method with <c>[Output]</c> buffers, whether it may read what one held before the call
/// (anything but writing elements and reading the length; true when its source is not at hand).</param>
/// <param name="PullbackTangent">For a rule, the second-order rule (<c>[TangentOf(nameof(FPullback))]</c>: the tangent of
/// its pullback, which forward over reverse calls), fully qualified, if it has one.</param>
public sealed record Callee(
    string ContainingType,
    string Name,
    string CallName,
    EquatableArray<string> ParameterNames,
    EquatableArray<bool> Differentiable,
    EquatableArray<TypeRef> ParameterTypes,
    TypeRef ReturnType,
    string Pullback,
    bool TakesResult,
    bool IsRule,
    string? Operator,
    EquatableArray<bool> Outputs = default,
    string? Origin = null,
    EquatableArray<string>? Variants = null,
    string? Tangent = null,
    bool GraphOff = false,
    bool ReadsOutputs = false,
    string? PullbackTangent = null)
{
    /// <summary>Whether the parameter at <paramref name="index"/> is an <c>[Output]</c> buffer.</summary>
    public bool IsOutput(int index) => Outputs.Count > index && Outputs[index];

    /// <summary>Whether the function writes results into <c>[Output]</c> buffers (a vector-valued method).</summary>
    public bool HasOutputs => Outputs.Count > 0 && Outputs.Any(o => o);
}
