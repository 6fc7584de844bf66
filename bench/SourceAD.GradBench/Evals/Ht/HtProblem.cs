using System;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Ht;

/// <summary>
/// An <see cref="HtInput"/> checked and flattened: 4×4 matrices row-major (16 per bone), base positions 4 per vertex,
/// weights one row of bone weights per vertex, points 3 per point, triangles 3 vertex indices each.
/// </summary>
public sealed class HtProblem
{
    public const int ThetaCount = 26;
    public const int MinimumBones = 21;

    private HtProblem(double[] theta, double[] us, int bones, int vertices, int[] parents, double[] baseRelatives, double[] inverseBaseAbsolutes,
        double[] basePositions, double[] weights, int[] triangles, bool isMirrored, int[] correspondences, double[] points)
    {
        Theta = theta;
        Us = us;
        Bones = bones;
        Vertices = vertices;
        Parents = parents;
        BaseRelatives = baseRelatives;
        InverseBaseAbsolutes = inverseBaseAbsolutes;
        BasePositions = basePositions;
        Weights = weights;
        Triangles = triangles;
        IsMirrored = isMirrored;
        Correspondences = correspondences;
        Points = points;
    }

    public double[] Theta { get; }
    /// <summary>(u₀, u₁) per point, or empty for the simple variant.</summary>
    public double[] Us { get; }
    public bool IsComplicated => Us.Length > 0;
    public int Bones { get; }
    public int Vertices { get; }
    public int[] Parents { get; }
    public double[] BaseRelatives { get; }
    public double[] InverseBaseAbsolutes { get; }
    public double[] BasePositions { get; }
    public double[] Weights { get; }
    public int[] Triangles { get; }
    public bool IsMirrored { get; }
    public int[] Correspondences { get; }
    public double[] Points { get; }
    public int PointCount => Correspondences.Length;

    public static HtProblem From(HtInput input)
    {
        HtModelInput model = input.Data.Model;
        int bones = model.BoneNames.Length;
        int vertices = model.BasePositions.Length;
        int pointCount = input.Data.Correspondences.Length;
        if (bones != model.BoneCount || model.Parents.Length != bones)
        {
            throw new InvalidInputException($"ht's model must have bone_count = {model.BoneCount} bone names and parents (got {bones} names, {model.Parents.Length} parents).");
        }
        // The pose has 3 columns (global rotation, scale, translation) and one per bone; the fingers' angles go up to column 23.
        if (bones < MinimumBones)
        {
            throw new InvalidInputException($"ht's model needs at least {MinimumBones} bones, for the fingers' pose columns (got {bones}).");
        }
        for (int i = 0; i < bones; i++)
        {
            if (model.Parents[i] >= i || model.Parents[i] < -1)
            {
                throw new InvalidInputException($"ht's bone {i} has parent {model.Parents[i]}; a parent must come earlier, or be −1.");
            }
        }
        double[] us = input.Us.Length == 0 ? [] : Layout.Flatten(input.Us, pointCount, 2, "us");
        int[] triangles = FlattenIndices(model.Triangles, 3, "triangles");
        int limit = us.Length > 0 ? model.Triangles.Length : vertices;
        foreach (int correspondence in input.Data.Correspondences)
        {
            if (correspondence < 0 || correspondence >= limit)
            {
                throw new InvalidInputException($"ht's correspondence {correspondence} is not a {(us.Length > 0 ? "triangle" : "vertex")} index below {limit}.");
            }
        }
        foreach (int vertex in triangles)
        {
            if (vertex < 0 || vertex >= vertices)
            {
                throw new InvalidInputException($"ht's triangle vertex {vertex} is not below the {vertices} vertices.");
            }
        }
        return new HtProblem(
            Layout.Checked(input.Theta, ThetaCount, "theta"), us, bones, vertices, model.Parents,
            FlattenMatrices(model.BaseRelatives, bones, "base_relatives"),
            FlattenMatrices(model.InverseBaseAbsolutes, bones, "inverse_base_absolutes"),
            Layout.Flatten(model.BasePositions, vertices, 4, "base_positions"),
            Layout.Flatten(model.Weights, vertices, bones, "weights"),
            triangles, model.IsMirrored, input.Data.Correspondences,
            Layout.Flatten(input.Data.Points, pointCount, 3, "points"));
    }

    private static double[] FlattenMatrices(double[][][] matrices, int count, string name)
    {
        if (matrices.Length != count)
        {
            throw new InvalidInputException($"'{name}' must have {count} matrices, but has {matrices.Length}.");
        }
        var flat = new double[16 * count];
        for (int i = 0; i < count; i++)
        {
            Layout.Flatten(matrices[i], 4, 4, $"{name}[{i}]").CopyTo(flat, 16 * i);
        }
        return flat;
    }

    private static int[] FlattenIndices(int[][] rows, int columns, string name)
    {
        var flat = new int[rows.Length * columns];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != columns)
            {
                throw new InvalidInputException($"'{name}[{i}]' must have {columns} values, but has {rows[i].Length}.");
            }
            rows[i].CopyTo(flat, i * columns);
        }
        return flat;
    }
}
