using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>
/// The labels of a computational graph's nodes: a statement's own source text (<c>u = b * c</c>, <c>return 3 * v</c>),
/// or, for a subexpression, the expression rewritten in the form a person reads it, as a <see cref="Quoted"/> for the
/// emitter to print: names short (<c>Math.Exp</c>, not <c>global::System.Math.Exp</c>), numbers as written
/// (<c>3</c>, not <c>3.0</c>), and the temporaries the lowering gave hoisted calls shown as those calls.
/// </summary>
internal sealed class GraphLabels
{
    private static readonly TypeRef Text = new("string", ValueKind.Other);
    private readonly Dictionary<string, string> _hoisted = new();

    /// <summary>Shows the temporary <paramref name="variable"/> as the call it holds (<c>_call0</c> as <c>Sigmoid(z)</c>).</summary>
    public void Hoisted(string variable, string call) => _hoisted[variable] = call;

    /// <summary>Whether <paramref name="variable"/> is a temporary of a hoisted call.</summary>
    public bool IsHoisted(string variable) => _hoisted.ContainsKey(variable);

    /// <summary>A statement's label: its source on one line, without the final semicolon.</summary>
    public static Expr Statement(string source) => String(source.TrimEnd(';', ' '));

    /// <summary>A string literal.</summary>
    public static Expr String(string text) => Literals.FromConstant(text, Text)!;

    /// <summary>The label of a subexpression.</summary>
    public Expr Of(Expr e) => e is DiffCall { Source.Length: > 0 } call ? String(call.Source) : new Quoted(Shown(e), Text);

    /// <summary>The operation a node applies, e.g. <c>*</c>, <c>Math.Exp</c>, <c>Sigmoid</c>.</summary>
    public static string Operation(Expr e) => e switch
    {
        Unary { Op: UnaryOp.Negate } => "-",
        Binary { Op: BinaryOp.Add } => "+",
        Binary { Op: BinaryOp.Subtract } => "-",
        Binary { Op: BinaryOp.Multiply } => "*",
        Binary { Op: BinaryOp.Divide } => "/",
        Binary { Op: BinaryOp.Remainder } => "%",
        Cast c => "(" + c.Type.Name + ")",
        MathCall m => ShortName(m.Class) + "." + m.Function,
        DiffCall d => d.Callee.Name,
        _ => "=",
    };

    /// <summary>A fully qualified name without its namespace: <c>global::System.Math</c> → <c>Math</c>, <c>global::Demo.Rules.Softplus</c> → <c>Rules.Softplus</c>.</summary>
    public static string ShortName(string name)
    {
        if (!name.StartsWith("global::", System.StringComparison.Ordinal))
        {
            return name;
        }
        string[] parts = name.Substring("global::".Length).Split('.');
        return parts.Length <= 2 ? parts[parts.Length - 1] : parts[parts.Length - 2] + "." + parts[parts.Length - 1];
    }

    private Expr Shown(Expr e) => e switch
    {
        Literal { Value: double value } l when l.Type.IsFloating => l with { Text = l.Type.Name == "float" ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture) },
        Var v when _hoisted.TryGetValue(v.Name, out string? call) => Verbatim(call, v.Type),
        Var => e,
        Unary u => u with { Operand = Shown(u.Operand) },
        Binary b => b with { Left = Shown(b.Left), Right = Shown(b.Right) },
        Cast { Operand.Type.Kind: ValueKind.Integer } c => Shown(c.Operand), // as written: Math.Pow(x, i), not Math.Pow(x, (double)i)
        Cast c => c with { Operand = Shown(c.Operand) },
        Convert c => c with { Operand = Shown(c.Operand) },
        Conditional c => c with { Condition = Shown(c.Condition), WhenTrue = Shown(c.WhenTrue), WhenFalse = Shown(c.WhenFalse) },
        MathCall m => m with { Class = ShortName(m.Class), Args = m.Args.Select(Shown).ToEquatableArray() },
        DiffCall { Source.Length: > 0 } d => Verbatim(d.Source, d.Type),
        DiffCall d => d with { Callee = d.Callee with { ContainingType = ShortName(d.Callee.ContainingType) }, Args = d.Args.Select(Shown).ToEquatableArray() },
        OpaqueCall o => o with { Receiver = o.Receiver is null ? null : Shown(o.Receiver), Name = ShortName(o.Name), Args = o.Args.Select(Shown).ToEquatableArray() },
        MemberRead m => m with { Receiver = m.Receiver is null ? null : Shown(m.Receiver), Name = ShortName(m.Name) },
        ElementRead el => el with { Array = Shown(el.Array), Indices = el.Indices.Select(Shown).ToEquatableArray() },
        Verbatim v => v with { Segments = v.Segments.Select(s => s.Replace("global::System.", "").Replace("global::", "")).ToEquatableArray(), Holes = v.Holes.Select(Shown).ToEquatableArray() },
        _ => e,
    };

    /// <summary>Text shown as it is, binding as tightly as a name (a call's source text is a primary expression).</summary>
    private static Var Verbatim(string text, TypeRef type) => new(text, type);
}
