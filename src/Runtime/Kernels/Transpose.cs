using System;

namespace SourceAD;

/// <summary>Cache-blocked transpose of a row-major matrix.</summary>
internal static class Transpose
{
    private const int Tile = 32;

    /// <summary>
    /// <c>destination[j, i] = source[i, j]</c> (or <c>+=</c> when <paramref name="accumulate"/>) for a
    /// <paramref name="rows"/>×<paramref name="columns"/> source.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns, bool accumulate)
    {
        for (int i0 = 0; i0 < rows; i0 += Tile)
        {
            int i1 = Math.Min(rows, i0 + Tile);
            for (int j0 = 0; j0 < columns; j0 += Tile)
            {
                int j1 = Math.Min(columns, j0 + Tile);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = j0; j < j1; j++)
                    {
                        float value = source[i * columns + j];
                        destination[j * rows + i] = accumulate ? destination[j * rows + i] + value : value;
                    }
                }
            }
        }
    }
}
