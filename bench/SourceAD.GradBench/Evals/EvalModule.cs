using System.Collections.Generic;
using System.Text.Json;

namespace SourceAD.GradBench.Evals;

/// <summary>One GradBench eval as this tool implements it: its functions, how to prepare them, how to warm them up.</summary>
public abstract class EvalModule
{
    /// <summary>The eval's name, which is also the module name of its messages.</summary>
    public abstract string Name { get; }

    /// <summary>The names of the eval's functions, in the order the eval calls them.</summary>
    public abstract IReadOnlyList<string> Functions { get; }

    /// <summary>Parses and converts <paramref name="input"/> for <paramref name="function"/> (the part that is not timed).</summary>
    /// <exception cref="Protocol.InvalidInputException">The input does not have the eval's shape.</exception>
    public abstract IComputation Prepare(string function, JsonElement input);

    /// <summary>Runs every function this tool can compute on a small input, so that no timing includes JIT compilation.</summary>
    public abstract void WarmUp();
}
