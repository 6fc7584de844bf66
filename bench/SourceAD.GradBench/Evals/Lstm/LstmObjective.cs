using System;

namespace SourceAD.GradBench.Evals.Lstm;

/// <summary>
/// GradBench's <c>lstm</c> loss (<c>cpp/gradbench/evals/lstm.hpp</c>, from ADBench): l layers of b diagonal LSTM cells
/// run over c characters of b bits; the loss is the mean negative log-likelihood of each next character.
/// </summary>
public static partial class LstmObjective
{
    /// <summary>
    /// <paramref name="mainParams"/> holds per layer 8b values (weights forget, ingate, outgate, change, then the four
    /// biases), <paramref name="extraParams"/> the input weights, output weights and output biases (3b),
    /// <paramref name="state"/> per layer b hidden then b cell values, <paramref name="sequence"/> c rows of b.
    /// </summary>
    [Differentiable]
    public static double Objective(ReadOnlySpan<double> mainParams, ReadOnlySpan<double> extraParams, [NoDiff] ReadOnlySpan<double> state, [NoDiff] ReadOnlySpan<double> sequence, int l, int c, int b)
    {
        // The state is copied: the input is not changed.
        double[] layerState = new double[2 * l * b];
        for (int i = 0; i < 2 * l * b; i++)
        {
            layerState[i] = state[i];
        }
        double[] yPred = new double[b];
        double total = 0;
        int count = 0;
        for (int t = 0; t < c - 1; t++)
        {
            // lstm_predict: scale the input, run the layers (each one's input is the hidden state below it), project.
            for (int i = 0; i < b; i++)
            {
                yPred[i] = sequence[t * b + i] * extraParams[i];
            }
            for (int layer = 0; layer < l; layer++)
            {
                int p = 8 * b * layer;
                int hidden = 2 * b * layer;
                int cell = hidden + b;
                int below = hidden - 2 * b;
                for (int i = 0; i < b; i++)
                {
                    double input = layer == 0 ? yPred[i] : layerState[below + i];
                    double forget = 1 / (1 + Math.Exp(-(input * mainParams[p + i] + mainParams[p + 4 * b + i])));
                    double ingate = 1 / (1 + Math.Exp(-(layerState[hidden + i] * mainParams[p + b + i] + mainParams[p + 5 * b + i])));
                    double outgate = 1 / (1 + Math.Exp(-(input * mainParams[p + 2 * b + i] + mainParams[p + 6 * b + i])));
                    double change = Math.Tanh(layerState[hidden + i] * mainParams[p + 3 * b + i] + mainParams[p + 7 * b + i]);
                    layerState[cell + i] = layerState[cell + i] * forget + ingate * change;
                    layerState[hidden + i] = outgate * Math.Tanh(layerState[cell + i]);
                }
            }
            int top = 2 * b * (l - 1);
            for (int i = 0; i < b; i++)
            {
                yPred[i] = layerState[top + i] * extraParams[b + i] + extraParams[2 * b + i];
            }
            // log(Σ exp(ŷ) + 2), then the log-likelihood of the next character.
            double sum = 0;
            for (int i = 0; i < b; i++)
            {
                sum += Math.Exp(yPred[i]);
            }
            double lse = Math.Log(sum + 2);
            for (int i = 0; i < b; i++)
            {
                total += sequence[(t + 1) * b + i] * (yPred[i] - lse);
            }
            count += b;
        }
        return -total / count;
    }
}
