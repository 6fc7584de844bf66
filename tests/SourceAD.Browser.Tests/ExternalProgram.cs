using System.Diagnostics;

namespace SourceAD.Browser.Tests;

/// <summary>Runs a program these tests need (chromium, dot), failing with what to install when it is missing.</summary>
internal static class ExternalProgram
{
    public static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments, string? input = null, int timeoutSeconds = 120)
    {
        string? path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
        Assert.True(path is not null, $"'{program}' is not installed: these tests need Debian's chromium and graphviz (apt-get install -y chromium graphviz).");
        var start = new ProcessStartInfo(path!) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{program}' did not finish within {timeoutSeconds} s.");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
