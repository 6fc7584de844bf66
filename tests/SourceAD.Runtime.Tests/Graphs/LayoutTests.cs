using SourceAD.Graphs;

namespace SourceAD.Runtime.Tests.Graphs;

/// <summary>The SVG's layered layout: layers by longest path, no overlaps, clusters that hold exactly their nodes.</summary>
public sealed class LayoutTests
{
    [Fact]
    public void Layers_AreTheLongestPathFromTheInputs()
    {
        Assert.Equal([0, 0, 0, 1, 2, 3], LayeredLayout.Layers(HandBuiltGraphs.J()));
    }

    [Fact]
    public void Constants_SitJustBeforeTheirFirstReader()
    {
        ComputationGraph g = HandBuiltGraphs.TwoWeightNetwork();
        int[] layers = LayeredLayout.Layers(g);
        Assert.Equal(0, layers[g.Find("x").Id]);
        Assert.Equal(layers[g.Result] - 1, layers[g.Find("t").Id]);
    }

    public static TheoryData<string> Graphs => ["J", "two weights", "logistic regression", "large"];

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Nodes_DoNotOverlap_AndEdgesRunLeftToRight(string name)
    {
        ComputationGraph g = Build(name);
        GraphLayout layout = LayeredLayout.Compute(g);
        Assert.Equal(g.Nodes.Count, layout.Nodes.Count);
        for (int i = 0; i < layout.Nodes.Count; i++)
        {
            for (int j = i + 1; j < layout.Nodes.Count; j++)
            {
                Assert.False(Overlap(layout.Nodes[i], layout.Nodes[j]), $"{layout.Nodes[i].Node} overlaps {layout.Nodes[j].Node}");
            }
        }
        var box = layout.Nodes.ToDictionary(n => n.Node.Id);
        foreach (GraphEdge edge in g.Edges)
        {
            Assert.True(box[edge.From].Layer < box[edge.To].Layer);
            Assert.True(box[edge.From].X + box[edge.From].Width < box[edge.To].X);
        }
        Assert.All(layout.Nodes, n => Assert.True(n.X >= 0 && n.Y >= 0 && n.X + n.Width <= layout.Width && n.Y + n.Height <= layout.Height));
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void ClusterBoxes_HoldTheirNodesAndNoOthers(string name)
    {
        ComputationGraph g = Build(name);
        GraphLayout layout = LayeredLayout.Compute(g);
        foreach (ClusterBox cluster in layout.Clusters)
        {
            foreach (NodeBox node in layout.Nodes)
            {
                bool member = g.IsInside(node.Node.Cluster, cluster.Cluster.Id);
                Assert.True(member ? Inside(node, cluster) : !Intersects(node, cluster), $"{node.Node} and cluster {cluster.Cluster.Label}");
            }
            if (cluster.Cluster.Parent is int parent)
            {
                ClusterBox outer = layout.Clusters.Single(c => c.Cluster.Id == parent);
                Assert.True(cluster.X > outer.X && cluster.Y > outer.Y && cluster.X + cluster.Width < outer.X + outer.Width && cluster.Y + cluster.Height < outer.Y + outer.Height);
            }
        }
    }

    [Fact]
    public void LargeGraph_HasAReasonableSize()
    {
        ComputationGraph g = Build("large");
        Assert.True(g.Nodes.Count > 100);
        GraphLayout layout = LayeredLayout.Compute(g);
        int layers = layout.Nodes.Max(n => n.Layer) + 1;
        Assert.True(layout.Width < 400 * layers, $"width {layout.Width} for {layers} layers");
        // 12 drawn iterations stacked, each about two node rows high.
        Assert.True(layout.Height < 12 * 260, $"height {layout.Height}");
    }

    [Fact]
    public void CrossingReduction_UncrossesATwistedPair()
    {
        // p and q come first in that order; P reads q, Q reads p, so the initial order crosses; one sweep uncrosses it.
        var g = new GraphBuilder("F");
        int p = g.Input("p", 1.0), q = g.Input("q", 2.0);
        int bigP = g.Operation("P = 2 * q", "*", 4.0, [(q, 2.0)]);
        int bigQ = g.Operation("Q = 2 * p", "*", 2.0, [(p, 2.0)]);
        int f = g.Operation("return P + Q", "+", 6.0, [(bigP, 1.0), (bigQ, 1.0)]);
        GraphLayout layout = LayeredLayout.Compute(g.Build(f));
        double Y(int node) => layout.Nodes[node].Y;
        Assert.Equal(Y(p) < Y(q), Y(bigQ) < Y(bigP));
    }

    private static ComputationGraph Build(string name) => name switch
    {
        "J" => HandBuiltGraphs.J(),
        "two weights" => HandBuiltGraphs.TwoWeightNetwork(),
        "logistic regression" => HandBuiltGraphs.LogisticRegression(0.1, -0.2, 0.05, 1.5, -0.5, 1),
        _ => Large(),
    };

    /// <summary>A loop of 16 iterations (12 drawn), each with a call of three nodes and a branch, reading constants: over 100 nodes.</summary>
    private static ComputationGraph Large()
    {
        var g = new GraphBuilder("F", iterationLimit: 12);
        int w = g.Input("w", 0.5), k = g.Constant("k", 3.0);
        int s = g.Constant("s = 0", 0.0);
        g.BeginLoop("for (int i = 0; i < 16; i++)");
        for (int i = 0; i < 16; i++)
        {
            g.BeginIteration();
            int xi = g.Constant("x[i]", i * 0.1);
            int m = g.Operation("m = w * x[i]", "*", 0.5 * i * 0.1, [(w, i * 0.1), (xi, 0.5)]);
            g.BeginCall("h = Bump(m, k)");
            int h1 = g.Operation("d = m - k", "-", 0.0, [(m, 1.0), (k, -1.0)]);
            int h2 = g.Operation("e = d * d", "*", 0.0, [(h1, 0.0), (h1, 0.0)]);
            int h3 = g.Operation("return Math.Exp(-e)", "Math.Exp", 1.0, [(h2, -1.0)]);
            g.EndCall(h3);
            g.BeginBranch("if (h > 0.5)", i % 2 == 0 ? "then" : "else");
            int b = g.Operation(i % 2 == 0 ? "h = 2 * h" : "h = h / 2", "*", 1.0, [(h3, 1.0)]);
            g.EndBranch();
            int r = g.Operation("r = h + m", "+", 1.0, [(b, 1.0), (m, 1.0)]);
            int t = g.Operation("t = r * w", "*", 1.0, [(r, 0.5), (w, 1.0)]);
            s = g.Operation("s += t * x[i]", "+", 1.0, [(s, 1.0), (t, 0.1), (xi, 1.0)]);
            g.EndIteration();
        }
        g.EndLoop();
        int f = g.Operation("return s", "=", 1.0, [(s, 1.0)]);
        return g.Build(f);
    }

    private static bool Overlap(NodeBox a, NodeBox b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    private static bool Inside(NodeBox n, ClusterBox c) =>
        n.X > c.X && n.Y > c.Y && n.X + n.Width < c.X + c.Width && n.Y + n.Height < c.Y + c.Height;

    private static bool Intersects(NodeBox n, ClusterBox c) =>
        n.X < c.X + c.Width && c.X < n.X + n.Width && n.Y < c.Y + c.Height && c.Y < n.Y + n.Height;
}
