using System;

namespace SourceAD.GradBench.Evals.Det;

/// <summary>
/// GradBench's <c>det</c> (<c>cpp/gradbench/evals/det.hpp</c>, after cmpad's <c>det_of_minor</c>): the determinant by
/// recursive expansion by minors along the first row, with removed rows and columns tracked by two "next index" arrays.
/// </summary>
/// <remarks>
/// The reference mutates the caller's <c>r</c>/<c>c</c> arrays and restores them before returning. A
/// [Differentiable] method may not write into a parameter buffer (SAD0013, also for integer arrays), so each minor
/// copies the two arrays onto its stack and edits its copy; the arithmetic is the reference's, operation for operation.
/// </remarks>
public static partial class DetObjective
{
    [Differentiable]
    public static double Determinant(ReadOnlySpan<double> a, int ell)
    {
        Span<int> r = stackalloc int[ell + 1];
        Span<int> c = stackalloc int[ell + 1];
        for (int i = 0; i < ell; i++)
        {
            r[i] = i + 1;
            c[i] = i + 1;
        }
        r[ell] = 0;
        c[ell] = 0;
        return DetOfMinor(a, ell, ell, r, c);
    }

    /// <summary>
    /// The determinant of the m×m minor of the n×n matrix <paramref name="a"/> (row-major) whose rows and columns are
    /// the linked lists <paramref name="rowNext"/> and <paramref name="columnNext"/>, both starting at index n.
    /// </summary>
    [Differentiable]
    public static double DetOfMinor(ReadOnlySpan<double> a, int n, int m, ReadOnlySpan<int> rowNext, ReadOnlySpan<int> columnNext)
    {
        Span<int> r = stackalloc int[n + 1];
        Span<int> c = stackalloc int[n + 1];
        rowNext.CopyTo(r);
        columnNext.CopyTo(c);
        int r0 = r[n];
        int cj = c[n];
        if (m == 1)
        {
            return a[r0 * n + cj];
        }
        double detM = 0;
        int sign = 1;
        // Remove row R0 from all the sub-minors.
        r[n] = r[r0];
        int cj1 = n;
        for (int j = 0; j < m; j++)
        {
            double m0j = a[r0 * n + cj];
            // Remove column Cj to form the sub-minor, take its determinant, restore the column.
            c[cj1] = c[cj];
            double detS = DetOfMinor(a, n, m - 1, r, c);
            c[cj1] = cj;
            if (sign > 0)
            {
                detM = detM + m0j * detS;
            }
            else
            {
                detM = detM - m0j * detS;
            }
            cj1 = cj;
            cj = c[cj];
            sign = -sign;
        }
        return detM;
    }
}
