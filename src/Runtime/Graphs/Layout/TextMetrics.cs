using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Graphs;

/// <summary>
/// Sizes of the monospace text the SVG draws: 0.6 em a character, which fits DejaVu Sans Mono, Liberation Mono, Menlo
/// and Consolas alike, so boxes fit their text whichever of them the viewer has.
/// </summary>
internal static class TextMetrics
{
    public const double NodeFontSize = 12;
    public const double NodeLineHeight = 15;
    public const double LabelFontSize = 11;
    public const double LabelLineHeight = 13;

    public static double NodeWidth(IReadOnlyList<string> lines) => Longest(lines) * NodeFontSize * 0.6 + 18;

    public static double NodeHeight(IReadOnlyList<string> lines) => lines.Count * NodeLineHeight + 10;

    public static double LabelWidth(IReadOnlyList<string> lines) => Longest(lines) * LabelFontSize * 0.6 + 8;

    public static double LabelHeight(IReadOnlyList<string> lines) => lines.Count * LabelLineHeight + 4;

    private static int Longest(IReadOnlyList<string> lines) => lines.Count == 0 ? 0 : lines.Max(l => l.Length);
}
