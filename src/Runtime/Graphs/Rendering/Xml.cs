namespace SourceAD.Graphs;

/// <summary>Escaping for text and attribute values in SVG and HTML.</summary>
internal static class Xml
{
    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
