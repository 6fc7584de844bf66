using System.Collections.Generic;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>Allocates the names the transform introduces, never colliding with the user's names or each other.</summary>
internal sealed class Names
{
    private readonly HashSet<string> _taken;

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

    /// <summary>A numbered name: <c>_t0</c>, <c>_t1</c>, …</summary>
    public string Numbered(string prefix)
    {
        for (int i = 0; ; i++)
        {
            if (_taken.Add(prefix + i))
            {
                return prefix + i;
            }
        }
    }
}
