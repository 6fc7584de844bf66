using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Evals;

/// <summary>
/// An eval whose input deserialises to <typeparamref name="TInput"/>; each function turns that input into a computation.
/// </summary>
public sealed class EvalModule<TInput>(
    string name,
    JsonTypeInfo<TInput> inputType,
    Func<TInput> warmUpInput,
    IReadOnlyList<(string Name, Func<TInput, IComputation> Prepare)> functions) : EvalModule
{
    /// <summary>
    /// How often warm-up runs each function. The tool compiles every method fully optimised on first use (tiered
    /// compilation is off), so a few runs compile everything a function reaches.
    /// </summary>
    private const int WarmUpRuns = 3;

    public override string Name => name;

    public override IReadOnlyList<string> Functions { get; } = functions.Select(f => f.Name).ToArray();

    public override IComputation Prepare(string function, JsonElement input)
    {
        foreach ((string functionName, Func<TInput, IComputation> prepare) in functions)
        {
            if (functionName == function)
            {
                return prepare(Parse(input));
            }
        }
        throw new InvalidInputException($"The eval '{name}' has no function '{function}'; its functions are {string.Join(", ", Functions)}.");
    }

    public override void WarmUp()
    {
        TInput input = warmUpInput();
        foreach ((_, Func<TInput, IComputation> prepare) in functions)
        {
            IComputation computation = prepare(input);
            for (int run = 0; run < WarmUpRuns; run++)
            {
                computation.Run();
            }
        }
    }

    private TInput Parse(JsonElement input)
    {
        try
        {
            return JsonSerializer.Deserialize(input, inputType)
                ?? throw new InvalidInputException($"The input of '{name}' must not be null.");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"The input of '{name}' does not have the eval's shape: {e.Message}");
        }
    }
}
