using System.Text.Json.Serialization;

namespace SourceAD.GradBench.Evals.Ht;

/// <summary>The input of <c>ht</c>: pose θ (26), the correspondences' barycentric (u₀, u₁) (complicated) or [] (simple), the data.</summary>
public sealed record HtInput(
    [property: JsonPropertyName("theta")] double[] Theta,
    [property: JsonPropertyName("data")] HtDataInput Data,
    [property: JsonPropertyName("us")] double[][] Us);

/// <summary>The hand model, and per point its position and the vertex (simple) or triangle (complicated) it corresponds to.</summary>
public sealed record HtDataInput(
    [property: JsonPropertyName("model")] HtModelInput Model,
    [property: JsonPropertyName("correspondences")] int[] Correspondences,
    [property: JsonPropertyName("points")] double[][] Points);

/// <summary>The hand model as the eval sends it: 4×4 matrices row by row, one row per vertex.</summary>
public sealed record HtModelInput(
    [property: JsonPropertyName("bone_count")] int BoneCount,
    [property: JsonPropertyName("bone_names")] string[] BoneNames,
    [property: JsonPropertyName("parents")] int[] Parents,
    [property: JsonPropertyName("base_relatives")] double[][][] BaseRelatives,
    [property: JsonPropertyName("inverse_base_absolutes")] double[][][] InverseBaseAbsolutes,
    [property: JsonPropertyName("base_positions")] double[][] BasePositions,
    [property: JsonPropertyName("weights")] double[][] Weights,
    [property: JsonPropertyName("triangles")] int[][] Triangles,
    [property: JsonPropertyName("is_mirrored")] bool IsMirrored);
