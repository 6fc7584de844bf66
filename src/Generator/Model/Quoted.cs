namespace SourceAD.Generator.Model;

/// <summary>
/// The C# text of <see cref="Shown"/> as a string literal (of type <see cref="Expr.Type"/>, <c>string</c>): the label
/// of a computational graph's node for a subexpression, which has no source text of its own. The transform writes
/// <see cref="Shown"/> in the form a person reads (<c>Math.Exp(-z)</c>, not fully qualified); the emitter prints it.
/// </summary>
public sealed record Quoted(Expr Shown, TypeRef Type) : Expr(Type);
