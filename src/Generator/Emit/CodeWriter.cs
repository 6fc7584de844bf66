using System.Text;

namespace SourceAD.Generator.Emit;

/// <summary>Lines of C# with indentation, written into one buffer. Blocks are opened and closed explicitly.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string text)
    {
        if (text.Length > 0)
        {
            BeginLine().Append(text);
        }
        EndLine();
    }

    /// <summary>Starts a non-empty line at the current indentation: append its text to the buffer returned, then <see cref="EndLine"/>.</summary>
    public StringBuilder BeginLine() => _text.Append(' ', 4 * _indent);

    /// <summary>Ends the line begun with <see cref="BeginLine"/>, after <paramref name="suffix"/> (a statement's <c>;</c>, say).</summary>
    public void EndLine(string suffix = "") => _text.Append(suffix).Append('\n');

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

    public override string ToString() => _text.ToString();
}
