using System;
using System.ComponentModel;

namespace SourceAD;

/// <summary>
/// Zeros to pass as the tangent of a buffer argument that carries none (a <c>[NoDiff]</c> buffer, or one that does
/// not depend on the inputs) when generated forward-mode code calls another method's tangent, which takes a
/// tangent for every differentiable parameter.
/// </summary>
/// <remarks>
/// One shared array per element type, only ever read: the span is read-only, so no caller can write into it, and a
/// call needs no clearing, renting or returning. The array grows when a longer span than ever before is asked for
/// (a thread that still holds the old one keeps reading zeros from it), so repeated calls allocate nothing.
/// </remarks>
/// <typeparam name="T">The tangent's element type (<c>double</c>, <c>float</c>, or a bundle of lanes of one).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ZeroTangents<T> where T : struct
{
    private static T[] s_zeros = new T[64];

    /// <summary>A read-only span of <paramref name="length"/> zeros.</summary>
    public static ReadOnlySpan<T> Of(int length)
    {
        T[] zeros = s_zeros;
        if (zeros.Length < length)
        {
            zeros = new T[Math.Max(length, 2 * zeros.Length)];
            s_zeros = zeros;
        }
        return new ReadOnlySpan<T>(zeros, 0, length);
    }
}
