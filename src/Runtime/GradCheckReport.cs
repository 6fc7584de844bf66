using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SourceAD;

/// <summary>The outcome of <see cref="GradCheck"/>: one <see cref="GradCheckEntry"/> per parameter, in order.</summary>
public sealed class GradCheckReport
{
    /// <summary>The tolerance <see cref="Passed"/> uses when none is given.</summary>
    public const double DefaultTolerance = 1e-6;

    internal GradCheckReport(GradCheckEntry[] entries)
    {
        Entries = entries;
        MaxError = entries.Max(e => e.Error);
    }

    /// <summary>The parameters' entries, in the order of the checked point's coordinates.</summary>
    public IReadOnlyList<GradCheckEntry> Entries { get; }

    /// <summary>The largest <see cref="GradCheckEntry.Error"/> over all parameters.</summary>
    public double MaxError { get; }

    /// <summary>The entry with the largest error.</summary>
    public GradCheckEntry Worst => Entries.First(e => e.Error == MaxError);

    /// <summary>Whether every parameter's error is at most <paramref name="tolerance"/>.</summary>
    /// <param name="tolerance">The largest acceptable error; non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative or NaN.</exception>
    public bool Passed(double tolerance = DefaultTolerance)
    {
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a non-negative number.");
        }
        return MaxError <= tolerance;
    }

    /// <summary>Renders the entries as an aligned table followed by the maximum error.</summary>
    public override string ToString()
    {
        string[] header = ["parameter", "analytic", "numeric", "error"];
        string[][] rows = Entries.Select(e => new[] { e.Label, Format(e.Analytic), Format(e.Numeric), e.Error.ToString("0.0E+00", CultureInfo.InvariantCulture) }).ToArray();
        int[] widths = header.Select((h, column) => rows.Select(r => r[column].Length).Prepend(h.Length).Max()).ToArray();

        var text = new StringBuilder();
        foreach (string[] row in rows.Prepend(header))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))).TrimEnd());
        }
        text.Append("max error ").Append(MaxError.ToString("0.0E+00", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string Format(double value) => value.ToString("G12", CultureInfo.InvariantCulture);
}
