using System.Globalization;

namespace SourceAD.Graphs;

/// <summary>Numbers as the pictures print them: shortest round-trip, invariant culture (33, 9, 0.0484), ∞ for infinities.</summary>
internal static class GraphNumber
{
    public static string Format(double value) =>
        double.IsInfinity(value) ? (value > 0 ? "∞" : "-∞") : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(float value) =>
        float.IsInfinity(value) ? (value > 0 ? "∞" : "-∞") : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(double value, bool singlePrecision) => singlePrecision ? Format((float)value) : Format(value);
}
