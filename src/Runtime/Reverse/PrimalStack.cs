using System;
using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SourceAD;

/// <summary>
/// The last-in first-out store that generated code uses inside loops: the forward sweep pushes the primal values
/// it is about to overwrite (and the branches and trip counts it took), the reverse sweep pops them in reverse order.
/// </summary>
/// <remarks>
/// Generated code starts a stack of unmanaged values on a small <c>stackalloc</c> buffer, so a pullback that saves
/// only a few values (one called per data point, say) touches neither the heap nor any pool. When the values outgrow
/// it, they move to the largest array a stack of this thread released (a pullback called in a loop gets back the
/// array its previous call grew to), else to one from <see cref="ArrayPool{T}.Shared"/>; <see cref="Dispose"/>
/// releases it. Repeated calls therefore allocate nothing after the first.
/// </remarks>
/// <typeparam name="T">The type of the saved values.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct PrimalStack<T>
{
    // Arrays released on this thread, kept for its next stacks (the largest is taken first).
    private const int CacheSize = 4;
    // Larger arrays go back to the shared pool, which can trim them under memory pressure: a thread keeps at most
    // CacheSize · MaxCachedLength values alive between calls.
    private const int MaxCachedLength = 1 << 20;
    [ThreadStatic] private static T[]?[]? t_cache;
    [ThreadStatic] private static int t_cached;

    private Span<T> _items;
    private T[]? _rented;
    private int _count;

    /// <summary>A stack whose first values go to <paramref name="initial"/> (typically <c>stackalloc</c>ed by the caller).</summary>
    public PrimalStack(Span<T> initial)
    {
        _items = initial;
        _rented = null;
        _count = 0;
    }

    /// <summary>The number of values currently saved.</summary>
    public readonly int Count => _count;

    /// <summary>Saves a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(T value)
    {
        // The inlined fast path is one test and a store; the test also removes the store's bounds check.
        Span<T> items = _items;
        int count = _count;
        if ((uint)count < (uint)items.Length)
        {
            items[count] = value;
        }
        else
        {
            GrowAndStore(value);
        }
        _count = count + 1;
    }

    /// <summary>Returns the most recently saved value and removes it.</summary>
    /// <exception cref="InvalidOperationException">The stack is empty (a generated forward and reverse sweep disagree).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Pop()
    {
        Span<T> items = _items;
        int count = _count - 1;
        if ((uint)count >= (uint)items.Length)
        {
            ThrowEmpty();
        }
        _count = count;
        return items[count];
    }

    /// <summary>Releases the rented array, if any, for reuse by the next stack of this thread.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            Release(_rented);
            _rented = null;
        }
        _items = default;
        _count = 0;
    }

    [DoesNotReturn]
    private static void ThrowEmpty() =>
        throw new InvalidOperationException("PrimalStack.Pop: the stack is empty; the reverse sweep popped more values than the forward sweep pushed.");

    /// <summary>Moves the values to an array with room for at least twice as many, then stores <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowAndStore(T value)
    {
        T[] bigger = Take(Math.Max(64, 2 * _items.Length));
        _items.Slice(0, _count).CopyTo(bigger);
        if (_rented is not null)
        {
            Release(_rented);
        }
        _rented = bigger;
        _items = bigger;
        bigger[_count] = value;
    }

    /// <summary>
    /// The largest array this thread released, if it holds <paramref name="length"/> values, else one from the pool.
    /// Taking the largest means a stack grows at most once per call when its thread has run the same pullback before.
    /// </summary>
    private static T[] Take(int length)
    {
        T[]?[]? cache = t_cache;
        int count = t_cached;
        int largest = -1;
        for (int i = 0; i < count; i++)
        {
            if (largest < 0 || cache![i]!.Length > cache[largest]!.Length)
            {
                largest = i;
            }
        }
        if (largest >= 0 && cache![largest]!.Length >= length)
        {
            T[] array = cache[largest]!;
            cache[largest] = cache[count - 1];
            cache[count - 1] = null;
            t_cached = count - 1;
            return array;
        }
        return ArrayPool<T>.Shared.Rent(length);
    }

    /// <summary>Keeps the array for this thread's next stack; when the cache is full, the smallest array goes back to the pool.</summary>
    private static void Release(T[] array)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(array); // keep no saved objects alive
        }
        if (array.Length > MaxCachedLength)
        {
            ArrayPool<T>.Shared.Return(array);
            return;
        }
        T[]?[] cache = t_cache ??= new T[CacheSize][];
        if (t_cached < CacheSize)
        {
            cache[t_cached++] = array;
            return;
        }
        int smallest = 0;
        for (int i = 1; i < CacheSize; i++)
        {
            if (cache[i]!.Length < cache[smallest]!.Length)
            {
                smallest = i;
            }
        }
        if (cache[smallest]!.Length < array.Length)
        {
            (cache[smallest], array) = (array, cache[smallest]!);
        }
        ArrayPool<T>.Shared.Return(array);
    }
}
