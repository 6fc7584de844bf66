using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>The statements that add a contribution to a derivative: <c>a = a + e</c> (printed <c>a += e</c>).</summary>
internal static class Accumulation
{
    public static Assign Into(Var target, Expr contribution) =>
        new(target.Name, new Binary(BinaryOp.Add, target, Sym.To(contribution, target.Type), target.Type), "");

    public static AssignElement IntoElement(Var buffer, Expr index, Expr contribution)
    {
        TypeRef element = buffer.Type.Element ?? contribution.Type;
        var current = new ElementRead(buffer, EquatableArray.Of(index), element);
        return new AssignElement(buffer.Name, index, new Binary(BinaryOp.Add, current, Sym.To(contribution, element), element), "");
    }
}
