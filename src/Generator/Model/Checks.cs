using System.Collections.Generic;

namespace SourceAD.Generator.Model;

/// <summary>Argument checks generated code makes, as IR: a transform of the method carries them into every variant.</summary>
public static class Checks
{
    /// <summary>
    /// Throws <c>ArgumentException</c> when <paramref name="span"/> does not have <paramref name="length"/> elements,
    /// the message naming it, the length expected and <paramref name="what"/> it holds.
    /// </summary>
    public static IEnumerable<Stmt> Length(Var span, Expr length, string what)
    {
        Expr actual = new MemberRead(span, "Length", TypeRef.Int);
        var message = new Verbatim(
            EquatableArray.Of("$\"'" + span.Name + "' must have {", "} elements (" + what + "), but has {", "}.\""),
            EquatableArray.Of(length, actual), new TypeRef("string", ValueKind.Other), null, "", null);
        // nameof reads no value (so a transform of this method, its tangent of a tangent say, may vary the span).
        var nameOf = new Verbatim(EquatableArray.Of("nameof(", ")"), EquatableArray.Of<Expr>(span), new TypeRef("string", ValueKind.Other), Opaque.Generated, "", null);
        var exception = new New(EquatableArray.Of<Expr>(message, nameOf), new TypeRef("global::System.ArgumentException", ValueKind.Other, OtherHoldsState: true), Opaque.Generated);
        yield return new If(Sym.Compare(BinaryOp.NotEqual, actual, length), Block.Of(new Throw(exception, "")), Block.Empty, "");
    }
}
