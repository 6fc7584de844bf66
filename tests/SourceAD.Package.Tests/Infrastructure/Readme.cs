using System.Text.RegularExpressions;

namespace SourceAD.Package.Tests.Infrastructure;

/// <summary>
/// The blocks of the README that the package tests run verbatim: each is the fenced code block right after a line
/// <c>&lt;!-- tested: NAME --&gt;</c>, so what a reader copies is what the tests check.
/// </summary>
internal sealed class Readme
{
    private readonly string _text;
    private readonly string _path;

    public Readme(string path)
    {
        _path = path;
        _text = File.ReadAllText(path).Replace("\r\n", "\n");
    }

    /// <summary>The text inside the fenced block marked <paramref name="name"/>, ending with a newline.</summary>
    public string Block(string name)
    {
        string marker = $"<!-- tested: {name} -->";
        MatchCollection matches = Regex.Matches(_text, Regex.Escape(marker) + @"[ \t]*\n```[A-Za-z]*\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline);
        return matches.Count switch
        {
            1 => matches[0].Groups[1].Value,
            0 => throw new InvalidOperationException($"{_path} has no fenced block right after '{marker}'."),
            _ => throw new InvalidOperationException($"{_path} has {matches.Count} blocks marked '{marker}'; the tests need exactly one."),
        };
    }
}
