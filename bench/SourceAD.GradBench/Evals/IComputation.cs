using System.Text.Json;

namespace SourceAD.GradBench.Evals;

/// <summary>
/// One function applied to one input, with the input already parsed and converted: <see cref="Run"/> is what the tool
/// times, <see cref="WriteOutput"/> turns the last run's result into the eval's JSON layout (not timed).
/// </summary>
public interface IComputation
{
    void Run();

    void WriteOutput(Utf8JsonWriter writer);
}
