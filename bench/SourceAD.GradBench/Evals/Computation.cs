using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SourceAD.GradBench.Evals;

/// <summary>
/// A computation whose run returns <typeparamref name="TResult"/> and whose output is <c>present(result)</c>,
/// serialised as <typeparamref name="TOutput"/>.
/// </summary>
public sealed class Computation<TResult, TOutput>(Func<TResult> run, Func<TResult, TOutput> present, JsonTypeInfo<TOutput> outputType)
    : IComputation
{
    private TResult? _result;
    private bool _hasRun;

    public void Run()
    {
        _result = run();
        _hasRun = true;
    }

    public void WriteOutput(Utf8JsonWriter writer)
    {
        if (!_hasRun)
        {
            throw new InvalidOperationException("The computation has not run yet.");
        }
        JsonSerializer.Serialize(writer, present(_result!), outputType);
    }
}

/// <summary>Factories for <see cref="Computation{TResult, TOutput}"/>.</summary>
public static class Computation
{
    /// <summary>A computation whose result is its output.</summary>
    public static IComputation Of<TOutput>(Func<TOutput> run, JsonTypeInfo<TOutput> outputType) =>
        new Computation<TOutput, TOutput>(run, result => result, outputType);

    /// <summary>A computation whose result is converted to the eval's layout after the timed runs.</summary>
    public static IComputation Of<TResult, TOutput>(Func<TResult> run, Func<TResult, TOutput> present, JsonTypeInfo<TOutput> outputType) =>
        new Computation<TResult, TOutput>(run, present, outputType);
}
