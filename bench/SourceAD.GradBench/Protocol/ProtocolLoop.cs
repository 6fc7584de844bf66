using System.Buffers;
using System.IO;

namespace SourceAD.GradBench.Protocol;

/// <summary>Reads messages line by line until end of input and writes one flushed response line for each.</summary>
public static class ProtocolLoop
{
    public static void Run(TextReader input, Stream output, ProtocolHandler handler)
    {
        var response = new ArrayBufferWriter<byte>();
        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            response.ResetWrittenCount();
            handler.Handle(line, response);
            output.Write(response.WrittenSpan);
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }
}
