using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SourceAD.Graphs;

/// <summary>
/// A self-contained SVG of a <see cref="LayeredLayout"/>: no scripts, no external fonts or images. Values (dark) flow
/// forward on the edges; derivatives (purple) flow back: the adjoint in each node, the local derivative on each edge.
/// </summary>
internal static class SvgWriter
{
    private const string Font = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace";
    private const string DerivativeColour = "#6a1b9a";
    private const double HeaderFontSize = 13;

    public static string Write(ComputationGraph graph) => Write(graph, standalone: true);

    /// <summary>The SVG; <paramref name="standalone"/> adds the XML declaration a file needs and an HTML page does not.</summary>
    public static string Write(ComputationGraph graph, bool standalone)
    {
        GraphLayout layout = LayeredLayout.Compute(graph);
        string header = Header(graph);
        double width = Math.Max(layout.Width, header.Length * HeaderFontSize * 0.6 + 2 * LayeredLayout.Margin), height = layout.Height;
        var svg = new StringBuilder();
        if (standalone)
        {
            svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\" font-family=\"{Font}\" font-size=\"{F(TextMetrics.NodeFontSize)}\">\n");
        svg.Append($"<title>{Xml.Escape($"Computational graph of {graph.Name}")}</title>\n");
        svg.Append("<defs>\n");
        Marker(svg, "arrow", GraphStyle.Stroke);
        Marker(svg, "arrow-nonfinite", GraphStyle.NonFiniteStroke);
        svg.Append("</defs>\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append($"<text x=\"{F(LayeredLayout.Margin)}\" y=\"{F(LayeredLayout.Margin + 14)}\" font-size=\"{F(HeaderFontSize)}\" font-weight=\"bold\">{Xml.Escape(header)}</text>\n");
        foreach (ClusterBox box in layout.Clusters)
        {
            Cluster(svg, box);
        }
        foreach (EdgeRoute route in layout.Edges)
        {
            Edge(svg, route);
        }
        foreach (EdgeRoute route in layout.Edges)
        {
            EdgeLabel(svg, route);
        }
        foreach (NodeBox box in layout.Nodes)
        {
            Node(svg, graph, box);
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string Header(ComputationGraph graph)
    {
        string header = $"{graph.Name} = {graph.ResultNode.Value}: values flow forward on the edges, derivatives ∂{graph.Name}/∂· flow back";
        return graph.FirstNonFinite is { } first ? $"{header}; first non-finite: {first.Description}" : header;
    }

    private static void Marker(StringBuilder svg, string id, string colour) =>
        svg.Append($"<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>\n");

    private static void Cluster(StringBuilder svg, ClusterBox box)
    {
        GraphClusterKind kind = box.Cluster.Kind;
        string dash = kind == GraphClusterKind.Iteration ? " stroke-dasharray=\"5 3\"" : "";
        svg.Append($"<g class=\"cluster {kind.ToString().ToLowerInvariant()}\" data-cluster=\"{box.Cluster.Id}\">");
        svg.Append($"<rect x=\"{F(box.X)}\" y=\"{F(box.Y)}\" width=\"{F(box.Width)}\" height=\"{F(box.Height)}\" rx=\"10\" fill=\"{GraphStyle.ClusterFill(kind)}\" stroke=\"{GraphStyle.ClusterStroke(kind)}\" stroke-width=\"1.5\"{dash}/>");
        svg.Append($"<text x=\"{F(box.X + 8)}\" y=\"{F(box.Y + 14)}\" font-size=\"{F(TextMetrics.LabelFontSize)}\" fill=\"{GraphStyle.ClusterStroke(kind)}\">{Xml.Escape(GraphStyle.ClusterTitle(box.Cluster))}</text></g>\n");
    }

    private static void Edge(StringBuilder svg, EdgeRoute route)
    {
        bool red = GraphLabels.IsNonFinite(route.Edge);
        var path = new StringBuilder($"M{F(route.Points[0].X)},{F(route.Points[0].Y)}");
        for (int i = 1; i < route.Points.Count; i++)
        {
            LayoutPoint a = route.Points[i - 1], b = route.Points[i];
            double half = (b.X - a.X) / 2;
            path.Append($" C{F(a.X + half)},{F(a.Y)} {F(b.X - half)},{F(b.Y)} {F(b.X)},{F(b.Y)}");
        }
        svg.Append($"<path class=\"edge\" data-from=\"{route.Edge.From}\" data-to=\"{route.Edge.To}\" d=\"{path}\" fill=\"none\" stroke=\"{(red ? GraphStyle.NonFiniteStroke : GraphStyle.Stroke)}\" stroke-width=\"{(red ? 2.5 : 1.3).ToString(CultureInfo.InvariantCulture)}\" marker-end=\"url(#{(red ? "arrow-nonfinite" : "arrow")})\"/>\n");
    }

    private static void EdgeLabel(StringBuilder svg, EdgeRoute route)
    {
        bool red = GraphLabels.IsNonFinite(route.Edge);
        double x = route.LabelCentre.X - route.LabelWidth / 2, y = route.LabelCentre.Y - route.LabelHeight / 2;
        svg.Append($"<g class=\"edge-label\"><rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(route.LabelWidth)}\" height=\"{F(route.LabelHeight)}\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\"{(red ? $" stroke=\"{GraphStyle.NonFiniteStroke}\"" : "")}/>");
        for (int i = 0; i < route.Label.Count; i++)
        {
            string colour = red ? GraphStyle.NonFiniteStroke : i == 0 ? GraphStyle.Stroke : DerivativeColour;
            svg.Append($"<text x=\"{F(route.LabelCentre.X)}\" y=\"{F(y + 2 + TextMetrics.LabelLineHeight * (i + 1) - 3)}\" text-anchor=\"middle\" font-size=\"{F(TextMetrics.LabelFontSize)}\" fill=\"{colour}\">{Xml.Escape(route.Label[i])}</text>");
        }
        svg.Append("</g>\n");
    }

    private static void Node(StringBuilder svg, ComputationGraph graph, NodeBox box)
    {
        GraphNode node = box.Node;
        bool first = GraphLabels.IsFirstNonFinite(graph, node), red = first || node.IsNonFinite, result = node.Id == graph.Result;
        string fill = red ? GraphStyle.NonFiniteFill : GraphStyle.Fill(node.Kind);
        string stroke = red ? GraphStyle.NonFiniteStroke : result ? GraphStyle.ResultStroke : GraphStyle.Stroke;
        double strokeWidth = first ? 4 : red || result ? 2.5 : 1.2;
        double radius = node.Kind is GraphNodeKind.Input or GraphNodeKind.Constant ? box.Height / 2 : 6;
        string dash = GraphStyle.IsDashed(node.Kind) ? " stroke-dasharray=\"5 3\"" : "";
        svg.Append($"<g class=\"node {node.Kind.ToString().ToLowerInvariant()}{(red ? " nonfinite" : "")}{(first ? " first-nonfinite" : "")}\" data-node=\"{node.Id}\">");
        svg.Append($"<rect x=\"{F(box.X)}\" y=\"{F(box.Y)}\" width=\"{F(box.Width)}\" height=\"{F(box.Height)}\" rx=\"{F(radius)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{F(strokeWidth)}\"{dash}/>");
        if (result)
        {
            svg.Append($"<rect x=\"{F(box.X + 3)}\" y=\"{F(box.Y + 3)}\" width=\"{F(box.Width - 6)}\" height=\"{F(box.Height - 6)}\" rx=\"{F(radius - 2)}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1\"/>");
        }
        for (int i = 0; i < box.Lines.Count; i++)
        {
            string line = box.Lines[i];
            string colour = red && i > 0 ? GraphStyle.NonFiniteStroke : line.StartsWith('∂') ? DerivativeColour : "#111111";
            string weight = i == 0 ? " font-weight=\"bold\"" : "";
            svg.Append($"<text x=\"{F(box.X + box.Width / 2)}\" y=\"{F(box.Y + 5 + TextMetrics.NodeLineHeight * (i + 1) - 3)}\" text-anchor=\"middle\" fill=\"{colour}\"{weight}>{Xml.Escape(line)}</text>");
        }
        svg.Append("</g>\n");
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
