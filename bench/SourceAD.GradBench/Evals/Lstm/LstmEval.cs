using System;
using System.Text.Json.Serialization;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals.Lstm;

/// <summary>
/// The <c>lstm</c> eval: <c>objective</c> is the loss, <c>jacobian</c> its generated gradient, flat: main_params row by
/// row, then extra_params row by row.
/// </summary>
public static class LstmEval
{
    public static EvalModule Module { get; } = new EvalModule<LstmInput>(
        "lstm",
        GradBenchJson.Default.LstmInput,
        WarmUpInput,
        [
            ("objective", input => Objective(LstmProblem.From(input))),
            ("jacobian", input => Jacobian(LstmProblem.From(input))),
        ]);

    private static IComputation Objective(LstmProblem p) =>
        Computation.Of(() => LstmObjective.Objective(p.MainParams, p.ExtraParams, p.State, p.Sequence, p.L, p.C, p.B), GradBenchJson.Default.Double);

    private static IComputation Jacobian(LstmProblem p)
    {
        var gradient = new double[p.MainParams.Length + p.ExtraParams.Length];
        return Computation.Of(
            () =>
            {
                LstmObjective.ObjectiveBackward(
                    p.MainParams, p.ExtraParams, p.State, p.Sequence, p.L, p.C, p.B,
                    gradient.AsSpan(0, p.MainParams.Length), gradient.AsSpan(p.MainParams.Length));
                return gradient;
            },
            GradBenchJson.Default.DoubleArray);
    }

    private static LstmInput WarmUpInput()
    {
        const int l = 2, b = 3, c = 5;
        return new LstmInput(
            Layout.Rows(WarmUpData.Uniform(2 * l * 4 * b, seed: 10), 2 * l, 4 * b),
            Layout.Rows(WarmUpData.Uniform(3 * b, seed: 11), 3, b),
            Layout.Rows(WarmUpData.Uniform(2 * l * b, seed: 12), 2 * l, b),
            Layout.Rows(WarmUpData.Uniform(c * b, seed: 13), c, b));
    }
}

/// <summary>The input of <c>lstm</c>: <c>main_params [2l][4b]</c>, <c>extra_params [3][b]</c>, <c>state [2l][b]</c>, <c>sequence [c][b]</c>.</summary>
public sealed record LstmInput(
    [property: JsonPropertyName("main_params")] double[][] MainParams,
    [property: JsonPropertyName("extra_params")] double[][] ExtraParams,
    [property: JsonPropertyName("state")] double[][] State,
    [property: JsonPropertyName("sequence")] double[][] Sequence);

/// <summary>An <see cref="LstmInput"/> checked and flattened; l, b and c are read off the shapes as the reference does.</summary>
public sealed record LstmProblem(int L, int C, int B, double[] MainParams, double[] ExtraParams, double[] State, double[] Sequence)
{
    public static LstmProblem From(LstmInput input)
    {
        double[] mainParams = Layout.Flatten(input.MainParams, "main_params", out int mainColumns);
        if (input.MainParams.Length % 2 != 0 || mainColumns % 4 != 0 || mainColumns == 0)
        {
            throw new InvalidInputException($"lstm's main_params must be 2l rows of 4b values (got {input.MainParams.Length} rows of {mainColumns}).");
        }
        int l = input.MainParams.Length / 2;
        int b = mainColumns / 4;
        double[] sequence = Layout.Flatten(input.Sequence, "sequence", out int bits);
        if (bits != b || input.Sequence.Length < 2)
        {
            throw new InvalidInputException($"lstm's sequence must be at least 2 rows of b = {b} values (got {input.Sequence.Length} rows of {bits}).");
        }
        return new LstmProblem(
            l, input.Sequence.Length, b, mainParams,
            Layout.Flatten(input.ExtraParams, 3, b, "extra_params"),
            Layout.Flatten(input.State, 2 * l, b, "state"),
            sequence);
    }
}
