using System;

namespace SourceAD;

/// <summary>Argument checks shared by the optimisers.</summary>
internal static class OptimizerArguments
{
    /// <summary>Returns <paramref name="value"/> if it is positive and finite; otherwise throws.</summary>
    public static float Positive(float value, string name) =>
        float.IsFinite(value) && value > 0f ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");

    /// <summary>Returns <paramref name="value"/> if it is positive and finite; otherwise throws.</summary>
    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");

    /// <summary>Returns <paramref name="value"/> if it lies in [0, 1); otherwise throws.</summary>
    public static float Decay(float value, string name) =>
        value is >= 0f and < 1f ? value : throw new ArgumentOutOfRangeException(name, value, "Must lie in [0, 1).");
}
