using System.Text.Json.Serialization;

namespace SourceAD.GradBench.Protocol;

/// <summary>What the tool reports in its <c>start</c> response: it runs every function on one thread.</summary>
public sealed record ToolConfig(
    [property: JsonPropertyName("multithreaded")] bool Multithreaded,
    [property: JsonPropertyName("runtime")] string Runtime)
{
    public static ToolConfig Current { get; } = new(false, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
}
