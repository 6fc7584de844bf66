using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Ba;

/// <summary>The input of <c>ba</c>: sizes n, m, p and one camera, point, weight and feature that the tool replicates.</summary>
public sealed record BaInput(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("m")] int M,
    [property: JsonPropertyName("p")] int P,
    [property: JsonPropertyName("cam")] double[] Cam,
    [property: JsonPropertyName("x")] double[] X,
    [property: JsonPropertyName("w")] double W,
    [property: JsonPropertyName("feat")] double[] Feat);

/// <summary>
/// A bundle-adjustment problem as the reference's <c>from_json</c> builds it: n cameras, m points, p weights and
/// features (copies of the input's), observation i seeing point i mod m from camera i mod n.
/// </summary>
public sealed class BaProblem
{
    public const int CameraParameters = 11;

    private BaProblem(int n, int m, int p, double[] cams, double[] x, double[] w, double[] feats)
    {
        N = n;
        M = m;
        P = p;
        Cams = cams;
        X = x;
        W = w;
        Feats = feats;
    }

    public int N { get; }
    public int M { get; }
    public int P { get; }
    public double[] Cams { get; }
    public double[] X { get; }
    public double[] W { get; }
    public double[] Feats { get; }

    public int CameraOf(int observation) => observation % N;

    public int PointOf(int observation) => observation % M;

    public static BaProblem From(BaInput input)
    {
        if (input.N < 1 || input.M < 1 || input.P < 1)
        {
            throw new InvalidInputException($"ba needs n, m, p ≥ 1 (got n = {input.N}, m = {input.M}, p = {input.P}).");
        }
        double[] cam = Layout.Checked(input.Cam, CameraParameters, "cam");
        double[] point = Layout.Checked(input.X, 3, "x");
        double[] feat = Layout.Checked(input.Feat, 2, "feat");
        return new BaProblem(
            input.N, input.M, input.P, Replicate(cam, input.N), Replicate(point, input.M), Replicate([input.W], input.P), Replicate(feat, input.P));
    }

    private static double[] Replicate(double[] values, int count)
    {
        var result = new double[values.Length * count];
        for (int i = 0; i < count; i++)
        {
            values.CopyTo(result, i * values.Length);
        }
        return result;
    }
}
