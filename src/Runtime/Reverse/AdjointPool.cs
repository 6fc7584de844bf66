using System.Collections.Generic;
using System.ComponentModel;

namespace SourceAD;

/// <summary>
/// Where generated code gets the adjoints of its differentiable objects (tensor intermediates): a pullback enters a
/// pool at its start, takes each adjoint with <see cref="ZerosLike"/> and disposes the pool at its end, which hands
/// every adjoint it took back to its thread for the next pullback. A training step that runs the same pullback again
/// therefore reuses the previous step's adjoints (cleared) instead of allocating new ones.
/// </summary>
/// <remarks>
/// Per thread and re-entrant, like <see cref="PrimalStack{T}"/>: the adjoints in use on a thread form one stack, a
/// pool remembers where its own part starts, and disposing it returns only that part. A pullback called from another
/// pullback (or from itself, recursively) takes and returns its adjoints above its caller's, so none is handed out
/// twice while in use. A pullback that throws does not dispose its pool; its adjoints are returned when an enclosing
/// pullback's pool is disposed, or never (they are then ordinary garbage). Types whose <see
/// cref="IDifferentiable{TSelf}.HasShapeOf"/> says false (the default) are allocated every time.
/// </remarks>
/// <typeparam name="T">The differentiable type (e.g. <see cref="Tensor"/>).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct AdjointPool<T> where T : class, IDifferentiable<T>
{
    // Free values kept per thread, at most this many (more are left to the garbage collector).
    private const int MaxFree = 256;
    [System.ThreadStatic] private static List<T>? t_inUse;
    [System.ThreadStatic] private static List<T>? t_free;

    private readonly int _start;

    private AdjointPool(int start) => _start = start;

    /// <summary>A pool for one call of a pullback: its adjoints go on top of those of the calls that enclose it.</summary>
    public static AdjointPool<T> Enter() => new((t_inUse ??= new List<T>()).Count);

    /// <summary>A value of <paramref name="value"/>'s shape, all zeros: a free one of this thread cleared, or a new one.</summary>
    public readonly T ZerosLike(T value)
    {
        List<T> inUse = t_inUse ??= new List<T>();
        List<T>? free = t_free;
        if (free is not null)
        {
            for (int i = free.Count - 1; i >= 0; i--)
            {
                T candidate = free[i];
                if (T.HasShapeOf(candidate, value))
                {
                    free[i] = free[free.Count - 1];
                    free.RemoveAt(free.Count - 1);
                    candidate.Clear();
                    inUse.Add(candidate);
                    return candidate;
                }
            }
        }
        T fresh = T.ZerosLike(value);
        inUse.Add(fresh);
        return fresh;
    }

    /// <summary>Hands the adjoints this pool gave out (and any a throwing callee left above them) back to the thread.</summary>
    public readonly void Dispose()
    {
        List<T>? inUse = t_inUse;
        if (inUse is null || inUse.Count <= _start)
        {
            return;
        }
        List<T> free = t_free ??= new List<T>();
        for (int i = _start; i < inUse.Count; i++)
        {
            if (free.Count < MaxFree)
            {
                free.Add(inUse[i]);
            }
        }
        inUse.RemoveRange(_start, inUse.Count - _start);
    }
}
