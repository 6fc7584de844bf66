using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Analysis;

/// <summary>
/// The rules that keep buffers simple to reverse: a differentiable buffer parameter is never reassigned, and an
/// active local buffer is allocated exactly once (<c>new T[n]</c> or <c>stackalloc T[n]</c>) outside loops, so its
/// adjoint buffer can be allocated beside it and every element write can be undone in place.
/// </summary>
internal static class BufferRules
{
    public static void Check(VariableFacts facts, Activity activity, List<DiagnosticInfo> diagnostics)
    {
        // A [NoDiff] parameter buffer may be written (a scratch buffer), but not with a value that depends on a
        // differentiable input: the caller would get that value with no derivative. (Inputs are rejected by the parser.)
        // (An [Output] argument of a vector-valued call is OutputArguments' to report.)
        foreach (Write write in facts.Writes.Where(w => w.Element && facts.IsParameter(w.Target) && !facts.IsOutput(w.Target) && w.Value is not DiffCall { Callee.HasOutputs: true }))
        {
            var reads = new HashSet<string>();
            ExprVisitor.DerivativeReads(write.Value, reads);
            if (reads.Any(activity.IsVaried))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.ParameterBufferWrite, write.Location, write.Target + "[…]", write.Target,
                    "the value written depends on a differentiable input, and a [NoDiff] buffer takes no derivative: the caller would read it as a constant (write it into a local buffer, or make the buffer an [Output])"));
            }
        }
        foreach (IGrouping<string, Write> writes in facts.Writes.Where(w => !w.Element && facts.Type(w.Target).IsBuffer).GroupBy(w => w.Target))
        {
            string buffer = writes.Key;
            if (!activity.IsActive(buffer))
            {
                continue;
            }
            Write first = writes.First();
            if (facts.Type(buffer).Element!.IsObject && !facts.IsParameter(buffer))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.LocalBuffer, first.Location, buffer,
                    "is a local array of differentiable objects; pass such arrays (for example one weight tensor per layer) as parameters"));
            }
            else if (facts.IsParameter(buffer))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.LocalBuffer, first.Location, buffer,
                    "is a differentiable parameter and must not be reassigned; use a local buffer"));
            }
            else if (writes.Count() > 1 || first.InLoop || first.Value is not NewBuffer)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.LocalBuffer, (writes.Count() > 1 ? writes.ElementAt(1) : first).Location, buffer,
                    "must be allocated exactly once, with 'new T[n]' or 'stackalloc T[n]', outside any loop (allocate it before the loop and overwrite its elements)"));
            }
        }
    }

    /// <summary>Whether the local's single allocation is a <c>stackalloc</c> (its declaration must then be one too).</summary>
    public static bool IsStackAllocated(VariableFacts facts, string variable) =>
        facts.Writes.Any(w => w.Target == variable && !w.Element && w.Value is NewBuffer { StackAlloc: true });

    /// <summary>
    /// A hoisted local's initial value. Spans that will hold stack memory start as an empty stackalloc, so the
    /// compiler lets them receive one later.
    /// </summary>
    public static Expr InitialValue(TypeRef type, bool stackAllocated) =>
        stackAllocated ? new Literal("stackalloc " + type.Element!.Name + "[0]", null, type) : Literals.Default(type);

    /// <summary>Span locals cannot be saved on a stack: report one the reverse sweep would need restored.</summary>
    public static void CheckSavedSpans(IEnumerable<string> saved, VariableFacts facts, List<DiagnosticInfo> diagnostics)
    {
        foreach (string variable in saved.Where(v => facts.Type(v).IsSpan))
        {
            Write write = facts.Writes.First(w => w.Target == variable && !w.Element);
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.LocalBuffer, write.Location, variable,
                "is a span that is reassigned while the reverse sweep still reads its earlier values; index the underlying buffer directly"));
        }
    }
}
