using SourceAD.Generator.Model;

namespace SourceAD.Generator.Emit;

/// <summary>
/// <c>{Type}Gradients.VisitMembers(ref model, gradient, visitor, prefix)</c>: calls an <c>IMemberVisitor</c> once per
/// differentiable member of a value, beside the same member of its gradient, in declaration order (the order of the
/// flattened Jacobians), nested structs and classes recursively with dotted names. Scalars are passed by reference
/// (through the storage accessor where C# cannot assign them, through a local written back for a settable property),
/// buffers and tensors as spans. This is what <c>Sgd</c>, <c>Adam</c> and <c>GradCheck</c> take a model through,
/// without reflection; a <c>Tensor</c> is visited as its elements, other differentiable objects are not visited.
/// </summary>
internal static class MemberVisitor
{
    public const string Tensor = "global::SourceAD.Tensor";

    public static void Emit(AggregateType type, CodeWriter file)
    {
        file.Line("");
        file.Line("/// <summary>");
        file.Line("/// Calls <paramref name=\"visitor\"/> once per differentiable member of <paramref name=\"model\"/> (writable) with the same");
        file.Line("/// member of <paramref name=\"gradient\"/>, in declaration order, nested members recursively, each named");
        file.Line("/// <paramref name=\"prefix\"/> followed by its declared name.");
        file.Line("/// </summary>");
        file.Line("/// <param name=\"model\">the value whose members are visited (the visitor may write them)</param>");
        file.Line("/// <param name=\"gradient\">a gradient of the same type, whose members are visited beside the model's</param>");
        file.Line("/// <param name=\"visitor\">what is done with each pair of members</param>");
        file.Line("/// <param name=\"prefix\">put before each member's name (a nested member's path)</param>");
        file.Line(FunctionPrinter.GeneratedCodeAttribute);
        file.Open(type.Accessibility + " static void VisitMembers(ref " + type.Name + " model, " + type.Name + " gradient, global::SourceAD.IMemberVisitor visitor, string prefix = \"\")");
        if (type.IsClass)
        {
            file.Line("global::System.ArgumentNullException.ThrowIfNull(model);");
            file.Line("global::System.ArgumentNullException.ThrowIfNull(gradient);");
        }
        file.Line("global::System.ArgumentNullException.ThrowIfNull(visitor);");
        foreach (AggregateMember member in type.Members)
        {
            string name = "prefix + \"" + member.Name + "\"";
            string gradient = "gradient." + member.Name;
            string storage = AggregateHelpersEmitter.NeedsAccessor(member)
                ? type.Accessor(member) + "(" + (type.IsClass ? "" : "ref ") + "model)"
                : "model." + member.Name;
            switch (member)
            {
                case { Nested: { IsClass: false } nested }:
                    file.Line(nested.Helpers + ".VisitMembers(ref " + storage + ", " + gradient + ", visitor, " + name + " + \".\");");
                    break;
                case { Nested: { } nested }:
                    file.Line(member.Type.Name + " _" + member.Name + " = model." + member.Name + ";");
                    file.Line(nested.Helpers + ".VisitMembers(ref _" + member.Name + ", " + gradient + ", visitor, " + name + " + \".\");");
                    break;
                case { Type.IsBuffer: true }:
                    file.Line("visitor.Visit(" + name + ", model." + member.Name + ", " + gradient + ");");
                    break;
                case { Type.Name: Tensor }:
                    file.Line("visitor.Visit(" + name + ", model." + member.Name + ".Span, (" + gradient + " ?? throw new global::System.ArgumentException(\"The gradient member '"
                        + member.Name + "' is null; allocate the gradient with " + type.HelperName + ".ZerosLike\", nameof(gradient))).Span);");
                    break;
                case { Type.IsObject: true }:
                    file.Line("// " + member.Name + ": a differentiable object other than a Tensor, which the visitor does not reach.");
                    break;
                case { IsProperty: true } when !AggregateHelpersEmitter.NeedsAccessor(member):
                    file.Line(member.Type.Name + " _" + member.Name + " = model." + member.Name + ";");
                    file.Line("visitor.Visit(" + name + ", ref _" + member.Name + ", " + gradient + ");");
                    file.Line("model." + member.Name + " = _" + member.Name + ";");
                    break;
                default:
                    file.Line("visitor.Visit(" + name + ", ref " + storage + ", " + gradient + ");");
                    break;
            }
        }
        file.Close();
    }
}
