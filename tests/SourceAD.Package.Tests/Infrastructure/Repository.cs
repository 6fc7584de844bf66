namespace SourceAD.Package.Tests.Infrastructure;

internal static class Repository
{
    /// <summary>The folder holding SourceAD.sln, found above the test's output folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SourceAD.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("SourceAD.sln not found above " + AppContext.BaseDirectory);
    }
}
