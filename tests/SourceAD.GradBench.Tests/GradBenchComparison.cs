using System.Text.Json;

namespace SourceAD.GradBench.Tests;

/// <summary>
/// GradBench's validation rule (<c>python/gradbench/gradbench/comparison.py</c>): objects have the same keys, lists the
/// same lengths, integers are equal, and numbers a and b satisfy |a − b| / max(1, |a| + |b|) ≤ 1e-4.
/// </summary>
public static class GradBenchComparison
{
    public const double Tolerance = 1e-4;

    /// <summary>Every difference between <paramref name="expected"/> and <paramref name="actual"/>, with its path.</summary>
    public static List<string> Mismatches(JsonElement expected, JsonElement actual)
    {
        var mismatches = new List<string>();
        Compare(expected, actual, "", mismatches);
        return mismatches;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> mismatches)
    {
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            bool bothIntegers = IsInteger(expected) && IsInteger(actual);
            double a = expected.GetDouble(), b = actual.GetDouble();
            bool equal = bothIntegers ? a == b : Math.Abs(a - b) / Math.Max(1, Math.Abs(a) + Math.Abs(b)) <= Tolerance;
            if (!equal)
            {
                mismatches.Add($"{path}: {a} != {b}");
            }
            return;
        }
        if (expected.ValueKind != actual.ValueKind)
        {
            mismatches.Add($"{path}: {expected.ValueKind} != {actual.ValueKind}");
            return;
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).Order().ToList();
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).Order().ToList();
                if (!expectedKeys.SequenceEqual(actualKeys))
                {
                    mismatches.Add($"{path}: keys [{string.Join(", ", expectedKeys)}] != [{string.Join(", ", actualKeys)}]");
                    return;
                }
                foreach (string key in expectedKeys)
                {
                    Compare(expected.GetProperty(key), actual.GetProperty(key), $"{path}.{key}", mismatches);
                }
                return;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    mismatches.Add($"{path}: length {expected.GetArrayLength()} != {actual.GetArrayLength()}");
                    return;
                }
                int index = 0;
                foreach ((JsonElement e, JsonElement a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    Compare(e, a, $"{path}[{index++}]", mismatches);
                }
                return;
            default:
                if (expected.GetRawText() != actual.GetRawText())
                {
                    mismatches.Add($"{path}: {expected.GetRawText()} != {actual.GetRawText()}");
                }
                return;
        }
    }

    private static bool IsInteger(JsonElement number) => !number.GetRawText().AsSpan().ContainsAny(".eE");
}
