using System.Collections.Generic;
using System.Text;

namespace SourceAD.Generator.Emit;

/// <summary>Lines of C# with indentation. Blocks are opened and closed explicitly.</summary>
internal sealed class CodeWriter
{
    private readonly List<string> _lines = new();
    private int _indent;

    public int Count => _lines.Count;

    public void Line(string text) => _lines.Add(text.Length == 0 ? "" : new string(' ', 4 * _indent) + text);

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Appends another writer's lines at the current indentation.</summary>
    public void Append(CodeWriter other)
    {
        foreach (string line in other._lines)
        {
            _lines.Add(line.Length == 0 ? "" : new string(' ', 4 * _indent) + line);
        }
    }

    /// <summary>The lines as written, without indentation.</summary>
    public IReadOnlyList<string> Lines => _lines;

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (string line in _lines)
        {
            builder.Append(line).Append('\n');
        }
        return builder.ToString();
    }
}
