using System;
using System.ComponentModel;
using System.Numerics;

namespace SourceAD;

/// <summary>What vector forward mode (generated <c>…Tangents</c> methods) needs beyond the operators of <see cref="Vector{T}"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Lanes
{
    /// <summary>
    /// Σᵢ gradient[i] · tangents[i], lane by lane: the tangent, in every direction of a bundle at once, of a value
    /// whose gradient with respect to a buffer is <paramref name="gradient"/> (a <c>[DerivativeOf]</c> rule's, say).
    /// </summary>
    public static Vector<T> Dot<T>(ReadOnlySpan<T> gradient, ReadOnlySpan<Vector<T>> tangents) where T : struct
    {
        if (gradient.Length != tangents.Length)
        {
            throw new ArgumentException($"The gradient has {gradient.Length} entries and the tangents {tangents.Length}.", nameof(tangents));
        }
        Vector<T> sum = Vector<T>.Zero;
        for (int i = 0; i < gradient.Length; i++)
        {
            sum += tangents[i] * gradient[i];
        }
        return sum;
    }
}
