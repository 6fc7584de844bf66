using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SourceAD;

/// <summary>The register-tile shapes of the <see cref="Gemm"/> micro-kernels.</summary>
internal enum GemmKernelKind
{
    /// <summary>Portable scalar code, 4×4 tile.</summary>
    Scalar,

    /// <summary><see cref="Vector256{T}"/> with FMA when available, 6×16 tile.</summary>
    Vector256,

    /// <summary><see cref="Vector512{T}"/> (AVX-512), 12×32 tile.</summary>
    Vector512,
}

/// <summary>A micro-kernel and its register tile: it adds the product of an <c>MR×kc</c> and a <c>kc×NR</c> packed panel into an <c>MR×NR</c> tile of <c>C</c>.</summary>
internal readonly record struct GemmKernel(GemmKernelKind Kind, int MR, int NR)
{
    /// <summary>Runs the micro-kernel; <paramref name="c"/> is the tile's first element, rows <paramref name="ldc"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Run(int kc, ref float a, ref float b, ref float c, int ldc)
    {
        switch (Kind)
        {
            case GemmKernelKind.Vector512:
                GemmMicroKernels.Tile12x32(kc, ref a, ref b, ref c, ldc);
                break;
            case GemmKernelKind.Vector256:
                GemmMicroKernels.Tile6x16(kc, ref a, ref b, ref c, ldc);
                break;
            default:
                GemmMicroKernels.Tile4x4(kc, ref a, ref b, ref c, ldc);
                break;
        }
    }
}

/// <summary>
/// The micro-kernels of <see cref="Gemm"/>. Panel layout: <c>a[p·MR + i]</c> and <c>b[p·NR + j]</c> for
/// <c>p &lt; kc</c>; each kernel keeps the whole <c>MR×NR</c> tile in registers across the <c>kc</c> loop.
/// </summary>
internal static class GemmMicroKernels
{
    /// <summary>The 12×32 AVX-512 kernel.</summary>
    public static readonly GemmKernel Avx512 = new(GemmKernelKind.Vector512, 12, 32);

    /// <summary>The 6×16 AVX2 kernel.</summary>
    public static readonly GemmKernel Avx2 = new(GemmKernelKind.Vector256, 6, 16);

    /// <summary>The portable 4×4 kernel.</summary>
    public static readonly GemmKernel Scalar = new(GemmKernelKind.Scalar, 4, 4);

    /// <summary>The kernels this machine runs natively, fastest first.</summary>
    public static IReadOnlyList<GemmKernel> Supported { get; } = FindSupported();

    /// <summary>The fastest supported kernel.</summary>
    public static GemmKernel Best => Supported[0];

    private static GemmKernel[] FindSupported()
    {
        var kernels = new List<GemmKernel>();
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            kernels.Add(Avx512);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            kernels.Add(Avx2);
        }
        kernels.Add(Scalar);
        return kernels.ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : (a * b) + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref float c, Vector256<float> c0, Vector256<float> c1)
    {
        (Vector256.LoadUnsafe(ref c) + c0).StoreUnsafe(ref c);
        (Vector256.LoadUnsafe(ref c, 8) + c1).StoreUnsafe(ref c, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref float c, Vector512<float> c0, Vector512<float> c1)
    {
        (Vector512.LoadUnsafe(ref c) + c0).StoreUnsafe(ref c);
        (Vector512.LoadUnsafe(ref c, 16) + c1).StoreUnsafe(ref c, 16);
    }

    /// <summary>6×16 tile: 12 accumulators, two <c>B</c> loads and six broadcasts per step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile6x16(int kc, ref float a, ref float b, ref float c, int ldc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.LoadUnsafe(ref b);
            Vector256<float> b1 = Vector256.LoadUnsafe(ref b, 8);
            Vector256<float> ai = Vector256.Create(a);
            c00 = MultiplyAdd(ai, b0, c00);
            c01 = MultiplyAdd(ai, b1, c01);
            ai = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = MultiplyAdd(ai, b0, c10);
            c11 = MultiplyAdd(ai, b1, c11);
            ai = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = MultiplyAdd(ai, b0, c20);
            c21 = MultiplyAdd(ai, b1, c21);
            ai = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = MultiplyAdd(ai, b0, c30);
            c31 = MultiplyAdd(ai, b1, c31);
            ai = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = MultiplyAdd(ai, b0, c40);
            c41 = MultiplyAdd(ai, b1, c41);
            ai = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = MultiplyAdd(ai, b0, c50);
            c51 = MultiplyAdd(ai, b1, c51);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, 16);
        }
        AddRow(ref c, c00, c01);
        AddRow(ref Unsafe.Add(ref c, ldc), c10, c11);
        AddRow(ref Unsafe.Add(ref c, 2 * ldc), c20, c21);
        AddRow(ref Unsafe.Add(ref c, 3 * ldc), c30, c31);
        AddRow(ref Unsafe.Add(ref c, 4 * ldc), c40, c41);
        AddRow(ref Unsafe.Add(ref c, 5 * ldc), c50, c51);
    }

    /// <summary>12×32 tile: 24 of the 32 AVX-512 registers hold accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile12x32(int kc, ref float a, ref float b, ref float c, int ldc)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default, cA0 = default, cA1 = default, cB0 = default, cB1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.LoadUnsafe(ref b);
            Vector512<float> b1 = Vector512.LoadUnsafe(ref b, 16);
            Vector512<float> ai = Vector512.Create(a);
            c00 = Avx512F.FusedMultiplyAdd(ai, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Avx512F.FusedMultiplyAdd(ai, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Avx512F.FusedMultiplyAdd(ai, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Avx512F.FusedMultiplyAdd(ai, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Avx512F.FusedMultiplyAdd(ai, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Avx512F.FusedMultiplyAdd(ai, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(ai, b1, c51);
            ai = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = Avx512F.FusedMultiplyAdd(ai, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(ai, b1, c61);
            ai = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = Avx512F.FusedMultiplyAdd(ai, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(ai, b1, c71);
            ai = Vector512.Create(Unsafe.Add(ref a, 8));
            c80 = Avx512F.FusedMultiplyAdd(ai, b0, c80);
            c81 = Avx512F.FusedMultiplyAdd(ai, b1, c81);
            ai = Vector512.Create(Unsafe.Add(ref a, 9));
            c90 = Avx512F.FusedMultiplyAdd(ai, b0, c90);
            c91 = Avx512F.FusedMultiplyAdd(ai, b1, c91);
            ai = Vector512.Create(Unsafe.Add(ref a, 10));
            cA0 = Avx512F.FusedMultiplyAdd(ai, b0, cA0);
            cA1 = Avx512F.FusedMultiplyAdd(ai, b1, cA1);
            ai = Vector512.Create(Unsafe.Add(ref a, 11));
            cB0 = Avx512F.FusedMultiplyAdd(ai, b0, cB0);
            cB1 = Avx512F.FusedMultiplyAdd(ai, b1, cB1);
            a = ref Unsafe.Add(ref a, 12);
            b = ref Unsafe.Add(ref b, 32);
        }
        AddRow(ref c, c00, c01);
        AddRow(ref Unsafe.Add(ref c, ldc), c10, c11);
        AddRow(ref Unsafe.Add(ref c, 2 * ldc), c20, c21);
        AddRow(ref Unsafe.Add(ref c, 3 * ldc), c30, c31);
        AddRow(ref Unsafe.Add(ref c, 4 * ldc), c40, c41);
        AddRow(ref Unsafe.Add(ref c, 5 * ldc), c50, c51);
        AddRow(ref Unsafe.Add(ref c, 6 * ldc), c60, c61);
        AddRow(ref Unsafe.Add(ref c, 7 * ldc), c70, c71);
        AddRow(ref Unsafe.Add(ref c, 8 * ldc), c80, c81);
        AddRow(ref Unsafe.Add(ref c, 9 * ldc), c90, c91);
        AddRow(ref Unsafe.Add(ref c, 10 * ldc), cA0, cA1);
        AddRow(ref Unsafe.Add(ref c, 11 * ldc), cB0, cB1);
    }

    /// <summary>Portable 4×4 tile for machines without hardware-accelerated <see cref="Vector256{T}"/>.</summary>
    public static void Tile4x4(int kc, ref float a, ref float b, ref float c, int ldc)
    {
        Span<float> tile = stackalloc float[16];
        for (int p = 0; p < kc; p++)
        {
            for (int i = 0; i < 4; i++)
            {
                float ai = Unsafe.Add(ref a, i);
                for (int j = 0; j < 4; j++)
                {
                    tile[i * 4 + j] += ai * Unsafe.Add(ref b, j);
                }
            }
            a = ref Unsafe.Add(ref a, 4);
            b = ref Unsafe.Add(ref b, 4);
        }
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                Unsafe.Add(ref c, i * ldc + j) += tile[i * 4 + j];
            }
        }
    }
}
