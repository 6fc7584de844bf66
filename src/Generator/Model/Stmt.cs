using System.Collections.Generic;

namespace SourceAD.Generator.Model;

/// <summary>A statement of the IR. <see cref="Source"/> is the original C# on one line, for comments.</summary>
public abstract record Stmt(string Source);

/// <summary><c>Target = Value</c> for a local or parameter. Compound assignments and <c>++</c>/<c>--</c> are lowered to it.</summary>
public sealed record Assign(string Target, Expr Value, string Source, LocationInfo? Location = null) : Stmt(Source);

/// <summary><c>Target[Index] = Value</c> for a local buffer.</summary>
public sealed record AssignElement(string Target, Expr Index, Expr Value, string Source, LocationInfo? Location = null) : Stmt(Source);

/// <summary>An expression evaluated for its side effects (a call whose value is discarded).</summary>
public sealed record Evaluate(Expr Value, string Source) : Stmt(Source);

public sealed record If(Expr Condition, Block Then, Block Else, string Source) : Stmt(Source);

/// <summary>Whether the loop condition is tested before each iteration (while, for) or after (do).</summary>
public enum LoopKind { TestFirst, TestLast }

/// <summary>
/// A loop. <see cref="Step"/> runs after the body in each iteration (the increment of a <c>for</c>);
/// <see cref="Condition"/> is null for <c>for (;;)</c>. <see cref="Id"/> is the target of its breaks and continues.
/// </summary>
public sealed record Loop(int Id, LoopKind Kind, Expr? Condition, Block Body, Block Step, string Source) : Stmt(Source);

/// <summary>A block that <c>break</c> can leave: a lowered <c>switch</c>.</summary>
public sealed record Region(int Id, Block Body, string Source) : Stmt(Source);

public sealed record Break(int Target, string Source) : Stmt(Source);

public sealed record Continue(int Target, string Source) : Stmt(Source);

/// <summary>A return; <see cref="Value"/> is null in a method that returns <c>void</c> (its results are its outputs).</summary>
public sealed record Return(Expr? Value, string Source) : Stmt(Source);

public sealed record Throw(Expr Exception, string Source) : Stmt(Source);

/// <summary>
/// A local of generated code, declared where it stands with its first value (state such as a primal stack has an
/// initial value that is a literal in C# syntax).
/// </summary>
public sealed record Declare(string Name, TypeRef Type, Expr Initial) : Stmt(Name);

/// <summary>A line of commentary in generated code: a section header, or why the transform did something.</summary>
public sealed record Comment(string Text) : Stmt(Text);

/// <summary>
/// The statements that come from one statement of the method (its reverse step, say), printed under a comment that
/// quotes it. The comment also restates the derivative when it is short: the statement at index <see cref="Restated"/>
/// (a tangent), or, when that is -1, the whole body if it only adds to adjoints (a reverse step).
/// </summary>
public sealed record Group(string Header, Block Body, int Restated = -1) : Stmt(Header);

/// <summary>Saves a value on a primal stack (a local of type <c>SourceAD.PrimalStack&lt;T&gt;</c>); <see cref="Pop"/> takes it back.</summary>
public sealed record Push(string Stack, Expr Value) : Stmt(Stack);

/// <summary>A sequence of statements.</summary>
public sealed record Block(EquatableArray<Stmt> Statements)
{
    public static readonly Block Empty = new(EquatableArray<Stmt>.Empty);

    public bool IsEmpty => Statements.Count == 0;

    public static Block Of(IEnumerable<Stmt> statements) => new(statements.ToEquatableArray());

    public static Block Of(params Stmt[] statements) => new(statements.ToEquatableArray());
}
