using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SourceAD;

/// <summary>
/// The last-in first-out store that generated code uses inside loops: the forward sweep pushes the primal values
/// it is about to overwrite (and the branches and trip counts it took), the reverse sweep pops them in reverse order.
/// Buffers are rented from <see cref="ArrayPool{T}.Shared"/> and returned by <see cref="Dispose"/>, so a method that
/// is called repeatedly reuses memory instead of allocating per call or per iteration.
/// </summary>
/// <typeparam name="T">The type of the saved values.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct PrimalStack<T> : IDisposable
{
    private T[]? _items;
    private int _count;

    /// <summary>The number of values currently saved.</summary>
    public readonly int Count => _count;

    /// <summary>Saves a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(T value)
    {
        T[]? items = _items;
        if (items is null || _count == items.Length)
        {
            items = Grow();
        }
        items[_count++] = value;
    }

    /// <summary>Returns the most recently saved value and removes it.</summary>
    /// <exception cref="InvalidOperationException">The stack is empty (a generated forward and reverse sweep disagree).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Pop()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("PrimalStack.Pop: the stack is empty; the reverse sweep popped more values than the forward sweep pushed.");
        }
        return _items![--_count];
    }

    /// <summary>Returns the rented buffer to the shared pool.</summary>
    public void Dispose()
    {
        if (_items is not null)
        {
            ArrayPool<T>.Shared.Return(_items);
            _items = null;
        }
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T[] Grow()
    {
        T[] bigger = ArrayPool<T>.Shared.Rent(_items is null ? 64 : _items.Length * 2);
        if (_items is not null)
        {
            Array.Copy(_items, bigger, _count);
            ArrayPool<T>.Shared.Return(_items);
        }
        _items = bigger;
        return bigger;
    }
}
