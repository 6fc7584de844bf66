using System;
using System.Collections.Generic;
using System.Text;

namespace SourceAD.Graphs;

/// <summary>A self-contained HTML page showing several computational graphs, each as inline SVG with its DOT and Mermaid text below.</summary>
public static class GraphPage
{
    /// <summary>Writes the page.</summary>
    /// <param name="title">The page's title.</param>
    /// <param name="graphs">Each graph with a caption, in the order shown.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/>, <paramref name="graphs"/>, a caption or a graph is null.</exception>
    public static string ToHtml(string title, IEnumerable<(string Caption, ComputationGraph Graph)> graphs)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(graphs);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>{Xml.Escape(title)}</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:2em;color:#222}figure{margin:0 0 2.5em 0;overflow-x:auto}figcaption{font-weight:bold;margin-bottom:.5em}pre{background:#f6f8fa;padding:.8em;overflow-x:auto}</style>\n");
        html.Append("</head>\n<body>\n");
        html.Append($"<h1>{Xml.Escape(title)}</h1>\n");
        html.Append("<p>Values flow forward: each edge is labelled with the value it carries and its local derivative. Derivatives flow back: each node shows its adjoint. Non-finite numbers are red; the first one in evaluation order has a thick border.</p>\n");
        foreach ((string caption, ComputationGraph graph) in graphs)
        {
            ArgumentNullException.ThrowIfNull(caption);
            ArgumentNullException.ThrowIfNull(graph);
            html.Append($"<figure>\n<figcaption>{Xml.Escape(caption)}</figcaption>\n");
            html.Append(SvgWriter.Write(graph, standalone: false));
            html.Append($"<details><summary>Graphviz DOT</summary><pre>{Xml.Escape(graph.ToDot())}</pre></details>\n");
            html.Append($"<details><summary>Mermaid</summary><pre>{Xml.Escape(graph.ToMermaid())}</pre></details>\n");
            html.Append("</figure>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }
}
