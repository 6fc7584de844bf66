using System;

namespace SourceAD;

/// <summary>The check every model visitor makes: a gradient member has its value's length.</summary>
internal static class MemberLengths
{
    public static void RequireSame(string name, int value, int gradient)
    {
        if (value != gradient)
        {
            throw new ArgumentException($"The gradient member '{name}' has {gradient} elements, but the model's has {value}.", nameof(gradient));
        }
    }
}
