using System;
using System.Linq;

namespace SourceAD.Rules;

/// <summary>
/// Derivatives of the LINQ reductions over <c>double[]</c> and <c>float[]</c>, so that <c>x.Sum()</c>,
/// <c>x.Average()</c>, <c>x.Max()</c> and <c>x.Min()</c> are differentiated in a <c>[Differentiable]</c> method. Max and
/// Min send the derivative to the first element that attains the extremum (the convention of <c>Math.Max</c>: a tie
/// goes to the first).
/// </summary>
public static partial class EnumerableRules
{
    /// <summary>The pullback of <see cref="Enumerable.Sum(System.Collections.Generic.IEnumerable{double})"/>: every element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Sum))]
    public static void SumPullback(double[] source, double dResult, Span<double> dsource) => Spread(dsource, dResult);

    /// <summary>The pullback of <see cref="Enumerable.Sum(System.Collections.Generic.IEnumerable{float})"/>: every element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Sum))]
    public static void SumPullback(float[] source, float dResult, Span<float> dsource) => Spread(dsource, dResult);

    /// <summary>The pullback of <see cref="Enumerable.Average(System.Collections.Generic.IEnumerable{double})"/>: every element gets <c>dResult / n</c>.</summary>
    [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Average))]
    public static void AveragePullback(double[] source, double dResult, Span<double> dsource) => Spread(dsource, dResult / source.Length);

    /// <summary>The pullback of <see cref="Enumerable.Average(System.Collections.Generic.IEnumerable{float})"/>: every element gets <c>dResult / n</c>.</summary>
    [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Average))]
    public static void AveragePullback(float[] source, float dResult, Span<float> dsource) => Spread(dsource, dResult / source.Length);

    /// <summary>The pullback of <see cref="Enumerable.Max(System.Collections.Generic.IEnumerable{double})"/>: the first maximal element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Max))]
    public static void MaxPullback(double[] source, double result, double dResult, Span<double> dsource) => dsource[First(source, result)] += dResult;

    /// <summary>The pullback of <see cref="Enumerable.Max(System.Collections.Generic.IEnumerable{float})"/>: the first maximal element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Max))]
    public static void MaxPullback(float[] source, float result, float dResult, Span<float> dsource) => dsource[First(source, result)] += dResult;

    /// <summary>The pullback of <see cref="Enumerable.Min(System.Collections.Generic.IEnumerable{double})"/>: the first minimal element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Min))]
    public static void MinPullback(double[] source, double result, double dResult, Span<double> dsource) => dsource[First(source, result)] += dResult;

    /// <summary>The pullback of <see cref="Enumerable.Min(System.Collections.Generic.IEnumerable{float})"/>: the first minimal element gets <c>dResult</c>.</summary>
    [DerivativeOf(typeof(Enumerable), nameof(Enumerable.Min))]
    public static void MinPullback(float[] source, float result, float dResult, Span<float> dsource) => dsource[First(source, result)] += dResult;

    internal static void Spread<T>(Span<T> adjoint, T value) where T : System.Numerics.INumber<T>
    {
        for (int i = 0; i < adjoint.Length; i++)
        {
            adjoint[i] += value;
        }
    }

    /// <summary>The index of the first element equal to <paramref name="value"/> (NaN equals NaN here).</summary>
    internal static int First<T>(ReadOnlySpan<T> source, T value) where T : IEquatable<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i].Equals(value))
            {
                return i;
            }
        }
        throw new ArgumentException("The extremum is not an element of the source.", nameof(value));
    }
}
