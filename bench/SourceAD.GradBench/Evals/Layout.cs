using System;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals;

/// <summary>Row-major flattening of the evals' nested lists, with the checks that give bad input a clear message.</summary>
public static class Layout
{
    /// <summary>Concatenates <paramref name="rows"/> (exactly <paramref name="rowCount"/> rows of <paramref name="columns"/> values).</summary>
    public static double[] Flatten(double[][] rows, int rowCount, int columns, string name)
    {
        if (rows.Length != rowCount)
        {
            throw new InvalidInputException($"'{name}' must have {rowCount} rows, but has {rows.Length}.");
        }
        var flat = new double[rowCount * columns];
        for (int i = 0; i < rowCount; i++)
        {
            Checked(rows[i], columns, $"{name}[{i}]").CopyTo(flat, i * columns);
        }
        return flat;
    }

    /// <summary>Concatenates rows that must all have the length of the first one; <paramref name="columns"/> receives it.</summary>
    public static double[] Flatten(double[][] rows, string name, out int columns)
    {
        if (rows.Length == 0)
        {
            throw new InvalidInputException($"'{name}' must have at least one row.");
        }
        columns = rows[0].Length;
        return Flatten(rows, rows.Length, columns, name);
    }

    /// <summary><paramref name="values"/> if it has exactly <paramref name="length"/> entries.</summary>
    public static double[] Checked(double[] values, int length, string name) =>
        values.Length == length
            ? values
            : throw new InvalidInputException($"'{name}' must have {length} values, but has {values.Length}.");

    /// <summary>Splits a row-major buffer into <paramref name="rowCount"/> rows of <paramref name="columns"/> values (the eval's nested lists).</summary>
    public static double[][] Rows(ReadOnlySpan<double> flat, int rowCount, int columns)
    {
        if (flat.Length != rowCount * columns)
        {
            throw new ArgumentException($"{flat.Length} values are not {rowCount} rows of {columns}.", nameof(flat));
        }
        var rows = new double[rowCount][];
        for (int i = 0; i < rowCount; i++)
        {
            rows[i] = flat.Slice(i * columns, columns).ToArray();
        }
        return rows;
    }
}
