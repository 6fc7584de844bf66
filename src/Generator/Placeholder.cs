namespace SourceAD.Generator;
internal static class Placeholder { }
