using System.Xml.Linq;
using SourceAD.Graphs;
using SourceAD.Samples.Graphs;

namespace SourceAD.Browser.Tests;

/// <summary>The DOT output as Graphviz reads it: `dot -Tsvg` accepts it without a warning and draws every node, edge and cluster with its labels.</summary>
public sealed class GraphvizTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Graphs => ["seed", "two-weight network", "logistic regression"];

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Dot_IsAcceptedAndDrawsEveryPart(string name)
    {
        ComputationGraph graph = name switch
        {
            "seed" => Seeds.JGraph(5, 3, 2),
            "two-weight network" => Seeds.LossGraph(0.5, 0.5, 1, 0),
            _ => Seeds.CrossEntropyGraph(0.1, -0.2, 0.05, 1.5, -0.5, 1),
        };
        XDocument svg = Render(graph.ToDot());
        Assert.Equal(graph.Nodes.Count, Groups(svg, "node").Count());
        Assert.Equal(graph.Edges.Count, Groups(svg, "edge").Count());
        Assert.Equal(graph.Clusters.Count, Groups(svg, "cluster").Count());
        string[] texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.Contains($"= {graph.ResultNode.Value}", texts);
        foreach (GraphNode node in graph.Nodes)
        {
            Assert.Contains(node.Label, texts);
        }
    }

    [Fact]
    public void SeedDot_CarriesTheSeedsFigures()
    {
        string[] texts = Render(Seeds.JGraph(5, 3, 2).ToDot()).Descendants(Svg + "text").Select(t => t.Value).ToArray();
        foreach (string label in new[] { "= 33", "∂J/∂a = 3", "∂J/∂b = 6", "∂J/∂c = 9", "∂u/∂b = 2", "∂u/∂c = 3" })
        {
            Assert.Contains(label, texts);
        }
    }

    private static XDocument Render(string dot)
    {
        var (exitCode, output, error) = ExternalProgram.Run("dot", ["-Tsvg"], input: dot);
        Assert.True(exitCode == 0, error);
        Assert.Equal("", error.Trim());
        return XDocument.Parse(output);
    }

    private static IEnumerable<XElement> Groups(XDocument svg, string kind) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == kind);
}
