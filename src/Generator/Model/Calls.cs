namespace SourceAD.Generator.Model;

/// <summary>Builds the calls the transforms generate: methods of the runtime and of differentiable objects.</summary>
public static class Calls
{
    /// <summary><c>receiver.Name(args)</c>.</summary>
    public static OpaqueCall Method(Expr receiver, string name, TypeRef type, params Expr[] args) =>
        new(receiver, name, args.ToEquatableArray(), type, Opaque.Generated);

    /// <summary><c>Name(args)</c> for a fully qualified static method.</summary>
    public static OpaqueCall Static(string name, TypeRef type, params Expr[] args) =>
        new(null, name, args.ToEquatableArray(), type, Opaque.Generated);

    public static readonly TypeRef Void = TypeRef.Void;

    /// <summary><c>source.CopyTo(destination)</c> for spans; an array is copied through its span.</summary>
    public static OpaqueCall CopyTo(Expr source, Expr destination)
    {
        Expr span = source.Type.IsSpan ? source
            : Static("global::System.MemoryExtensions.AsSpan", new TypeRef("global::System.Span<" + source.Type.Element!.Name + ">", ValueKind.Buffer, source.Type.Element), source);
        return Method(span, "CopyTo", Void, destination);
    }
}
