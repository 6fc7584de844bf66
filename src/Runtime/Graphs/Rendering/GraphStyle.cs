namespace SourceAD.Graphs;

/// <summary>The colours and line styles shared by the three renderings.</summary>
internal static class GraphStyle
{
    public const string Stroke = "#37474f";
    public const string NonFiniteStroke = "#d32f2f";
    public const string NonFiniteFill = "#ffebee";
    public const string ResultStroke = "#1b5e20";

    public static string Fill(GraphNodeKind kind) => kind switch
    {
        GraphNodeKind.Input => "#e3f2fd",
        GraphNodeKind.Constant => "#f5f5f5",
        GraphNodeKind.Call => "#fff8e1",
        GraphNodeKind.LoopSummary => "#f3e5f5",
        _ => "#ffffff",
    };

    /// <summary>Constants (<c>[NoDiff]</c> inputs) have dashed outlines: no derivative flows into them.</summary>
    public static bool IsDashed(GraphNodeKind kind) => kind == GraphNodeKind.Constant;

    public static string ClusterStroke(GraphClusterKind kind) => kind switch
    {
        GraphClusterKind.Call => "#ef6c00",
        GraphClusterKind.Loop => "#1565c0",
        GraphClusterKind.Iteration => "#90a4ae",
        _ => "#2e7d32",
    };

    public static string ClusterFill(GraphClusterKind kind) => kind switch
    {
        GraphClusterKind.Call => "#fffaf2",
        GraphClusterKind.Loop => "#f5f9ff",
        GraphClusterKind.Iteration => "#fbfcfd",
        _ => "#f6fbf6",
    };

    public static string ClusterTitle(GraphCluster cluster) => cluster.Kind switch
    {
        GraphClusterKind.Call => "call " + cluster.Label,
        GraphClusterKind.Branch => "branch taken: " + cluster.Label,
        _ => cluster.Label,
    };
}
