using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using SourceAD.GradBench.Evals;

namespace SourceAD.GradBench.Protocol;

/// <summary>
/// Answers GradBench protocol messages, one JSON line in, one JSON line out. Never throws for a message: malformed
/// JSON, unknown modules or functions, bad inputs and failing computations are answered with <c>success: false</c>.
/// </summary>
public sealed class ProtocolHandler(IReadOnlyList<EvalModule> modules, TextWriter log)
{
    public const string ToolName = "sourcead";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = false };

    private readonly Dictionary<string, EvalModule> _modules = modules.ToDictionary(m => m.Name);

    /// <summary>Answers one message line; the response (without its newline) goes to <paramref name="response"/>.</summary>
    public void Handle(string line, IBufferWriter<byte> response)
    {
        Message? message = null;
        string? parseError = null;
        try
        {
            message = JsonSerializer.Deserialize(line, GradBenchJson.Default.Message);
            if (message is null)
            {
                parseError = "A message must be a JSON object, not null.";
            }
        }
        catch (JsonException e)
        {
            parseError = $"The message is not valid protocol JSON: {e.Message}";
        }
        using var writer = new Utf8JsonWriter(response, WriterOptions);
        if (message is null)
        {
            WriteFailure(writer, IdOf(line), parseError!);
            return;
        }
        switch (message.Kind)
        {
            case "start":
                WriteStart(writer, message.Id);
                break;
            case "define":
                WriteDefine(writer, message);
                break;
            case "evaluate":
                WriteEvaluate(writer, message, response);
                break;
            case "analysis":
                LogAnalysis(message);
                WriteIdOnly(writer, message.Id);
                break;
            default:
                WriteIdOnly(writer, message.Id);
                break;
        }
    }

    /// <summary>Answers one message line and returns the response as a string (for tests and small messages).</summary>
    public string Handle(string line)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Handle(line, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteStart(Utf8JsonWriter writer, JsonElement id)
    {
        writer.WriteStartObject();
        WriteId(writer, id);
        writer.WriteString("tool", ToolName);
        writer.WritePropertyName("config");
        JsonSerializer.Serialize(writer, ToolConfig.Current, GradBenchJson.Default.ToolConfig);
        writer.WriteEndObject();
    }

    private void WriteDefine(Utf8JsonWriter writer, Message message)
    {
        if (!TryGetModule(message, out EvalModule? module, out string? error))
        {
            WriteFailure(writer, message.Id, error);
            return;
        }
        try
        {
            module.WarmUp();
        }
        catch (Exception e)
        {
            WriteFailure(writer, message.Id, $"Warming up '{module.Name}' failed: {Describe(e)}");
            return;
        }
        writer.WriteStartObject();
        WriteId(writer, message.Id);
        writer.WriteBoolean("success", true);
        writer.WriteEndObject();
    }

    private void WriteEvaluate(Utf8JsonWriter writer, Message message, IBufferWriter<byte> response)
    {
        if (!TryGetModule(message, out EvalModule? module, out string? error))
        {
            WriteFailure(writer, message.Id, error);
            return;
        }
        if (message.Function is null || message.Input is null)
        {
            WriteFailure(writer, message.Id, "An evaluate message needs a 'function' and an 'input'.");
            return;
        }
        // The successful answer is written into a scratch buffer first: a failure half-way (an exception, or an output
        // JSON cannot carry, such as NaN) then still gets a clean success:false line.
        var success = new ArrayBufferWriter<byte>();
        try
        {
            IComputation computation = module.Prepare(message.Function, message.Input.Value);
            Runs runs = Runs.From(message.Input.Value);
            List<Timing> timings = TimedRuns.Measure(computation, runs);
            using (var successWriter = new Utf8JsonWriter(success, WriterOptions))
            {
                successWriter.WriteStartObject();
                WriteId(successWriter, message.Id);
                successWriter.WriteBoolean("success", true);
                successWriter.WritePropertyName("output");
                WriteOutput(computation, successWriter);
                successWriter.WritePropertyName("timings");
                JsonSerializer.Serialize(successWriter, timings, GradBenchJson.Default.ListTiming);
                successWriter.WriteEndObject();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WriteFailure(writer, message.Id, $"{module.Name}::{message.Function}: {Describe(e)}");
            return;
        }
        writer.Flush();
        response.Write(success.WrittenSpan);
    }

    private static void WriteOutput(IComputation computation, Utf8JsonWriter writer)
    {
        try
        {
            computation.WriteOutput(writer);
        }
        catch (ArgumentException e)
        {
            // System.Text.Json refuses NaN and ±Infinity, as GradBench's intermediary would.
            throw new InvalidOperationException($"the output cannot be written as JSON, probably a NaN or infinite value ({e.Message})", e);
        }
    }

    private bool TryGetModule(Message message, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EvalModule? module, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        module = null;
        if (message.Module is null)
        {
            error = $"A {message.Kind} message needs a 'module'.";
            return false;
        }
        if (!_modules.TryGetValue(message.Module, out module))
        {
            error = $"Unknown module '{message.Module}'; this tool has {string.Join(", ", _modules.Keys.Order(StringComparer.Ordinal))}.";
            return false;
        }
        error = null;
        return true;
    }

    private void LogAnalysis(Message message)
    {
        if (message.Valid == false)
        {
            log.WriteLine($"{ToolName}: evaluation {message.Of?.GetRawText()} was judged invalid: {message.Error}");
        }
    }

    private static string Describe(Exception e) => e switch
    {
        InvalidInputException => e.Message,
        InvalidOperationException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static void WriteFailure(Utf8JsonWriter writer, JsonElement? id, string error)
    {
        writer.WriteStartObject();
        if (id is { } known)
        {
            WriteId(writer, known);
        }
        else
        {
            writer.WriteNull("id");
        }
        writer.WriteBoolean("success", false);
        writer.WriteString("error", error);
        writer.WriteEndObject();
    }

    private static void WriteIdOnly(Utf8JsonWriter writer, JsonElement id)
    {
        writer.WriteStartObject();
        WriteId(writer, id);
        writer.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement id)
    {
        writer.WritePropertyName("id");
        id.WriteTo(writer);
    }

    /// <summary>The id of a message that could not be read as a whole, when its JSON at least has one.</summary>
    private static JsonElement? IdOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out JsonElement id)
                ? id.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
