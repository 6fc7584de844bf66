using System.Text.Json.Serialization;

namespace SourceAD.GradBench.Protocol;

/// <summary>One timing entry of a response: a name (<c>evaluate</c> per run) and integer nanoseconds.</summary>
public sealed record Timing(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("nanoseconds")] long Nanoseconds);
