using System.Collections.Generic;

namespace SourceAD.Graphs;

/// <summary>A point of the drawing, in SVG user units (pixels), y downwards.</summary>
internal readonly record struct LayoutPoint(double X, double Y);

/// <summary>Where a node is drawn: its layer (column) and its box, top-left corner first.</summary>
internal sealed record NodeBox(GraphNode Node, int Layer, double X, double Y, double Width, double Height, IReadOnlyList<string> Lines);

/// <summary>An edge's path (through one bend point per layer it crosses) and its label box, centred on <paramref name="LabelCentre"/>.</summary>
internal sealed record EdgeRoute(GraphEdge Edge, IReadOnlyList<LayoutPoint> Points, IReadOnlyList<string> Label, LayoutPoint LabelCentre, double LabelWidth, double LabelHeight);

/// <summary>A cluster's rounded box, top-left corner first; <paramref name="Depth"/> 0 for a top-level cluster.</summary>
internal sealed record ClusterBox(GraphCluster Cluster, double X, double Y, double Width, double Height, int Depth);

/// <summary>The result of <see cref="LayeredLayout"/>: the size of the drawing and where each part goes.</summary>
internal sealed record GraphLayout(double Width, double Height, IReadOnlyList<NodeBox> Nodes, IReadOnlyList<EdgeRoute> Edges, IReadOnlyList<ClusterBox> Clusters);
