using System.Runtime.CompilerServices;

namespace SourceAD.Generator.Tests;

/// <summary>The repository's folders, found from this source file's path.</summary>
internal static class Repository
{
    /// <summary>The folder that holds <c>SourceAD.sln</c>.</summary>
    public static string Root([CallerFilePath] string path = "")
    {
        for (DirectoryInfo? dir = new FileInfo(path).Directory; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SourceAD.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("SourceAD.sln not found above " + path);
    }
}
