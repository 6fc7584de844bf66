namespace SourceAD.Browser.Tests;

/// <summary>Headless Chromium as root on a closed network: the flags keep it from stalling on sandboxing, GPU, QUIC and background fetches.</summary>
internal static class Chromium
{
    /// <summary>Renders a file (SVG or HTML) in a window of the given size and returns the screenshot.</summary>
    public static Png Screenshot(string file, int width, int height)
    {
        string profile = Directory.CreateTempSubdirectory("sourcead-chromium-").FullName;
        string png = Path.Combine(profile, "screenshot.png");
        try
        {
            var (exitCode, _, error) = ExternalProgram.Run("chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(profile, "profile")}",
                "--hide-scrollbars", $"--window-size={width},{height}", $"--screenshot={png}", new Uri(Path.GetFullPath(file)).AbsoluteUri,
            ]);
            Assert.True(exitCode == 0 && File.Exists(png), $"chromium exited with {exitCode} and wrote no screenshot: {error}");
            return Png.Read(File.ReadAllBytes(png));
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
