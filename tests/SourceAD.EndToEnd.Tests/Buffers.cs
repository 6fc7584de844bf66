using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.BufferModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Arrays and spans: element reads and writes, <c>.Length</c>, local buffers (<c>new double[n]</c>, <c>stackalloc</c>),
/// overwritten elements, whole buffers and slices passed to other differentiable methods, early exits, float, [NoDiff]
/// and int buffers, and the contract of the gradient span (length-checked, overwritten, repeatable).
/// </summary>
internal static partial class BufferModels
{
    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> p)
    {
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            s += p[i] * p[i];
        }
        return s;
    }

    /// <summary>A local buffer filled once, element by element, then read: its fill needs no saved values.</summary>
    [Differentiable]
    public static double FillThenRead(ReadOnlySpan<double> p)
    {
        double[] h = new double[p.Length];
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            h[i] = Math.Sin(p[i]) * p[i];
            s += h[i] * h[i];
        }
        for (int i = 0; i < p.Length; i++)
        {
            s += h[i] * p[(i + 1) % p.Length];
        }
        return s;
    }

    /// <summary>Reads each element before it is filled (the allocation's zero): the reverse sweep must see that zero.</summary>
    [Differentiable]
    public static double ReadBeforeFill(ReadOnlySpan<double> p)
    {
        Span<double> h = stackalloc double[p.Length];
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            s += (h[i] + 1) * p[i] * p[i];
            h[i] = Math.Exp(p[i]);
            s += h[i];
        }
        return s;
    }

    /// <summary>Reads the previous element inside the filling loop.</summary>
    [Differentiable]
    public static double FillReadingPrevious(ReadOnlySpan<double> p)
    {
        double[] h = new double[p.Length];
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            h[i] = p[i] * p[i];
            if (i > 0)
            {
                s += h[i - 1] * h[i] * p[i];
            }
        }
        return s;
    }

    /// <summary>Reads through an index table: Σᵢ w[perm[i]]²·w[i], and, where the table says so, one more term.</summary>
    [Differentiable]
    public static double GatherThroughATable(ReadOnlySpan<double> w, int[] perm)
    {
        double s = 0;
        for (int i = 0; i < perm.Length; i++)
        {
            s += w[perm[i]] * w[perm[i]] * w[i];
            s += perm[i] >= 0 && perm[i] < i ? w[perm[perm[i]]] : 0;
        }
        return s;
    }

    /// <summary>Σ_c Σ_j (x_j − μ_cj)²·w_c with μ read through a span view of each row.</summary>
    [Differentiable]
    public static double DistancesThroughRowViews(double[] means, ReadOnlySpan<double> w, [NoDiff] double[] x, int k)
    {
        int d = x.Length;
        double s = 0;
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> mu = means.AsSpan(c * d, d);
            double distance = 0;
            for (int j = 0; j < mu.Length; j++)
            {
                double e = x[j] - mu[j];
                distance += e * e;
            }
            s += w[c] * distance + Dot(mu, mu);
        }
        return s;
    }

    /// <summary>A view of a view, its lengths, and a write through a view of a local buffer.</summary>
    [Differentiable]
    public static double ViewsOfViews(ReadOnlySpan<double> p)
    {
        ReadOnlySpan<double> tail = p.Slice(1);
        ReadOnlySpan<double> middle = tail.Slice(1, 2);
        double[] h = new double[4];
        Span<double> upper = h.AsSpan(2);
        upper[0] = middle[0] * middle[1];
        upper[1] = tail[0] * tail.Length;
        return h[2] + h[3] * middle.Length + p[0];
    }

    /// <summary>Only the first <paramref name="n"/> elements count: a loop bounded by an int parameter.</summary>
    [Differentiable]
    public static double SumOfSquaresOfFirst(double[] p, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += p[i] * p[i];
        }
        return s;
    }

    [Differentiable]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    /// <summary>½‖A·x‖² with A stored row-major in a flat array: reads <c>a[r * cols + c]</c>.</summary>
    [Differentiable]
    public static double HalfSquaredNormOfProduct(double[] a, ReadOnlySpan<double> x, int rows, int cols)
    {
        double s = 0;
        for (int r = 0; r < rows; r++)
        {
            double y = 0;
            for (int c = 0; c < cols; c++)
            {
                y += a[r * cols + c] * x[c];
            }
            s += 0.5 * y * y;
        }
        return s;
    }

    /// <summary>log Σ exp(vᵢ), made stable by a maximum found by a loop with a comparison.</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> v)
    {
        double max = v[0];
        for (int i = 1; i < v.Length; i++)
        {
            if (v[i] > max)
            {
                max = v[i];
            }
        }
        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += Math.Exp(v[i] - max);
        }
        return max + Math.Log(sum);
    }

    /// <summary>A <c>Span&lt;double&gt;</c> (not read-only) parameter that is only read.</summary>
    [Differentiable]
    public static double SumOfCubes(Span<double> p)
    {
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            s += p[i] * p[i] * p[i];
        }
        return s;
    }

    /// <summary>Σᵢ cᵢ with the prefix products cᵢ = p₀·…·pᵢ kept in a local <c>new double[n]</c>.</summary>
    [Differentiable]
    public static double SumOfPrefixProducts(double[] p)
    {
        int n = p.Length;
        double[] c = new double[n];
        c[0] = p[0];
        for (int i = 1; i < n; i++)
        {
            c[i] = c[i - 1] * p[i];
        }
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += c[i];
        }
        return s;
    }

    /// <summary>tᵢ = pᵢ² then tᵢ += sin pᵢ in a stackalloc buffer; returns Σ tᵢ².</summary>
    [Differentiable]
    public static double SquaresPlusSines(ReadOnlySpan<double> p)
    {
        Span<double> t = stackalloc double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            t[i] = p[i] * p[i];
        }
        for (int i = 0; i < p.Length; i++)
        {
            t[i] += Math.Sin(p[i]);
        }
        double s = 0;
        for (int i = 0; i < t.Length; i++)
        {
            s += t[i] * t[i];
        }
        return s;
    }

    /// <summary>tᵢ ← sin(tᵢ)·pᵢ repeated k times over the whole buffer (outer loop over repetitions), t starting at p.</summary>
    [Differentiable]
    public static double InPlaceRecurrence(double[] p, int k)
    {
        double[] t = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            t[i] = p[i];
        }
        for (int r = 0; r < k; r++)
        {
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = Math.Sin(t[i]) * p[i];
            }
        }
        double s = 0;
        for (int i = 0; i < t.Length; i++)
        {
            s += t[i];
        }
        return s;
    }

    /// <summary>The same recurrence in a stackalloc buffer, each element overwritten k times in a row (inner loop).</summary>
    [Differentiable]
    public static double InPlaceRecurrenceStackalloc(ReadOnlySpan<double> p, int k)
    {
        Span<double> t = stackalloc double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            t[i] = p[i];
            for (int r = 0; r < k; r++)
            {
                t[i] = Math.Sin(t[i]) * p[i];
            }
        }
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            s += t[i];
        }
        return s;
    }

    /// <summary>Every compound element write on a local buffer: tᵢ = pᵢ; tᵢ *= pᵢ; tᵢ -= 1; tᵢ /= 1 + pᵢ²; tᵢ++.</summary>
    [Differentiable]
    public static double CompoundElementWrites(ReadOnlySpan<double> p)
    {
        double[] t = new double[p.Length];
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            t[i] = p[i];
            t[i] *= p[i];
            t[i] -= 1;
            t[i] /= 1 + p[i] * p[i];
            t[i]++;
            s += t[i] * t[i];
        }
        return s;
    }

    /// <summary>Slices of a stackalloc buffer (<c>Span.Slice</c>) passed to a callee, the buffer written in between.</summary>
    [Differentiable]
    public static double SlicesOfAStackallocBuffer(ReadOnlySpan<double> p, int h)
    {
        Span<double> t = stackalloc double[2 * h];
        for (int i = 0; i < 2 * h; i++)
        {
            t[i] = p[i] * p[i];
        }
        double first = Dot(t.Slice(0, h), t.Slice(h, h));
        for (int i = 0; i < h; i++)
        {
            t[i] = Math.Sin(p[i]);
        }
        return first + LogSumExp(t.Slice(0, h));
    }

    /// <summary>A local buffer that never depends on p (inactive), written in a loop and read in the active path.</summary>
    [Differentiable]
    public static double InactiveLocalBufferWrittenInALoop(double[] p, int n)
    {
        double[] c = new double[n];
        for (int i = 0; i < n; i++)
        {
            c[i] = i * 0.5;
        }
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += p[i] * c[i];
        }
        return s;
    }

    /// <summary>Whole buffers passed on: an array to ReadOnlySpan parameters, the same buffer twice.</summary>
    [Differentiable]
    public static double WholeBuffersToCallees(double[] p, ReadOnlySpan<double> q)
    {
        return SumOfSquares(p) + Dot(p, q) + Dot(q, q) * LogSumExp(p);
    }

    /// <summary>Σ_r logsumexp(row r), each row a slice <c>p.AsSpan(r * cols, cols)</c>.</summary>
    [Differentiable]
    public static double RowLogSumExps(double[] p, int rows, int cols)
    {
        double s = 0;
        for (int r = 0; r < rows; r++)
        {
            s += LogSumExp(p.AsSpan(r * cols, cols));
        }
        return s;
    }

    /// <summary>Overlapping uses of one buffer through <c>Slice</c>: the first h elements dotted with the next h, plus Σ p² of the rest.</summary>
    [Differentiable]
    public static double SliceDot(ReadOnlySpan<double> p, int h)
    {
        return Dot(p.Slice(0, h), p.Slice(h, h)) + SumOfSquares(p.Slice(2 * h, p.Length - 2 * h));
    }

    /// <summary>A slice of a local buffer passed to a callee.</summary>
    [Differentiable]
    public static double SliceOfLocalBuffer(double[] p, int h)
    {
        double[] t = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            t[i] = Math.Exp(p[i]);
        }
        return Dot(t.AsSpan(0, h), t.AsSpan(h, h));
    }

    /// <summary>A local buffer rewritten on every pass of a loop and passed whole to a callee on each pass.</summary>
    [Differentiable]
    public static double CalleeInsideALoopOverARewrittenBuffer(double[] p, int k)
    {
        double[] t = new double[p.Length];
        double s = 0;
        for (int r = 0; r < k; r++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                t[i] = Math.Sin(t[i]) + p[i] * r;
            }
            s += LogSumExp(t) * (r + 1);
        }
        return s;
    }

    /// <summary>A return from a nested loop that overwrites a stackalloc buffer; the return value reads the buffer.</summary>
    [Differentiable]
    public static double ReturnFromNestedLoopOverAStackallocBuffer(ReadOnlySpan<double> p, int k)
    {
        Span<double> t = stackalloc double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            t[i] = p[i];
        }
        double s = 0;
        for (int r = 0; r < k; r++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                t[i] = Math.Sin(t[i]) * p[i] + 0.3;
                s += t[i];
                if (s > 2.0)
                {
                    return s * t[0];
                }
            }
        }
        return s;
    }

    /// <summary>Σ pᵢ² up to (not including) the first negative element: break.</summary>
    [Differentiable]
    public static double SumOfSquaresUntilNegative(ReadOnlySpan<double> p)
    {
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] < 0)
            {
                break;
            }
            s += p[i] * p[i];
        }
        return s;
    }

    /// <summary>Running sum S; at the first element above the threshold returns S·pₘ from inside the loop, else S.</summary>
    [Differentiable]
    public static double ReturnAtFirstAbove(double[] p, [NoDiff] double threshold)
    {
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            s += p[i];
            if (p[i] > threshold)
            {
                return s * p[i];
            }
        }
        return s;
    }

    /// <summary>A while loop over a buffer with an index condition and a value condition.</summary>
    [Differentiable]
    public static double ProductWhilePositive(double[] p)
    {
        double prod = 1;
        int i = 0;
        while (i < p.Length && p[i] > 0)
        {
            prod *= p[i];
            i++;
        }
        return prod;
    }

    [Differentiable]
    public static float FloatNorm(float[] p)
    {
        float s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            s += p[i] * p[i];
        }
        return MathF.Sqrt(s);
    }

    /// <summary>Float spans and a float local buffer.</summary>
    [Differentiable]
    public static float FloatWeightedDot(ReadOnlySpan<float> a, Span<float> b)
    {
        float[] t = new float[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            t[i] = a[i] * MathF.Exp(b[i]);
        }
        float s = 0;
        for (int i = 0; i < t.Length; i++)
        {
            s += t[i];
        }
        return s;
    }

    /// <summary>Σ wᵢ pᵢ² with the weights a [NoDiff] buffer: no gradient for w.</summary>
    [Differentiable]
    public static double WeightedSquares(double[] p, [NoDiff] double[] w)
    {
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            s += w[i] * p[i] * p[i];
        }
        return s;
    }

    /// <summary>A [NoDiff] span read through a computed index.</summary>
    [Differentiable]
    public static double NoDiffSpanOffsets(ReadOnlySpan<double> p, [NoDiff] ReadOnlySpan<double> x, int d)
    {
        double s = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = x[i * d] - p[i];
            s += e * e;
        }
        return s;
    }

    /// <summary>A gather: Σᵢ (i + 1)·p[idx[i]]² with an int[] of indices (repeats allowed).</summary>
    [Differentiable]
    public static double Gather(ReadOnlySpan<double> p, int[] idx)
    {
        double s = 0;
        for (int i = 0; i < idx.Length; i++)
        {
            double v = p[idx[i]];
            s += (i + 1) * v * v;
        }
        return s;
    }

    /// <summary>A scatter-add into a local buffer through an int[] of bins: Σ_b (Σ_{bin[i]=b} pᵢ)².</summary>
    [Differentiable]
    public static double ScatterAddSquares(double[] p, int[] bin, int bins)
    {
        double[] acc = new double[bins];
        for (int i = 0; i < p.Length; i++)
        {
            acc[bin[i]] += p[i];
        }
        double s = 0;
        for (int b = 0; b < bins; b++)
        {
            s += acc[b] * acc[b];
        }
        return s;
    }
}

public sealed class BufferTests
{
    private static readonly double[] Point = [0.3, -1.2, 0.7, 2.1, -0.4];

    /// <summary>Adapts a one-buffer backward method (value, gradient into a fresh array) to <see cref="GradientAssert"/>.</summary>
    private static Func<double[], (double Value, double[] Gradient)> Backward(Func<double[], double[], double> backward) => Adapters.Buffer(backward);

    private static Func<double[], (double Value, double[] Gradient)> Backward(int split, Func<double[], double[], double[], double[], double> backward) =>
        Adapters.Buffers(split, backward);

    private static double[] Concat(double[] a, double[] b) => [.. a, .. b];

    private static double[] Softmax(ReadOnlySpan<double> v)
    {
        double max = double.NegativeInfinity;
        foreach (double x in v) max = Math.Max(max, x);
        double sum = 0;
        foreach (double x in v) sum += Math.Exp(x - max);
        double[] s = new double[v.Length];
        for (int i = 0; i < v.Length; i++) s[i] = Math.Exp(v[i] - max) / sum;
        return s;
    }

    // ---- element reads, .Length, loops bounded by int parameters and .Length ----

    [Fact]
    public void LocalBufferFilledOnceThenRead()
    {
        double[] g = GradientAssert.Check(p => M.FillThenRead(p), Backward((p, dp) => M.FillThenReadBackward(p, dp)), Point);
        // s = Σ hᵢ² + Σ hᵢ·p₍ᵢ₊₁₎ with hᵢ = sin(pᵢ)·pᵢ
        int n = Point.Length;
        var expected = new double[n];
        for (int i = 0; i < n; i++)
        {
            double h = Math.Sin(Point[i]) * Point[i], dh = Math.Cos(Point[i]) * Point[i] + Math.Sin(Point[i]);
            expected[i] += (2 * h + Point[(i + 1) % n]) * dh;
            expected[(i + 1) % n] += h;
        }
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void LocalBufferReadBeforeItsFill()
    {
        double[] g = GradientAssert.Check(p => M.ReadBeforeFill(p), Backward((p, dp) => M.ReadBeforeFillBackward(p, dp)), Point);
        GradientAssert.Exact(g, Point.Select(x => 2 * x + Math.Exp(x)).ToArray());
    }

    [Fact]
    public void LocalBufferFillReadingThePreviousElement()
    {
        double[] g = GradientAssert.Check(p => M.FillReadingPrevious(p), Backward((p, dp) => M.FillReadingPreviousBackward(p, dp)), Point);
        // s = Σ_{i≥1} p²ᵢ₋₁·p³ᵢ
        int n = Point.Length;
        var expected = new double[n];
        for (int i = 1; i < n; i++)
        {
            expected[i - 1] += 2 * Point[i - 1] * Math.Pow(Point[i], 3);
            expected[i] += 3 * Point[i - 1] * Point[i - 1] * Point[i] * Point[i];
        }
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void GatherThroughAnIndexTable()
    {
        int[] perm = [3, 0, 4, 1, 2];
        double[] g = GradientAssert.Check(p => M.GatherThroughATable(p, perm), Backward((p, dp) => M.GatherThroughATableBackward(p, perm, dp)), Point);
        var expected = new double[Point.Length];
        for (int i = 0; i < perm.Length; i++)
        {
            expected[perm[i]] += 2 * Point[perm[i]] * Point[i];
            expected[i] += Point[perm[i]] * Point[perm[i]];
            if (perm[i] < i) expected[perm[perm[i]]] += 1;
        }
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void SpanViewsOfRows()
    {
        double[] x = [0.5, -0.25, 1.5];
        double[] point = [0.3, -1.2, 0.7, 2.1, -0.4, 0.9, 0.8, -0.6];
        double[] g = GradientAssert.Check(
            p => M.DistancesThroughRowViews(p[..6], p[6..], x, 2),
            p =>
            {
                double[] dm = new double[6], dw = new double[2];
                double value = M.DistancesThroughRowViewsBackward(p[..6], p[6..], x, 2, dm, dw);
                return (value, [.. dm, .. dw]);
            },
            point);
        var expected = new double[8];
        for (int c = 0; c < 2; c++)
        {
            double distance = 0;
            for (int j = 0; j < 3; j++)
            {
                double mu = point[c * 3 + j], e = x[j] - mu;
                distance += e * e;
                expected[c * 3 + j] = -2 * point[6 + c] * e + 2 * mu;
            }
            expected[6 + c] = distance;
        }
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void ViewsOfViewsAndAWriteThroughAView()
    {
        // h[2] = p2·p3, h[3] = p1·(n − 1); F = p2·p3 + 2·(n − 1)·p1 + p0
        double[] g = GradientAssert.Check(p => M.ViewsOfViews(p), Backward((p, dp) => M.ViewsOfViewsBackward(p, dp)), Point);
        GradientAssert.Exact(g, 1, 2 * (Point.Length - 1), Point[3], Point[2], 0);
    }

    [Fact]
    public void SumOfSquaresOverLength()
    {
        double[] g = GradientAssert.Check(p => M.SumOfSquares(p), Backward((p, dp) => M.SumOfSquaresBackward(p, dp)), Point);
        GradientAssert.Exact(g, Point.Select(x => 2 * x).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void LoopBoundedByIntParameter(int n)
    {
        double[] g = GradientAssert.Check(p => M.SumOfSquaresOfFirst(p, n), Backward((p, dp) => M.SumOfSquaresOfFirstBackward(p, n, dp)), Point);
        GradientAssert.Exact(g, Point.Select((x, i) => i < n ? 2 * x : 0).ToArray());
    }

    [Fact]
    public void EmptyBuffer()
    {
        Assert.Equal(0.0, M.SumOfSquaresBackward(ReadOnlySpan<double>.Empty, Span<double>.Empty));
        Assert.Equal(0.0, M.SumOfSquaresOfFirstBackward([], 0, Span<double>.Empty));
    }

    [Fact]
    public void DotOfTwoReadOnlySpans()
    {
        double[] a = [0.5, -1.5, 2.0], b = [1.25, 0.75, -0.3];
        double[] g = GradientAssert.Check(p => M.Dot(p.AsSpan(0, 3), p.AsSpan(3)), Backward(3, (x, y, dx, dy) => M.DotBackward(x, y, dx, dy)), Concat(a, b));
        GradientAssert.Exact(g, Concat(b, a));
    }

    [Fact]
    public void MatrixVectorProductInAFlatArray()
    {
        const int rows = 3, cols = 4;
        double[] a = [0.2, -0.5, 1.1, 0.3, 0.9, 0.4, -0.7, 1.5, -1.2, 0.6, 0.1, -0.8];
        double[] x = [0.5, -1.0, 2.0, 0.25];
        double[] g = GradientAssert.Check(
            p => M.HalfSquaredNormOfProduct(p[..12], p.AsSpan(12), rows, cols),
            Backward(12, (aa, xx, da, dx) => M.HalfSquaredNormOfProductBackward(aa, xx, rows, cols, da, dx)),
            Concat(a, x));

        // f = ½‖y‖², y = A·x: ∂f/∂A = y·xᵀ, ∂f/∂x = Aᵀ·y.
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                y[r] += a[r * cols + c] * x[c];
        double[] expectedA = new double[rows * cols], expectedX = new double[cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                expectedA[r * cols + c] = y[r] * x[c];
                expectedX[c] += a[r * cols + c] * y[r];
            }
        GradientAssert.Exact(g, Concat(expectedA, expectedX));
    }

    [Theory]
    [InlineData(new[] { 0.3, -1.2, 0.7, 2.1, -0.4 })]
    [InlineData(new[] { 2.0, 1.0, 0.5 })]      // maximum first
    [InlineData(new[] { 0.5, 1.0, 2.0 })]      // maximum last
    [InlineData(new[] { 1000.0, 1001.0, 999.5 })] // exp would overflow without the maximum
    [InlineData(new[] { -3.0 })]
    public void StableLogSumExpIsTheSoftmax(double[] v)
    {
        double[] g = GradientAssert.Check(p => M.LogSumExp(p), Backward((p, dp) => M.LogSumExpBackward(p, dp)), v);
        GradientAssert.Exact(g, Softmax(v));
        Assert.True(double.IsFinite(M.LogSumExp(v)));
    }

    [Fact]
    public void MutableSpanParameterThatIsOnlyRead()
    {
        double[] g = GradientAssert.Check(p => M.SumOfCubes(p), Backward((p, dp) => M.SumOfCubesBackward(p, dp)), Point);
        GradientAssert.Exact(g, Point.Select(x => 3 * x * x).ToArray());
    }

    // ---- local buffers, element writes, overwrites ----

    [Fact]
    public void LocalArrayOfPrefixProducts()
    {
        double[] g = GradientAssert.Check(p => M.SumOfPrefixProducts(p), Backward((p, dp) => M.SumOfPrefixProductsBackward(p, dp)), Point);
        // ∂/∂p_j Σ_{i≥j} c_i = Σ_{i≥j} c_i / p_j (no p_j is zero).
        double[] c = new double[Point.Length];
        c[0] = Point[0];
        for (int i = 1; i < c.Length; i++) c[i] = c[i - 1] * Point[i];
        double[] expected = new double[Point.Length];
        for (int j = 0; j < c.Length; j++)
            for (int i = j; i < c.Length; i++)
                expected[j] += c[i] / Point[j];
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void StackallocBufferWithAssignmentAndCompoundAssignment()
    {
        double[] g = GradientAssert.Check(p => M.SquaresPlusSines(p), Backward((p, dp) => M.SquaresPlusSinesBackward(p, dp)), Point);
        GradientAssert.Exact(g, Point.Select(x => 2 * (x * x + Math.Sin(x)) * (2 * x + Math.Cos(x))).ToArray());
    }

    /// <summary>Forward-mode reference of tᵢ ← sin(tᵢ)·pᵢ (k times, t₀ = pᵢ): dt/dp.</summary>
    private static double RecurrenceDerivative(double p, int k)
    {
        double t = p, dt = 1;
        for (int r = 0; r < k; r++)
        {
            dt = Math.Cos(t) * dt * p + Math.Sin(t);
            t = Math.Sin(t) * p;
        }
        return dt;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(25)]
    public void ElementOverwrittenInALoop(int k)
    {
        double[] g = GradientAssert.Check(p => M.InPlaceRecurrence(p, k), Backward((p, dp) => M.InPlaceRecurrenceBackward(p, k, dp)), Point);
        GradientAssert.Exact(g, Point.Select(x => RecurrenceDerivative(x, k)).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(25)]
    public void ElementOverwrittenInALoopInAStackallocBuffer(int k)
    {
        double[] g = GradientAssert.Check(p => M.InPlaceRecurrenceStackalloc(p, k), Backward((p, dp) => M.InPlaceRecurrenceStackallocBackward(p, k, dp)), Point);
        GradientAssert.Exact(g, Point.Select(x => RecurrenceDerivative(x, k)).ToArray());
    }

    [Fact]
    public void CompoundElementWritesOnALocalBuffer()
    {
        double[] g = GradientAssert.Check(p => M.CompoundElementWrites(p), Backward((p, dp) => M.CompoundElementWritesBackward(p, dp)), Point);
        // tᵢ = (pᵢ² − 1)/(1 + pᵢ²) + 1 = 2pᵢ²/(1 + pᵢ²); ∂tᵢ²/∂pᵢ = 2tᵢ·4pᵢ/(1 + pᵢ²)².
        GradientAssert.Exact(g, Point.Select(x => 2 * (2 * x * x / (1 + x * x)) * 4 * x / ((1 + x * x) * (1 + x * x))).ToArray());
    }

    /// <summary>Regression: restoring the buffer's elements in reverse needs the loop counter recomputed.</summary>
    [Fact]
    public void InactiveLocalBufferWrittenInALoop()
    {
        double[] g = GradientAssert.Check(p => M.InactiveLocalBufferWrittenInALoop(p, 3), Backward((p, dp) => M.InactiveLocalBufferWrittenInALoopBackward(p, 3, dp)), Point);
        GradientAssert.Exact(g, 0, 0.5, 1.0, 0, 0);
    }

    // ---- whole buffers and slices passed to other differentiable methods ----

    [Fact]
    public void WholeBuffersPassedToCallees()
    {
        double[] p0 = [0.4, -0.9, 1.3], q0 = [1.1, 0.2, -0.6];
        double[] g = GradientAssert.Check(
            x => M.WholeBuffersToCallees(x[..3], x.AsSpan(3)),
            Backward(3, (p, q, dp, dq) => M.WholeBuffersToCalleesBackward(p, q, dp, dq)),
            Concat(p0, q0));
        // f = Σp² + p·q + (q·q)·lse(p)
        double qq = q0.Sum(v => v * v), lse = M.LogSumExp(p0);
        double[] soft = Softmax(p0);
        double[] expectedP = p0.Select((v, i) => 2 * v + q0[i] + qq * soft[i]).ToArray();
        double[] expectedQ = q0.Select((v, i) => p0[i] + 2 * v * lse).ToArray();
        GradientAssert.Exact(g, Concat(expectedP, expectedQ));
    }

    [Fact]
    public void RowsAsSlicesOfAnArray()
    {
        const int rows = 3, cols = 4;
        double[] p0 = [0.2, -0.5, 1.1, 0.3, 0.9, 0.4, -0.7, 1.5, -1.2, 0.6, 0.1, -0.8];
        double[] g = GradientAssert.Check(p => M.RowLogSumExps(p, rows, cols), Backward((p, dp) => M.RowLogSumExpsBackward(p, rows, cols, dp)), p0);
        double[] expected = new double[p0.Length];
        for (int r = 0; r < rows; r++)
        {
            Softmax(p0.AsSpan(r * cols, cols)).CopyTo(expected, r * cols);
        }
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SpanSlicesOfOneBuffer(int h)
    {
        double[] p0 = [0.3, -1.2, 0.7, 2.1, -0.4, 0.9];
        double[] g = GradientAssert.Check(p => M.SliceDot(p, h), Backward((p, dp) => M.SliceDotBackward(p, h, dp)), p0);
        double[] expected = p0.Select((v, i) => i < h ? p0[i + h] : i < 2 * h ? p0[i - h] : 2 * v).ToArray();
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void SlicesOfALocalBuffer()
    {
        double[] p0 = [0.3, -1.2, 0.7, 0.1, -0.4];
        const int h = 2;
        double[] g = GradientAssert.Check(p => M.SliceOfLocalBuffer(p, h), Backward((p, dp) => M.SliceOfLocalBufferBackward(p, h, dp)), p0);
        // f = Σ_{i<h} e^{p_i}·e^{p_{i+h}} = Σ_{i<h} e^{p_i + p_{i+h}}
        double[] expected = p0.Select((v, i) => i < h ? Math.Exp(v + p0[i + h]) : i < 2 * h ? Math.Exp(v + p0[i - h]) : 0).ToArray();
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void SlicesOfAStackallocBufferRewrittenBetweenCalls()
    {
        const int h = 2;
        double[] p0 = [0.3, -1.2, 0.7, 0.9, 5.0]; // the last element is not read
        double[] g = GradientAssert.Check(p => M.SlicesOfAStackallocBuffer(p, h), Backward((p, dp) => M.SlicesOfAStackallocBufferBackward(p, h, dp)), p0);
        // f = Σ_{i<h} pᵢ²·p_{i+h}² + logsumexp(sin p₀, …, sin p_{h−1})
        double[] soft = Softmax(p0.Take(h).Select(Math.Sin).ToArray());
        double[] expected = p0.Select((v, i) =>
            i < h ? 2 * v * p0[i + h] * p0[i + h] + soft[i] * Math.Cos(v)
            : i < 2 * h ? 2 * v * p0[i - h] * p0[i - h]
            : 0).ToArray();
        GradientAssert.Exact(g, expected);
    }

    // ---- early exits ----

    [Theory]
    [InlineData(new[] { 0.3, 1.2, -0.7, 2.1 }, 2)]
    [InlineData(new[] { -0.3, 1.2 }, 0)]
    [InlineData(new[] { 0.3, 1.2, 0.7 }, 3)]
    public void BreakOutOfALoopOverABuffer(double[] p0, int counted)
    {
        double[] g = GradientAssert.Check(p => M.SumOfSquaresUntilNegative(p), Backward((p, dp) => M.SumOfSquaresUntilNegativeBackward(p, dp)), p0);
        GradientAssert.Exact(g, p0.Select((v, i) => i < counted ? 2 * v : 0).ToArray());
    }

    [Theory]
    [InlineData(new[] { 0.3, 1.2, 2.5, 0.7, 3.0 }, 2)]
    [InlineData(new[] { 2.5, 1.2 }, 0)]
    [InlineData(new[] { 0.3, 1.2, 0.7 }, -1)]
    public void ReturnFromInsideALoopOverABuffer(double[] p0, int returnsAt)
    {
        const double threshold = 2.0;
        double[] g = GradientAssert.Check(p => M.ReturnAtFirstAbove(p, threshold), Backward((p, dp) => M.ReturnAtFirstAboveBackward(p, threshold, dp)), p0);
        double[] expected;
        if (returnsAt < 0)
        {
            expected = p0.Select(_ => 1.0).ToArray();
        }
        else
        {
            // f = S·p_m, S = Σ_{i≤m} p_i
            double s = p0.Take(returnsAt + 1).Sum(), pm = p0[returnsAt];
            expected = p0.Select((_, i) => i < returnsAt ? pm : i == returnsAt ? s + pm : 0).ToArray();
        }
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(new[] { 0.5, 1.5, 2.0, -1.0, 3.0 }, 3)]
    [InlineData(new[] { 0.5, 1.5 }, 2)]
    [InlineData(new[] { -0.5, 1.5 }, 0)]
    public void WhileLoopWithValueConditionOverABuffer(double[] p0, int counted)
    {
        double[] g = GradientAssert.Check(p => M.ProductWhilePositive(p), Backward((p, dp) => M.ProductWhilePositiveBackward(p, dp)), p0);
        double prod = p0.Take(counted).Aggregate(1.0, (a, b) => a * b);
        GradientAssert.Exact(g, p0.Select((v, i) => i < counted ? prod / v : 0).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void CalleeInsideALoopOverARewrittenBuffer(int k)
    {
        // No closed form: finite differences only (each pass's pullback must see that pass's buffer contents).
        GradientAssert.Check(p => M.CalleeInsideALoopOverARewrittenBuffer(p, k), Backward((p, dp) => M.CalleeInsideALoopOverARewrittenBufferBackward(p, k, dp)), Point);
    }

    [Theory]
    [InlineData(0)] // no pass at all
    [InlineData(1)] // s ≈ 1.40 after one pass: falls out of both loops
    [InlineData(6)] // s exceeds 2 at r = 1, i = 2: returns from inside the inner loop
    public void ReturnFromANestedLoopOverAStackallocBuffer(int k)
    {
        double[] p0 = [0.2, -0.3, 0.25, 0.1];
        // Which exit the method takes, from a plain copy of it.
        double[] t = (double[])p0.Clone();
        double s = 0;
        bool returned = false;
        for (int r = 0; r < k && !returned; r++)
        {
            for (int i = 0; i < t.Length && !returned; i++)
            {
                t[i] = Math.Sin(t[i]) * p0[i] + 0.3;
                s += t[i];
                returned = s > 2.0;
            }
        }
        Assert.Equal(k == 6, returned);

        GradientAssert.Check(p => M.ReturnFromNestedLoopOverAStackallocBuffer(p, k), Backward((p, dp) => M.ReturnFromNestedLoopOverAStackallocBufferBackward(p, k, dp)), p0);
    }

    // ---- float, [NoDiff] and int buffers ----

    [Fact]
    public void FloatArray()
    {
        double[] p0 = [0.5, -1.25, 2.0];
        double[] g = GradientAssert.CheckFloat(
            p => M.FloatNorm(p.Select(v => (float)v).ToArray()),
            p =>
            {
                float[] dp = new float[p.Length];
                float value = M.FloatNormBackward(p.Select(v => (float)v).ToArray(), dp);
                return (value, dp.Select(v => (double)v).ToArray());
            },
            p0);
        double norm = Math.Sqrt(p0.Sum(v => v * v));
        GradientAssert.Near(g, 1e-6, p0.Select(v => v / norm).ToArray());
    }

    [Fact]
    public void FloatSpansAndAFloatLocalBuffer()
    {
        double[] a0 = [0.5, -1.25, 2.0], b0 = [0.1, -0.3, 0.25];
        double[] g = GradientAssert.CheckFloat(
            p => M.FloatWeightedDot(p[..3].Select(v => (float)v).ToArray(), p[3..].Select(v => (float)v).ToArray()),
            p =>
            {
                float[] da = new float[3], db = new float[3];
                float value = M.FloatWeightedDotBackward(p[..3].Select(v => (float)v).ToArray(), p[3..].Select(v => (float)v).ToArray(), da, db);
                return (value, [.. da.Select(v => (double)v), .. db.Select(v => (double)v)]);
            },
            Concat(a0, b0));
        GradientAssert.Near(g, 1e-6, Concat(b0.Select(Math.Exp).ToArray(), a0.Select((v, i) => v * Math.Exp(b0[i])).ToArray()));
    }

    [Fact]
    public void NoDiffArrayGetsNoGradient()
    {
        double[] w = [2.0, 0.5, -1.0, 3.0, 0.25];
        double[] g = GradientAssert.Check(p => M.WeightedSquares(p, w), Backward((p, dp) => M.WeightedSquaresBackward(p, w, dp)), Point);
        GradientAssert.Exact(g, Point.Select((v, i) => 2 * w[i] * v).ToArray());

        // The backward method has one gradient span: p's. w is [NoDiff].
        var backward = typeof(M).GetMethod(nameof(M.WeightedSquaresBackward))!;
        Assert.Equal(new[] { "p", "w", "dp" }, backward.GetParameters().Select(p => p.Name));
    }

    [Fact]
    public void NoDiffSpanReadThroughAComputedIndex()
    {
        const int d = 2;
        double[] x = [1.0, 9.0, -0.5, 9.0, 0.25, 9.0, 2.0, 9.0, 0.0, 9.0];
        double[] g = GradientAssert.Check(p => M.NoDiffSpanOffsets(p, x, d), Backward((p, dp) => M.NoDiffSpanOffsetsBackward(p, x, d, dp)), Point);
        GradientAssert.Exact(g, Point.Select((v, i) => -2 * (x[i * d] - v)).ToArray());
    }

    [Fact]
    public void GatherThroughAnIntArrayOfIndices()
    {
        int[] idx = [2, 0, 2, 4, 2];
        double[] g = GradientAssert.Check(p => M.Gather(p, idx), Backward((p, dp) => M.GatherBackward(p, idx, dp)), Point);
        double[] expected = new double[Point.Length];
        for (int i = 0; i < idx.Length; i++)
        {
            expected[idx[i]] += 2 * (i + 1) * Point[idx[i]];
        }
        GradientAssert.Exact(g, expected);
    }

    [Fact]
    public void ScatterAddThroughAnIntArrayOfBins()
    {
        int[] bin = [1, 0, 1, 2, 1];
        const int bins = 4; // bin 3 stays empty
        double[] g = GradientAssert.Check(p => M.ScatterAddSquares(p, bin, bins), Backward((p, dp) => M.ScatterAddSquaresBackward(p, bin, bins, dp)), Point);
        double[] acc = new double[bins];
        for (int i = 0; i < Point.Length; i++) acc[bin[i]] += Point[i];
        GradientAssert.Exact(g, Point.Select((_, i) => 2 * acc[bin[i]]).ToArray());
    }

    // ---- the gradient span's contract ----

    [Fact]
    public void GradientSpanOfTheWrongLengthThrowsNamingTheParameter()
    {
        var tooLong = Assert.Throws<ArgumentException>(() => M.SumOfSquaresBackward(Point, new double[Point.Length + 1]));
        Assert.Equal("dp", tooLong.ParamName);
        Assert.Contains("'p'", tooLong.Message);

        var tooShort = Assert.Throws<ArgumentException>(() => M.SumOfSquaresBackward(Point, new double[Point.Length - 1]));
        Assert.Equal("dp", tooShort.ParamName);

        // Only the second of two gradient spans is wrong: the exception names that one.
        double[] a = [1, 2, 3], b = [4, 5, 6];
        var second = Assert.Throws<ArgumentException>(() => M.DotBackward(a, b, new double[3], new double[2]));
        Assert.Equal("db", second.ParamName);
        Assert.Contains("'b'", second.Message);

        var floats = Assert.Throws<ArgumentException>(() => M.FloatNormBackward([1f, 2f], new float[3]));
        Assert.Equal("dp", floats.ParamName);
    }

    [Fact]
    public void TangentSpanOfTheWrongLengthThrowsNamingTheParameter()
    {
        double[] a = [1, 2, 3], b = [4, 5, 6];
        var tooShort = Assert.Throws<ArgumentException>(() => M.DotTangent(a, b, new double[3], new double[2], out _));
        Assert.Equal("bDot", tooShort.ParamName);
        Assert.Contains("'b'", tooShort.Message);

        var tooLong = Assert.Throws<ArgumentException>(() => M.DotTangents(a, b, new System.Numerics.Vector<double>[4], new System.Numerics.Vector<double>[3], out _));
        Assert.Equal("aDot", tooLong.ParamName);

        // The right lengths: the directional derivative of a·b, (ȧ·b + a·ḃ).
        M.DotTangent(a, b, new double[] { 1, 0, 0 }, new double[] { 0, 0, 1 }, out double tangent);
        Assert.Equal(4 + 3, tangent);
    }

    [Fact]
    public void GradientSpanIsOverwrittenNotAccumulated()
    {
        double[] clean = new double[Point.Length];
        double cleanValue = M.InPlaceRecurrenceBackward(Point, 3, clean);

        double[] garbage = [double.NaN, double.PositiveInfinity, -1e300, 42, double.NegativeInfinity];
        double value = M.InPlaceRecurrenceBackward(Point, 3, garbage);
        Assert.Equal(cleanValue, value);
        Assert.Equal(clean, garbage);

        double[] da = [double.NaN, double.NaN, double.NaN], db = [7, 7, 7];
        M.DotBackward([1, 2, 3], [4, 5, 6], da, db);
        Assert.Equal(new[] { 4.0, 5, 6 }, da);
        Assert.Equal(new[] { 1.0, 2, 3 }, db);
    }

    [Fact]
    public void PullbackAccumulatesIntoTheGradientSpan()
    {
        double[] dp = [1, 1, 1, 1, 1];
        M.SumOfSquaresPullback(Point, 2.0, dp);
        GradientAssert.Exact(dp, Point.Select(x => 1 + 2 * 2 * x).ToArray());
    }

    [Fact]
    public void BackwardTwiceGivesIdenticalResults()
    {
        // Methods whose reverse sweep uses the pooled primal stack (overwrites in loops, branches) and local buffers.
        double[] first = new double[Point.Length], second = new double[Point.Length];
        double v1 = M.InPlaceRecurrenceStackallocBackward(Point, 7, first);
        double v2 = M.InPlaceRecurrenceStackallocBackward(Point, 7, second);
        Assert.Equal(v1, v2);
        Assert.Equal(first, second);

        double[] reused = new double[Point.Length];
        double w1 = M.LogSumExpBackward(Point, reused);
        double[] copy = (double[])reused.Clone();
        double w2 = M.LogSumExpBackward(Point, reused);
        Assert.Equal(w1, w2);
        Assert.Equal(copy, reused);

        const int rows = 2, cols = 3;
        double[] p0 = [0.2, -0.5, 1.1, 0.3, 0.9, 0.4];
        double[] r1 = new double[6], r2 = new double[6];
        Assert.Equal(M.RowLogSumExpsBackward(p0, rows, cols, r1), M.RowLogSumExpsBackward(p0, rows, cols, r2));
        Assert.Equal(r1, r2);
    }

    [Fact]
    public void InputsAreNotModified()
    {
        double[] p = (double[])Point.Clone();
        M.InPlaceRecurrenceBackward(p, 5, new double[p.Length]);
        M.SquaresPlusSinesBackward(p, new double[p.Length]);
        M.RowLogSumExpsBackward(p[..4], 2, 2, new double[4]);
        Assert.Equal(Point, p);
    }
}
