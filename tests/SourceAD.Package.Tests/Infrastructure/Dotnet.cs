using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace SourceAD.Package.Tests.Infrastructure;

public sealed record ProcessResult(string Command, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string StdOut, string StdErr)
{
    public string Describe() =>
        $"$ {Command}\n(in {WorkingDirectory}; exit code {(TimedOut ? "none: timed out" : ExitCode.ToString(CultureInfo.InvariantCulture))}; {Elapsed.TotalSeconds:F1} s)\n" +
        $"--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";

    public ProcessResult AssertSuccess(string what)
    {
        Assert.True(!TimedOut && ExitCode == 0, $"{what} failed:\n{Describe()}");
        return this;
    }

    /// <summary>Standard output split into trimmed, non-empty lines.</summary>
    public string[] Lines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a timeout, capturing its output.</summary>
internal static class Dotnet
{
    public static ProcessResult Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        if (args.Length > 0 && args[0] is "build" or "pack" or "restore" or "run")
        {
            // No MSBuild nodes or compiler servers left running after the test. (For `run`, options after the file
            // or before `--` are the CLI's, not the program's.)
            int at = Array.IndexOf(args, "--");
            if (at < 0)
            {
                info.ArgumentList.Add("--disable-build-servers");
            }
            else
            {
                info.ArgumentList.Insert(at, "--disable-build-servers");
            }
        }

        // The test host inherits MSBuild's variables from `dotnet test`; a child build must start from scratch.
        foreach (string key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase) || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        if (environment is not null)
        {
            foreach ((string key, string value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        string command = host + " " + string.Join(' ', info.ArgumentList);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = process.WaitForExit((int)timeout.TotalMilliseconds);
        if (!exited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
            process.WaitForExit(10_000);
        }
        else
        {
            process.WaitForExit(); // drains the asynchronous output readers
        }
        clock.Stop();

        string Text(StringBuilder sb) { lock (sb) { return sb.ToString(); } }
        return new ProcessResult(command, workingDirectory, exited ? process.ExitCode : -1, !exited, clock.Elapsed, Text(stdout), Text(stderr));
    }
}
