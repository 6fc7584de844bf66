using System.Linq;

namespace SourceAD.GradBench.Evals.Ht;

/// <summary>A tiny hand for warming up: 22 bones in a chain of identities, 4 vertices, 2 triangles, 2 points.</summary>
public static class HtWarmUp
{
    public static HtInput Input()
    {
        const int bones = 22, vertices = 4;
        double[][] identity = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
        var model = new HtModelInput(
            bones,
            Enumerable.Range(0, bones).Select(i => $"bone{i}").ToArray(),
            Enumerable.Range(-1, bones).ToArray(),
            Enumerable.Repeat(identity, bones).ToArray(),
            Enumerable.Repeat(identity, bones).ToArray(),
            Layout.Rows(WarmUpData.Uniform(4 * vertices, seed: 17), vertices, 4),
            Layout.Rows(WarmUpData.Uniform(bones * vertices, seed: 18), vertices, bones),
            [[0, 1, 2], [1, 2, 3]],
            false);
        return new HtInput(
            WarmUpData.Uniform(HtProblem.ThetaCount, seed: 19),
            new HtDataInput(model, [0, 1], Layout.Rows(WarmUpData.Uniform(6, seed: 20), 2, 3)),
            [[0.2, 0.3], [0.5, 0.1]]);
    }
}
