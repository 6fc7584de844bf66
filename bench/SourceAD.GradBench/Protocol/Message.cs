using System.Text.Json;
using System.Text.Json.Serialization;

namespace SourceAD.GradBench.Protocol;

/// <summary>
/// One message from a GradBench eval: <c>start</c>, <c>define</c>, <c>evaluate</c> or <c>analysis</c>
/// (the fields of all four kinds; each kind uses its own).
/// </summary>
public sealed record Message(
    [property: JsonPropertyName("id")] JsonElement Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("module")] string? Module = null,
    [property: JsonPropertyName("function")] string? Function = null,
    [property: JsonPropertyName("input")] JsonElement? Input = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("of")] JsonElement? Of = null,
    [property: JsonPropertyName("valid")] bool? Valid = null,
    [property: JsonPropertyName("error")] string? Error = null);
