using System.Text;
using System.Text.Json;
using SourceAD.GradBench.Evals;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench.Tests;

/// <summary>A scripted conversation through the tool's message loop, as GradBench's intermediary would hold it.</summary>
public sealed class ProtocolConversationTests
{
    private static readonly string[] AllEvals = ["ba", "det", "gmm", "hello", "ht", "kmeans", "llsq", "lse", "lstm", "ode", "particle", "saddle"];

    [Fact]
    public void AConversationGetsOneResponsePerMessageAndEndsWithItsInput()
    {
        var script = new List<string> { """{"id": 0, "kind": "start", "eval": "hello", "config": {"anything": [1, 2]}}""" };
        int id = 1;
        foreach (string eval in AllEvals)
        {
            script.Add($$"""{"id": {{id++}}, "kind": "define", "module": "{{eval}}"}""");
        }
        script.Add($$"""{"id": {{id++}}, "kind": "define", "module": "nosuch"}""");
        script.Add($$"""{"id": {{id++}}, "kind": "evaluate", "module": "hello", "function": "square", "input": 3.0}""");
        script.Add($$"""{"id": {{id++}}, "kind": "evaluate", "module": "lse", "function": "gradient", "input": {"x": "not numbers"} }""");
        script.Add($$"""{"id": {{id++}}, "kind": "analysis", "of": {{id - 3}}, "valid": true}""");
        script.Add($$"""{"id": {{id++}}, "kind": "analysis", "of": {{id - 3}}, "valid": false, "error": "mismatch"}""");
        script.Add($$"""{"id": {{id++}}, "kind": "evaluate", "module": "hello", "function": "double", "input": 5.0}""");

        List<JsonElement> responses = Converse(script);

        Assert.Equal(script.Count, responses.Count);
        for (int i = 0; i < responses.Count; i++)
        {
            Assert.Equal(i, responses[i].GetProperty("id").GetInt32());
        }
        Assert.Equal(ProtocolHandler.ToolName, responses[0].GetProperty("tool").GetString());
        Assert.False(responses[0].GetProperty("config").GetProperty("multithreaded").GetBoolean());
        for (int i = 1; i <= AllEvals.Length; i++)
        {
            Assert.True(responses[i].GetProperty("success").GetBoolean(), responses[i].GetRawText());
            Assert.False(responses[i].TryGetProperty("error", out _));
        }
        JsonElement unknown = responses[AllEvals.Length + 1];
        Assert.False(unknown.GetProperty("success").GetBoolean());
        Assert.Contains("Unknown module 'nosuch'", unknown.GetProperty("error").GetString());
        JsonElement square = responses[AllEvals.Length + 2];
        Assert.Equal(9.0, square.GetProperty("output").GetDouble());
        Assert.All(square.GetProperty("timings").EnumerateArray(), t => Assert.Equal("evaluate", t.GetProperty("name").GetString()));
        JsonElement bad = responses[AllEvals.Length + 3];
        Assert.False(bad.GetProperty("success").GetBoolean());
        Assert.Contains("does not have the eval's shape", bad.GetProperty("error").GetString());
        Assert.Equal(["id"], responses[AllEvals.Length + 4].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id"], responses[AllEvals.Length + 5].EnumerateObject().Select(p => p.Name));
        Assert.Equal(10.0, responses[^1].GetProperty("output").GetDouble());
    }

    [Theory]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "hello", "function": "cube", "input": 2}""", "has no function 'cube'")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "hello", "input": 2}""", "needs a 'function' and an 'input'")]
    [InlineData("""{"id": 4, "kind": "evaluate", "function": "square", "input": 2}""", "needs a 'module'")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "lse", "function": "primal", "input": {"x": []}}""", "non-empty x")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "lse", "function": "primal", "input": {}}""", "does not have the eval's shape")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "lse", "function": "primal", "input": {"x": null}}""", "does not have the eval's shape")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "det", "function": "primal", "input": {"A": [1, 2, 3], "ell": 2}}""", "ell² = 4 entries")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "lse", "function": "primal", "input": {"x": [1], "min_runs": 0}}""", "min_runs must be at least 1")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "llsq", "function": "primal", "input": {"x": [1e308, 1e308], "n": 4}}""", "cannot be written as JSON")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "kmeans", "function": "dir", "input": {"points": [[1, 2]], "centroids": [[1]]}}""", "'centroids[0]' must have 2 values")]
    [InlineData("""{"id": 4, "kind": "evaluate", "module": "gmm", "function": "objective", "input": {"d": 2, "k": 1, "n": 1, "x": [[1, 2]], "m": 0, "gamma": 1, "alpha": [0], "mu": [[1]], "q": [[0, 0]], "l": [[0]]}}""", "'mu[0]' must have 2 values")]
    public void BadInputIsAnsweredWithAnErrorAndTheNextMessageIsStillServed(string message, string error)
    {
        List<JsonElement> responses = Converse([message, """{"id": 5, "kind": "evaluate", "module": "hello", "function": "square", "input": 2}"""]);

        Assert.Equal(4, responses[0].GetProperty("id").GetInt32());
        Assert.False(responses[0].GetProperty("success").GetBoolean());
        Assert.Contains(error, responses[0].GetProperty("error").GetString());
        Assert.Equal(4.0, responses[1].GetProperty("output").GetDouble());
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("""{"kind": "start"}""")]
    [InlineData("null")]
    public void AMessageThatIsNotAProtocolMessageGetsAnErrorWithoutAnId(string line)
    {
        JsonElement response = Converse([line]).Single();
        Assert.Equal(JsonValueKind.Null, response.GetProperty("id").ValueKind);
        Assert.False(response.GetProperty("success").GetBoolean());
    }

    [Fact]
    public void EvaluateRepeatsUntilBothMinRunsAndMinSecondsAreMet()
    {
        JsonElement many = Converse(["""{"id": 1, "kind": "evaluate", "module": "lse", "function": "primal", "input": {"x": [1, 2], "min_runs": 5, "min_seconds": 0}}"""]).Single();
        JsonElement longEnough = Converse(["""{"id": 2, "kind": "evaluate", "module": "lse", "function": "primal", "input": {"x": [1, 2], "min_runs": 1, "min_seconds": 0.02}}"""]).Single();

        Assert.Equal(5, many.GetProperty("timings").GetArrayLength());
        long total = longEnough.GetProperty("timings").EnumerateArray().Sum(t => t.GetProperty("nanoseconds").GetInt64());
        Assert.True(total >= 20_000_000, $"{total} ns");
        Assert.True(longEnough.GetProperty("timings").GetArrayLength() > 1);
    }

    private static List<JsonElement> Converse(IReadOnlyList<string> lines)
    {
        var output = new MemoryStream();
        ProtocolLoop.Run(new StringReader(string.Join("\n", lines) + "\n"), output, new ProtocolHandler(EvalRegistry.All, TextWriter.Null));
        string text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }
}
