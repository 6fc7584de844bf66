using System.Globalization;
using System.Xml.Linq;
using SourceAD.Graphs;

namespace SourceAD.Runtime.Tests.Graphs;

/// <summary>What the DOT, Mermaid and SVG texts say, and that they say it the same way every time.</summary>
public sealed class RenderingTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Dot_LabelsNodesWithValueAndAdjointAndEdgesWithValueAndLocalDerivative()
    {
        string dot = HandBuiltGraphs.J().ToDot();
        Assert.StartsWith("digraph \"J\" {", dot);
        Assert.Contains("rankdir=LR;", dot);
        Assert.Contains("n3 [label=\"u = b * c\\n= 6\\n∂J/∂u = 3\"", dot);
        Assert.Contains("n5 [label=\"return 3 * v\\n= 33\\n∂J/∂J = 1\", peripheries=2", dot);
        Assert.Contains("n1 [label=\"b\\n3\\n∂J/∂b = 6\", shape=ellipse", dot);
        Assert.Contains("n1 -> n3 [label=\"3\\n∂u/∂b = 2\"];", dot);
        Assert.Contains("n4 -> n5 [label=\"11\\n∂J/∂v = 3\"];", dot);
    }

    [Fact]
    public void Dot_DrawsConstantsDashedAndCallsAsClusters()
    {
        ComputationGraph g = CallGraph();
        string dot = g.ToDot();
        Assert.Contains("n1 [label=\"t\\n0.25\", shape=ellipse, style=\"dashed,filled\"", dot);
        Assert.Contains("subgraph cluster_0 {", dot);
        Assert.Contains("label=\"call y = Square(x)\";", dot);
    }

    [Fact]
    public void Mermaid_IsAFlowchartWithTheSameLabels()
    {
        string mermaid = HandBuiltGraphs.J().ToMermaid();
        Assert.StartsWith("flowchart LR\n", mermaid);
        Assert.Contains("n0([\"a<br/>5<br/>∂J/∂a = 3\"])", mermaid);
        Assert.Contains("n3[\"u = b * c<br/>= 6<br/>∂J/∂u = 3\"]", mermaid);
        Assert.Contains("n1 -->|\"3<br/>∂u/∂b = 2\"| n3", mermaid);
        Assert.Contains("class n5 result", mermaid);
        Assert.Contains("subgraph c0[\"call y = Square(x)\"]", CallGraph().ToMermaid());
    }

    [Fact]
    public void Mermaid_EscapesItsSyntaxCharacters()
    {
        var g = new GraphBuilder("F");
        int x = g.Input("x", 1.0);
        int y = g.Operation("y = x > 0 ? x : \"#\".Length", "?:", 1.0, [(x, 1.0)]);
        string mermaid = g.Build(y).ToMermaid();
        Assert.Contains("y = x #gt; 0 ? x : #quot;#35;#quot;.Length", mermaid);
    }

    [Fact]
    public void Svg_IsWellFormedAndCarriesEveryLabel()
    {
        string svg = HandBuiltGraphs.J().ToSvg();
        XDocument document = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        string[] texts = document.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        foreach (string label in new[] { "a", "5", "∂J/∂a = 3", "b", "∂J/∂b = 6", "∂J/∂c = 9", "u = b * c", "= 6", "v = a + u", "= 11", "return 3 * v", "= 33", "∂J/∂J = 1", "∂u/∂b = 2", "∂u/∂c = 3", "∂J/∂v = 3" })
        {
            Assert.Contains(label, texts);
        }
        Assert.Equal(6, document.Descendants(Svg + "g").Count(e => (string?)e.Attribute("class") is { } c && c.StartsWith("node", StringComparison.Ordinal)));
        Assert.Equal(5, document.Descendants(Svg + "path").Count(e => (string?)e.Attribute("class") == "edge"));
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "image" or "foreignObject");
        Assert.DoesNotContain("http://", svg.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public void Renderings_AreDeterministic()
    {
        ComputationGraph first = HandBuiltGraphs.LogisticRegression(0.1, -0.2, 0.05, 1.5, -0.5, 1);
        ComputationGraph second = HandBuiltGraphs.LogisticRegression(0.1, -0.2, 0.05, 1.5, -0.5, 1);
        Assert.Equal(first.ToSvg(), second.ToSvg());
        Assert.Equal(first.ToDot(), second.ToDot());
        Assert.Equal(first.ToMermaid(), second.ToMermaid());
        Assert.Equal(first.ToSvg(), first.ToSvg());
    }

    [Fact]
    public void Numbers_AreShortestRoundTripInvariant()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("33", ((GraphValue)33.0).ToString());
            Assert.Equal("0.0484", ((GraphValue)0.0484).ToString());
            Assert.Equal("0.30000000000000004", ((GraphValue)(0.1 + 0.2)).ToString());
            Assert.Equal("0.1", ((GraphValue)0.1f).ToString());
            Assert.Equal("1E-05", ((GraphValue)1e-5).ToString());
            Assert.Equal("-∞", ((GraphValue)double.NegativeInfinity).ToString());
            Assert.Equal("NaN", ((GraphValue)double.NaN).ToString());
            Assert.Contains("v = a + u\\n= 11", HandBuiltGraphs.J(a: 5, b: 3, c: 2).ToDot());
            Assert.Contains("= 0.04843195237503251", HandBuiltGraphs.TwoWeightNetwork().ToSvg());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Page_InlinesEverySvgWithItsCaption()
    {
        string html = GraphPage.ToHtml("Seeds", [("J = 3(a + bc)", HandBuiltGraphs.J()), ("two weights", HandBuiltGraphs.TwoWeightNetwork())]);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(2, html.Split("<svg xmlns=").Length - 1);
        Assert.Contains("<figcaption>J = 3(a + bc)</figcaption>", html);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("<script", html);
    }

    /// <summary>y = Square(x) as a call cluster, then L = y − t with a constant t.</summary>
    internal static ComputationGraph CallGraph()
    {
        var g = new GraphBuilder("L");
        int x = g.Input("x", 1.5);
        int t = g.Constant("t", 0.25);
        g.BeginCall("y = Square(x)");
        int y = g.Operation("return x * x", "*", 2.25, [(x, 1.5), (x, 1.5)], static v => v[0] * v[1]);
        g.EndCall(y);
        int l = g.Operation("return y - t", "-", 2.0, [(y, 1.0), (t, -1.0)], static v => v[0] - v[1], variable: "L");
        return g.Build(l);
    }
}
