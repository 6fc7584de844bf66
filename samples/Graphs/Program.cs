using System;
using System.IO;
using SourceAD.Graphs;
using SourceAD.Samples.Graphs;

// The computational graphs of three worked examples, evaluated at the seed material's points: values forward on the
// edges, derivatives back in the nodes. Each graph comes from the FGraph method SourceAD generates beside the
// [Differentiable] method F in Seeds.cs.
//   dotnet run --project samples/Graphs -- --out DIR      (default graphs/)
string output = ParseOut(args);
Directory.CreateDirectory(output);
(string File, string Caption, ComputationGraph Graph)[] graphs =
[
    ("seed-graph", "J = 3(a + bc) at a = 5, b = 3, c = 2: J = 33, gradient (3, 6, 9)", Seeds.JGraph(5, 3, 2)),
    ("two-weight-network", "The two-weight network: a = σ(w1·x), y = w2·a, L = ½(y − t)² at w1 = w2 = 0.5, x = 1, t = 0", Seeds.LossGraph(0.5, 0.5, 1, 0)),
    ("logistic-regression", "Logistic regression with cross-entropy at w1 = 0.1, w2 = -0.2, b = 0.05, x = (1.5, -0.5), y = 1", Seeds.CrossEntropyGraph(0.1, -0.2, 0.05, 1.5, -0.5, 1)),
];
foreach ((string file, string caption, ComputationGraph graph) in graphs)
{
    File.WriteAllText(Path.Combine(output, file + ".svg"), graph.ToSvg());
    File.WriteAllText(Path.Combine(output, file + ".dot"), graph.ToDot());
    File.WriteAllText(Path.Combine(output, file + ".mmd"), graph.ToMermaid());
    GraphCheckReport check = graph.CheckDerivatives();
    Console.WriteLine($"{file}: {graph.Name} = {graph.ResultNode.Value}, {graph.Nodes.Count} nodes; derivative check: {check.ToString().Replace('\n', ' ')}");
}
ComputationGraph collapsed = graphs[1].Graph.CollapseCalls();
File.WriteAllText(Path.Combine(output, "index.html"), GraphPage.ToHtml("SourceAD computational graphs of the seed examples",
[
    .. Array.ConvertAll(graphs, g => (g.Caption, g.Graph)),
    ("The two-weight network with the call to Sigmoid collapsed into one node: its edge carries σ'(z) = σ(z)(1 − σ(z))", collapsed),
]));
Console.WriteLine($"Wrote {graphs.Length} graphs (.svg, .dot, .mmd) and index.html to {Path.GetFullPath(output)}");

static string ParseOut(string[] args)
{
    if (args.Length == 0)
    {
        return "graphs";
    }
    if (args.Length == 2 && args[0] == "--out" && args[1].Length > 0)
    {
        return args[1];
    }
    throw new ArgumentException("Usage: dotnet run --project samples/Graphs -- [--out DIR] (default graphs/).");
}
