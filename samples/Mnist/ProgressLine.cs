using System;

namespace SourceAD.Samples.Mnist;

/// <summary>One console line per epoch: a progress bar while it runs, then the epoch's loss, accuracy and time.</summary>
public static class ProgressLine
{
    private const int Width = 30;

    public static void Draw(int epoch, int epochs, double fraction, TimeSpan elapsed)
    {
        if (Console.IsOutputRedirected) return;
        int filled = (int)Math.Round(fraction * Width);
        Console.Write($"\rEpoch {epoch,2}/{epochs} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {elapsed.TotalSeconds,5:F1}s");
    }

    public static void Finish(int epoch, int epochs, double loss, double accuracy, TimeSpan elapsed)
    {
        string line = $"Epoch {epoch,2}/{epochs} [{new string('#', Width)}] loss {loss:F4}  test accuracy {accuracy:P2}  {elapsed.TotalSeconds:F3}s";
        Console.WriteLine(Console.IsOutputRedirected ? line : "\r" + line.PadRight(Width + 60));
    }
}
