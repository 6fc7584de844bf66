using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;

namespace SourceAD.Generator.Parsing;

internal sealed partial class BodyParser
{
    /// <summary>
    /// A call to a <c>[Differentiable]</c> method that writes into one of its parameter buffers (a scratch buffer): SAD0013
    /// at the call, since the callee runs again inside its pullback and would see what its first run wrote there.
    /// </summary>
    private void ReportWrittenBufferArguments(IMethodSymbol target, IInvocationOperation invocation)
    {
        if (ParameterBufferWrites.Of(target).FirstOrDefault() is { } written)
        {
            Report(Descriptors.ParameterBufferWrite, invocation.Syntax, Source(invocation.Syntax), written,
                "'" + target.Name + "' does, and SourceAD cannot differentiate that call: the callee runs again inside its pullback, where it would find what its first run left in the buffer; let '" + target.Name + "' allocate the buffer it writes (a local buffer), or call it from code that is not differentiated");
        }
    }
}
