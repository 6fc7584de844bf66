using System;
using System.Collections.Generic;

namespace SourceAD.Samples.Mnist;

/// <summary>Round tick values (1, 2 or 5 times a power of ten) covering a range, for readable axes.</summary>
public static class AxisTicks
{
    /// <summary>Ticks from <paramref name="low"/> up to at least <paramref name="high"/>, about <paramref name="count"/> of them; the last tick is the axis maximum.</summary>
    public static IReadOnlyList<double> Cover(double low, double high, int count = 5)
    {
        if (!(high > low))
        {
            high = low + 1;
        }
        double raw = (high - low) / count;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = raw / power <= 1 ? power : raw / power <= 2 ? 2 * power : raw / power <= 5 ? 5 * power : 10 * power;
        var ticks = new List<double>();
        for (int i = 0; ; i++)
        {
            double tick = low + i * step;
            ticks.Add(Math.Round(tick / step) * step);
            if (tick >= high - step * 1e-9)
            {
                return ticks;
            }
        }
    }

    /// <summary>Every epoch from 1 to <paramref name="epochs"/> when there are at most 20, otherwise round steps.</summary>
    public static IReadOnlyList<double> Epochs(int epochs)
    {
        var ticks = new List<double>();
        int step = epochs <= 20 ? 1 : (int)Cover(0, epochs, 10)[1];
        for (int e = epochs <= 20 ? 1 : step; e <= epochs; e += step)
        {
            ticks.Add(e);
        }
        return ticks;
    }
}
