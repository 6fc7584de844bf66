using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using LoopKind = SourceAD.Generator.Model.LoopKind;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Copies of buffers: <c>(double[])x.Clone()</c>, <c>x.ToArray()</c>, <c>x.AsSpan(…).ToArray()</c>, <c>x.CopyTo(y)</c>,
/// <c>Array.Copy(x, y, n)</c>; and clearing one, <c>Array.Clear(b)</c>, <c>b.Clear()</c>. Each is lowered to what it does, an allocation and an element-by-element loop, which
/// every transform already differentiates: the derivative of a copy is a copy of the derivative.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>
    /// Lowers <c>target = copy of a buffer</c> to <c>target = new T[n]; for (…) target[i] = source[i];</c>. Returns
    /// false when <paramref name="value"/> is not a copy.
    /// </summary>
    private bool TryParseCopy(string target, TypeRef targetType, IOperation value, string source, SyntaxNode syntax, List<Stmt> into)
    {
        if (!targetType.IsBuffer || CopiedBuffer(value) is not { } copied || copied.Type.Element != targetType.Element)
        {
            return false;
        }
        Expr length = LengthOfBuffer(copied);
        into.Add(new Assign(target, new NewBuffer(length, StackAlloc: false, targetType), source, LocationInfo.From(syntax)));
        AddCopyLoop(copied, new Var(target, targetType), length, source, into);
        return true;
    }

    /// <summary>
    /// Lowers <c>source.CopyTo(destination)</c> and <c>Array.Copy(source, destination, length)</c> to an
    /// element-by-element loop. Returns false when <paramref name="operation"/> is not such a copy.
    /// </summary>
    private bool TryParseCopyInto(IOperation operation, string source, List<Stmt> into)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return false;
        }
        IMethodSymbol method = invocation.TargetMethod;
        var values = (invocation.Instance is null ? Enumerable.Empty<IOperation>() : new[] { invocation.Instance })
            .Concat(invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => Natural(a.Value)))
            .ToList();
        if (TryParseClear(method, values, source, into))
        {
            return true;
        }
        bool copyTo = method.Name == "CopyTo" && values.Count == 2;
        bool arrayCopy = method.Name == "Copy" && method.ContainingType.ToDisplayString() == "System.Array" && values.Count == 3;
        if (!(copyTo || arrayCopy) || values.Take(2).Any(v => !Types.Map(v.Type).IsBuffer))
        {
            return false;
        }
        Expr from = ParseExpression(values[0]);
        Expr to = ParseExpression(values[1]);
        if (from.Type.Element != to.Type.Element || (to is Slice ? ((Slice)to).Buffer : to) is not Var destination)
        {
            return false;
        }
        if (_inputBuffers.Contains(destination.Name))
        {
            Report(Descriptors.ParameterBufferWrite, operation.Syntax, Source(operation.Syntax), destination.Name, Descriptors.InputBufferWrite);
            return true;
        }
        Expr length = arrayCopy ? ParseExpression(values[2]) : LengthOfBuffer(from);
        AddCopyLoop(from, to, length, source, into, LocationInfo.From(operation.Syntax));
        return true;
    }

    /// <summary>
    /// Lowers <c>Array.Clear(b)</c>, <c>b.Clear()</c> (a span) and <c>b.AsSpan().Clear()</c> of a local buffer to the loop
    /// that writes 0 into every element: what it does, which every transform differentiates (and which clears an
    /// output buffer for SAD0022's rule).
    /// </summary>
    private bool TryParseClear(IMethodSymbol method, List<IOperation> values, string source, List<Stmt> into)
    {
        bool arrayClear = method.Name == "Clear" && method.ContainingType.ToDisplayString() == "System.Array" && values.Count == 1;
        bool spanClear = method.Name == "Clear" && values.Count == 1 && method.ContainingType.Name == "Span";
        if (!(arrayClear || spanClear) || !Types.Map(values[0].Type).IsBuffer)
        {
            return false;
        }
        Expr cleared = ParseExpression(values[0]);
        if (cleared is Slice { Buffer: Var whole, Start: null, Length: null })
        {
            cleared = whole; // b.AsSpan()
        }
        if (cleared is not Var buffer || _inputBuffers.Contains(buffer.Name) || !buffer.Type.Element!.IsFloating)
        {
            return false;
        }
        AddZeroLoop(buffer, source, into);
        return true;
    }

    /// <summary>The buffer a copy expression copies (a variable or a view of one), or null when it is not a copy.</summary>
    private Expr? CopiedBuffer(IOperation value)
    {
        IOperation natural = Natural(value);
        if (natural is IArrayElementReferenceOperation { Indices: [IRangeOperation range] } subArray)
        {
            return RangeOf(subArray.ArrayReference, range); // an array's range is a copy of that part of it
        }
        IOperation? copied = natural switch
        {
            IInvocationOperation { TargetMethod.Name: "Clone", Instance: { } array } when Types.Map(array.Type).IsBuffer => array,
            IInvocationOperation { TargetMethod.Name: "ToArray", Instance: { } span } when Types.Map(span.Type).IsBuffer => span,
            IInvocationOperation { TargetMethod.Name: "ToArray", Instance: null, Arguments.Length: 1 } call
                when call.TargetMethod.ContainingType.ToDisplayString() == "System.Linq.Enumerable" && Types.Map(Natural(call.Arguments[0].Value).Type).IsBuffer
                => Natural(call.Arguments[0].Value),
            _ => null,
        };
        return copied is null ? null : ParseExpression(copied) is { Type.IsBuffer: true } buffer and (Var or Slice { Buffer: Var }) ? buffer : null;
    }

    private static IOperation Natural(IOperation value)
    {
        while (value is IConversionOperation { Operand: var operand } conversion && (conversion.IsImplicit || Types.Map(conversion.Type).IsBuffer))
        {
            value = operand;
        }
        return value;
    }

    private static Expr LengthOfBuffer(Expr buffer) => buffer is Slice view ? LengthOf(view) : new MemberRead(buffer, "Length", TypeRef.Int);

    /// <summary><c>for (int i = 0; i &lt; length; i++) to[i] = from[i];</c>, through views on either side.</summary>
    private void AddCopyLoop(Expr from, Expr to, Expr length, string source, List<Stmt> into, LocationInfo? location = null)
    {
        var (target, start) = to is Slice { Buffer: Var buffer, Start: var first } ? (buffer.Name, first) : (((Var)to).Name, null);
        AddElementLoop(target, start, length, counter => Element(from, counter, from.Type.Element!), source + "  (element by element)", "(copy starts)", into, location);
    }

    /// <summary><c>for (int i = 0; i &lt; buffer.Length; i++) buffer[i] = 0;</c></summary>
    private void AddZeroLoop(Var buffer, string source, List<Stmt> into) =>
        AddElementLoop(buffer.Name, null, new MemberRead(buffer, "Length", TypeRef.Int), _ => Literals.Zero(buffer.Type.Element!), source, "(zeroing starts)", into);

    /// <summary><c>for (int i = 0; i &lt; length; i++) target[start + i] = value(i);</c></summary>
    private void AddElementLoop(string target, Expr? start, Expr length, System.Func<Var, Expr> value, string source, string begins, List<Stmt> into, LocationInfo? location = null)
    {
        string index = FreshLocal("copyIndex", TypeRef.Int);
        var counter = new Var(index, TypeRef.Int);
        var write = new AssignElement(target, start is null ? counter : Sym.Add(start, counter), value(counter), source, location);
        var step = new Assign(index, new Binary(BinaryOp.Add, counter, Literals.One(TypeRef.Int), TypeRef.Int), index + "++");
        into.Add(new Assign(index, Literals.Zero(TypeRef.Int), begins));
        into.Add(new Loop(_nextLoopId++, LoopKind.TestFirst, new Binary(BinaryOp.Less, counter, length, TypeRef.Bool),
            new Block(EquatableArray.Of<Stmt>(write)), new Block(EquatableArray.Of<Stmt>(step)), source));
    }
}
