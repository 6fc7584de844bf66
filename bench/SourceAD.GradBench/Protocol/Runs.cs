using System.Text.Json;

namespace SourceAD.GradBench.Protocol;

/// <summary>
/// How often an evaluation repeats its function: until it has done at least <see cref="MinRuns"/> runs and spent at
/// least <see cref="MinSeconds"/> in them (GradBench's <c>min_runs</c>/<c>min_seconds</c>; 1 run and 0 s when absent).
/// </summary>
public sealed record Runs(int MinRuns, double MinSeconds)
{
    public static Runs Once { get; } = new(1, 0);

    /// <summary>Reads <c>min_runs</c> and <c>min_seconds</c> from an input object, if it is one.</summary>
    public static Runs From(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            return Once;
        }
        int minRuns = input.TryGetProperty("min_runs", out JsonElement runs) ? ReadInt(runs) : 1;
        double minSeconds = input.TryGetProperty("min_seconds", out JsonElement seconds) ? ReadDouble(seconds) : 0;
        if (minRuns < 1 || minSeconds < 0 || !double.IsFinite(minSeconds))
        {
            throw new InvalidInputException($"min_runs must be at least 1 and min_seconds a finite number ≥ 0 (got {minRuns} and {minSeconds}).");
        }
        return new Runs(minRuns, minSeconds);
    }

    private static int ReadInt(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result)
            ? result
            : throw new InvalidInputException($"min_runs must be an integer, not {value.GetRawText()}.");

    private static double ReadDouble(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InvalidInputException($"min_seconds must be a number, not {value.GetRawText()}.");
}
