using System;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Diagnostics;

/// <summary>Turns an unexpected exception into diagnostic SAD9999, so the generator never throws into the compiler.</summary>
internal static class InternalError
{
    public static DiagnosticInfo From(Exception exception, LocationInfo? location, string method)
    {
        string? frame = System.Linq.Enumerable.FirstOrDefault((exception.StackTrace ?? "").Split('\n'), line => line.Contains("SourceAD.Generator."));
        string where = frame is null ? "" : " (" + frame.Trim() + ")";
        return DiagnosticInfo.Create(Descriptors.InternalError, location, method, exception.GetType().Name + ": " + exception.Message + where);
    }
}
