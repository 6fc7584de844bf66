using System;
using System.IO;
using System.Text;
using SourceAD.GradBench.Evals;
using SourceAD.GradBench.Protocol;

// GradBench's protocol on stdin/stdout: one JSON message per line in, one flushed JSON response per line out, until end
// of input. Nothing else goes to stdout; diagnostics go to stderr.
using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), false, 1 << 16);
using Stream output = Console.OpenStandardOutput();
ProtocolLoop.Run(input, output, new ProtocolHandler(EvalRegistry.All, Console.Error));
