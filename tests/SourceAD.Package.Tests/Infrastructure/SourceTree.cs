namespace SourceAD.Package.Tests.Infrastructure;

/// <summary>Copies what packing needs from the repository, without build output, so a test may change the copy.</summary>
internal static class SourceTree
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "Generated", ".git", ".vs" };

    /// <summary>The files at the repository's root (props, global.json, README) and the <c>src</c> folder.</summary>
    public static void CopyForPacking(string repoRoot, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(repoRoot))
        {
            if (Path.GetFileName(file) != ".git") // in a worktree .git is a file pointing at the real repository
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }
        }
        CopyFolder(Path.Combine(repoRoot, "src"), Path.Combine(destination, "src"));
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
        foreach (string folder in Directory.GetDirectories(source).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))))
        {
            CopyFolder(folder, Path.Combine(destination, Path.GetFileName(folder)));
        }
    }
}
