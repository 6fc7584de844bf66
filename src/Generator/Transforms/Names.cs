using System.Collections.Generic;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>Allocates the names the transform introduces, never colliding with the user's names or each other.</summary>
internal sealed class Names
{
    private readonly HashSet<string> _taken;
    private readonly Dictionary<string, int> _next = new();

    public Names(IEnumerable<string> userNames) => _taken = new HashSet<string>(userNames);

    /// <summary>The identifier as C# source: keywords get an '@'.</summary>
    public static string Escape(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
        || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.UnderscoreToken
            ? "@" + name
            : name;

    /// <summary>The name of a parameter's gradient: <c>d</c> + the parameter's name.</summary>
    public static string Gradient(string parameter) => Escape(DerivativeNames.Gradient(parameter));

    /// <summary>A copy that continues from the names taken so far.</summary>
    public Names Clone() => new(_taken);

    /// <summary>Returns <paramref name="preferred"/> if free, else <paramref name="preferred"/> with a number appended.</summary>
    public string Fresh(string preferred)
    {
        string name = preferred;
        for (int i = 2; !_taken.Add(name); i++)
        {
            name = preferred + i;
        }
        return name;
    }

    /// <summary>A numbered name: <c>_t0</c>, <c>_t1</c>, …: the first of them not taken.</summary>
    public string Numbered(string prefix)
    {
        // Names are only ever taken, never freed, so the numbers below the last one returned stay taken: start there.
        _next.TryGetValue(prefix, out int i);
        for (; ; i++)
        {
            string name = prefix + i;
            if (_taken.Add(name))
            {
                _next[prefix] = i + 1;
                return name;
            }
        }
    }
}
