using SourceAD;

/// <summary>A containing type in the global namespace (tested in <c>TypeTests</c>).</summary>
internal static partial class GlobalNamespaceContainer
{
    [Differentiable]
    public static double Square(double x)
    {
        return x * x;
    }
}
