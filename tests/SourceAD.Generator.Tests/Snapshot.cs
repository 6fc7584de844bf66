using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// A minimal snapshot helper following the Verify file convention.
/// <para>
/// <c>Snapshot.Match(actual, "Name")</c> compares <paramref name="actual"/> with <c>Snapshots/Name.verified.cs</c> next to
/// the calling test's source file (located through <see cref="CallerFilePathAttribute"/>, so it works when the tests run
/// from bin/). Line endings are normalised to \n on both sides.
/// </para>
/// <list type="bullet">
/// <item>Match: passes, and deletes a stale <c>Name.received.cs</c> if one is lying around.</item>
/// <item>Mismatch or no verified file: writes <c>Name.received.cs</c> and fails with a line diff.</item>
/// <item>To accept a change: rename <c>Name.received.cs</c> to <c>Name.verified.cs</c> (review it first), or run the
/// tests with the environment variable <c>SOURCEAD_ACCEPT=1</c>, which writes every <c>.verified.cs</c> directly and
/// passes: <c>SOURCEAD_ACCEPT=1 dotnet test tests/SourceAD.Generator.Tests</c>. Review the git diff afterwards.</item>
/// </list>
/// </summary>
internal static class Snapshot
{
    private const int MaxDiffLines = 40;

    public static void Match(string actual, string name, [CallerFilePath] string path = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(path) ?? ".", "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        actual = Normalise(actual);

        if (Environment.GetEnvironmentVariable("SOURCEAD_ACCEPT") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Delete(receivedPath);
            return;
        }

        string? verified = File.Exists(verifiedPath) ? Normalise(File.ReadAllText(verifiedPath)) : null;
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var message = new StringBuilder();
        if (verified is null)
        {
            message.Append($"Snapshot '{name}' has no verified file. Wrote {receivedPath}\n");
        }
        else
        {
            message.Append($"Snapshot '{name}' does not match {verifiedPath}. Wrote {receivedPath}\n");
            message.Append(Diff(verified, actual));
        }
        message.Append("To accept: review it and rename .received.cs to .verified.cs, or rerun with SOURCEAD_ACCEPT=1.");
        Assert.Fail(message.ToString());
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>A unified-style line diff (LCS on the differing middle), showing at most <see cref="MaxDiffLines"/> changed lines.</summary>
    internal static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');

        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        int n = a.Length - prefix - suffix;
        int m = b.Length - prefix - suffix;
        var lines = new List<string>();
        if ((long)n * m <= 4_000_000)
        {
            // lcs[i, j] = LCS length of a[prefix + i ..] and b[prefix + j ..] within the middle.
            int[,] lcs = new int[n + 1, m + 1];
            for (int i = n - 1; i >= 0; i--)
            {
                for (int j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }
            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y])
                {
                    x++;
                    y++;
                }
                else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    lines.Add($"-{prefix + x + 1,5}: {a[prefix + x]}");
                    x++;
                }
                else
                {
                    lines.Add($"+{prefix + y + 1,5}: {b[prefix + y]}");
                    y++;
                }
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                lines.Add($"-{prefix + i + 1,5}: {a[prefix + i]}");
            }
            for (int j = 0; j < m; j++)
            {
                lines.Add($"+{prefix + j + 1,5}: {b[prefix + j]}");
            }
        }

        var sb = new StringBuilder();
        sb.Append("--- verified\n+++ received   (line numbers: '-' verified, '+' received)\n");
        foreach (string line in lines.Take(MaxDiffLines))
        {
            sb.Append(line).Append('\n');
        }
        if (lines.Count > MaxDiffLines)
        {
            sb.Append($"... {lines.Count - MaxDiffLines} more differing lines\n");
        }
        return sb.ToString();
    }
}
