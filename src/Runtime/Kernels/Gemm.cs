using System;
using System.Buffers;
using System.Numerics.Tensors;
using System.Threading.Tasks;

namespace SourceAD;

/// <summary>
/// Single-precision matrix multiplication <c>C (=|+=) op(A) · op(B)</c> on row-major arrays, where <c>op</c> is the
/// identity or the transpose. Blocked in the manner of BLIS/GotoBLAS: a <c>KC×NC</c> block of <c>op(B)</c> is packed
/// once into <c>NR</c>-wide column panels, each <c>MC×KC</c> block of <c>op(A)</c> into <c>MR</c>-high row panels,
/// and a register-tiled micro-kernel (<see cref="GemmMicroKernels"/>) multiplies one panel pair at a time.
/// Transposes are absorbed by the packing, never materialised. Large products split their rows over the cores.
/// </summary>
internal static class Gemm
{
    private const int KC = 256;
    private const int MC = 96;
    private const int NC = 2048;
    private const long ParallelThreshold = 1L << 21;

    /// <summary>The fastest micro-kernel this machine supports.</summary>
    public static readonly GemmKernel Best = GemmMicroKernels.Best;

    /// <summary>
    /// <c>C[m,n] = op(A)[m,k] · op(B)[k,n]</c>, or <c>C += …</c> when <paramref name="accumulate"/>.
    /// <paramref name="a"/> holds <c>A</c> as <c>[m,k]</c>, or as <c>[k,m]</c> when <paramref name="transposeA"/>;
    /// <paramref name="b"/> holds <c>B</c> as <c>[k,n]</c>, or as <c>[n,k]</c> when <paramref name="transposeB"/>.
    /// </summary>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate) =>
        Multiply(a, b, c, m, n, k, transposeA, transposeB, accumulate, Best);

    /// <summary><see cref="Multiply(float[], float[], float[], int, int, int, bool, bool, bool)"/> with a chosen micro-kernel.</summary>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate, GemmKernel kernel)
    {
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
        {
            throw new ArgumentException("Gemm: an operand is smaller than its dimensions require");
        }
        if (!accumulate)
        {
            c.AsSpan(0, m * n).Clear();
        }
        if (m == 0 || n == 0 || k == 0)
        {
            return;
        }
        var problem = new Problem(a, b, c, m, n, k, transposeA, transposeB, kernel);
        int nr = kernel.NR;
        float[] packedB = ArrayPool<float>.Shared.Rent(KC * RoundUp(Math.Min(n, NC), nr));
        try
        {
            int chunks = ChunkCount(m, n, k, kernel.MR);
            int rowsPerChunk = RoundUp((m + chunks - 1) / chunks, kernel.MR);
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    var block = new Block(jc, nc, pc, kc);
                    PackB(problem, block, packedB);
                    if (chunks == 1)
                    {
                        MultiplyRows(problem, block, packedB, 0, m);
                    }
                    else
                    {
                        MultiplyRowsInParallel(problem, block, packedB, chunks, rowsPerChunk);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedB);
        }
    }

    /// <summary>
    /// The rows in <paramref name="chunks"/> chunks on the thread pool. A method of its own, so that the closure the
    /// lambda needs is allocated only for products large enough to run in parallel, not on every call.
    /// </summary>
    private static void MultiplyRowsInParallel(Problem problem, Block block, float[] packedB, int chunks, int rowsPerChunk) =>
        Parallel.For(0, chunks, chunk =>
            MultiplyRows(problem, block, packedB, chunk * rowsPerChunk, Math.Min(problem.M, (chunk + 1) * rowsPerChunk)));

    private readonly record struct Problem(float[] A, float[] B, float[] C, int M, int N, int K, bool TransposeA, bool TransposeB, GemmKernel Kernel);

    private readonly record struct Block(int Jc, int Nc, int Pc, int Kc);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>One chunk for small products; otherwise a multiple of the core count, each at least one register tile high.</summary>
    private static int ChunkCount(int m, int n, int k, int mr)
    {
        int cores = Environment.ProcessorCount;
        if (cores == 1 || (long)m * n * k <= ParallelThreshold || m <= mr)
        {
            return 1;
        }
        int chunks = RoundUp((m + MC - 1) / MC, cores);
        return Math.Min(chunks, (m + mr - 1) / mr);
    }

    /// <summary>Multiplies rows <c>[rowStart, rowEnd)</c> of <c>op(A)</c>, block by block, with the packed block of <c>op(B)</c>.</summary>
    private static void MultiplyRows(in Problem problem, in Block block, float[] packedB, int rowStart, int rowEnd)
    {
        if (rowStart >= rowEnd)
        {
            return;
        }
        GemmKernel kernel = problem.Kernel;
        float[] packedA = ArrayPool<float>.Shared.Rent(MC * block.Kc);
        Span<float> edgeTile = stackalloc float[kernel.MR * kernel.NR];
        try
        {
            for (int ic = rowStart; ic < rowEnd; ic += MC)
            {
                int mc = Math.Min(MC, rowEnd - ic);
                PackA(problem, block, ic, mc, packedA);
                MacroKernel(problem, block, ic, mc, packedA, packedB, edgeTile);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(packedA);
        }
    }

    /// <summary>Multiplies a packed <c>mc×kc</c> block of <c>op(A)</c> by the packed <c>kc×nc</c> block of <c>op(B)</c> into <c>C</c>.</summary>
    private static void MacroKernel(in Problem problem, in Block block, int ic, int mc, float[] packedA, float[] packedB, Span<float> edgeTile)
    {
        GemmKernel kernel = problem.Kernel;
        int mr = kernel.MR, nr = kernel.NR, kc = block.Kc, n = problem.N;
        float[] c = problem.C;
        for (int jr = 0; jr < block.Nc; jr += nr)
        {
            int columns = Math.Min(nr, block.Nc - jr);
            ref float bPanel = ref packedB[jr * kc];
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                ref float aPanel = ref packedA[ir * kc];
                int cOffset = (ic + ir) * n + block.Jc + jr;
                if (rows == mr && columns == nr)
                {
                    kernel.Run(kc, ref aPanel, ref bPanel, ref c[cOffset], n);
                    continue;
                }
                edgeTile.Clear();
                kernel.Run(kc, ref aPanel, ref bPanel, ref edgeTile[0], nr);
                for (int i = 0; i < rows; i++)
                {
                    Span<float> cRow = c.AsSpan(cOffset + i * n, columns);
                    TensorPrimitives.Add(cRow, edgeTile.Slice(i * nr, columns), cRow);
                }
            }
        }
    }

    /// <summary>Packs rows <c>[ic, ic+mc)</c>, columns <c>[pc, pc+kc)</c> of <c>op(A)</c> into zero-padded <c>MR</c>-row panels, column-major within a panel.</summary>
    private static void PackA(in Problem problem, in Block block, int ic, int mc, float[] packedA)
    {
        int mr = problem.Kernel.MR, kc = block.Kc, pc = block.Pc;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            Span<float> panel = packedA.AsSpan(ir * kc, mr * kc);
            if (rows < mr)
            {
                panel.Clear();
            }
            if (problem.TransposeA)
            {
                // A is stored [k, m]: a column of op(A)'s panel row p is contiguous.
                for (int p = 0; p < kc; p++)
                {
                    problem.A.AsSpan((pc + p) * problem.M + ic + ir, rows).CopyTo(panel.Slice(p * mr));
                }
            }
            else
            {
                for (int i = 0; i < rows; i++)
                {
                    ReadOnlySpan<float> source = problem.A.AsSpan((ic + ir + i) * problem.K + pc, kc);
                    for (int p = 0; p < source.Length; p++)
                    {
                        panel[p * mr + i] = source[p];
                    }
                }
            }
        }
    }

    /// <summary>Packs rows <c>[pc, pc+kc)</c>, columns <c>[jc, jc+nc)</c> of <c>op(B)</c> into zero-padded <c>NR</c>-column panels, row-major within a panel.</summary>
    private static void PackB(in Problem problem, in Block block, float[] packedB)
    {
        int nr = problem.Kernel.NR, kc = block.Kc, pc = block.Pc;
        for (int jr = 0; jr < block.Nc; jr += nr)
        {
            int columns = Math.Min(nr, block.Nc - jr);
            Span<float> panel = packedB.AsSpan(jr * kc, nr * kc);
            if (columns < nr)
            {
                panel.Clear();
            }
            int j0 = block.Jc + jr;
            if (problem.TransposeB)
            {
                // B is stored [n, k]: a column of op(B) is contiguous.
                for (int j = 0; j < columns; j++)
                {
                    ReadOnlySpan<float> source = problem.B.AsSpan((j0 + j) * problem.K + pc, kc);
                    for (int p = 0; p < source.Length; p++)
                    {
                        panel[p * nr + j] = source[p];
                    }
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    problem.B.AsSpan((pc + p) * problem.N + j0, columns).CopyTo(panel.Slice(p * nr));
                }
            }
        }
    }
}
