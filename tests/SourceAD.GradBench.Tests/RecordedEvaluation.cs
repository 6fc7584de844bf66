using System.Text.Json;

namespace SourceAD.GradBench.Tests;

/// <summary>One line of the recorded data in <c>Data/</c>: an eval's input and the golden (manual) output.</summary>
public sealed record RecordedEvaluation(string File, int Line, string Eval, string Function, string? Description, JsonElement Input, JsonElement Output)
{
    public static IEnumerable<RecordedEvaluation> Read(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", file + ".jsonl");
        int line = 0;
        foreach (string text in System.IO.File.ReadLines(path))
        {
            line++;
            using var document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            yield return new RecordedEvaluation(
                file, line, root.GetProperty("eval").GetString()!, root.GetProperty("function").GetString()!,
                root.GetProperty("description").GetString(), root.GetProperty("input").Clone(), root.GetProperty("output").Clone());
        }
    }

    /// <summary>The <c>evaluate</c> message GradBench would send for this record, with the given id.</summary>
    public string EvaluateMessage(int id) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["kind"] = "evaluate", ["module"] = Eval, ["function"] = Function, ["input"] = Input, ["description"] = Description,
        });

    public override string ToString() => $"{File}:{Line} {Eval}::{Function} {Description}";
}
