using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Reverse;

/// <summary>
/// Activity analysis: a variable is active when it depends on a differentiable input (varied) and the result depends
/// on it (useful). Only active variables get adjoints; only assignments to them get reverse steps. The analysis is
/// flow-insensitive (a fixed point over all assignments), which is conservative and so always correct.
/// </summary>
internal sealed class Activity
{
    private readonly HashSet<string> _active;

    private Activity(HashSet<string> active) => _active = active;

    public bool IsActive(string variable) => _active.Contains(variable);

    /// <summary>Whether a derivative flows from an active variable into <paramref name="e"/>.</summary>
    public bool HasActiveReads(Expr e)
    {
        var reads = new HashSet<string>();
        ExprVisitor.DerivativeReads(e, reads);
        return reads.Overlaps(_active);
    }

    public static Activity Analyze(IReadOnlyList<Write> assignments, IEnumerable<string> inputs, string result, List<DiagnosticInfo> diagnostics)
    {
        var reads = assignments.Select(a =>
        {
            var set = new HashSet<string>();
            ExprVisitor.DerivativeReads(a.Value, set);
            return set;
        }).ToList();

        var varied = new HashSet<string>(inputs);
        FixedPoint(() =>
        {
            bool changed = false;
            for (int i = 0; i < assignments.Count; i++)
            {
                if (assignments[i].Value.Type.IsDifferentiable && reads[i].Overlaps(varied))
                {
                    changed |= varied.Add(assignments[i].Target);
                }
            }
            return changed;
        });

        var useful = new HashSet<string> { result };
        FixedPoint(() =>
        {
            bool changed = false;
            for (int i = 0; i < assignments.Count; i++)
            {
                if (useful.Contains(assignments[i].Target))
                {
                    foreach (string read in reads[i]) changed |= useful.Add(read);
                }
            }
            return changed;
        });

        var active = new HashSet<string>(varied.Where(useful.Contains));
        ReportCallsWithoutDerivative(assignments, varied, useful, diagnostics);
        ReportActiveArgumentsToNoDiff(assignments, varied, useful, diagnostics);
        return new Activity(active);
    }

    private static void FixedPoint(System.Func<bool> step)
    {
        while (step())
        {
        }
    }

    private static void ReportCallsWithoutDerivative(IReadOnlyList<Write> assignments, HashSet<string> varied, HashSet<string> useful, List<DiagnosticInfo> diagnostics)
    {
        var reported = new HashSet<LocationInfo?>();
        foreach (Write write in assignments.Where(a => useful.Contains(a.Target)))
        {
            var blocked = new List<Expr>();
            ExprVisitor.OpaqueCallsOnDerivativePath(write.Value, blocked);
            foreach (Expr expr in blocked)
            {
                var reads = new HashSet<string>();
                if (expr is OpaqueCall call)
                {
                    foreach (Expr arg in call.Args) ExprVisitor.DerivativeReads(arg, reads);
                    if (reads.Overlaps(varied) && reported.Add(call.Location))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Descriptors.NoDerivative, call.Location, ShortName(call.Name)));
                    }
                }
                else if (expr is Slice slice && !reported.Contains(write.Location))
                {
                    ExprVisitor.DerivativeReads(slice.Buffer, reads);
                    if (reads.Overlaps(varied) && reported.Add(write.Location))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Descriptors.LocalBuffer, write.Location, write.Target,
                            "is a view of a differentiable buffer that may change while in use (it is reassigned, chosen by ?:, declared in a switch section or a for header, or its start or length changes after its declaration); declare it once, as a statement of a block, with AsSpan or Slice, or index the buffer directly"));
                    }
                }
            }
        }
    }

    /// <summary>A [Differentiable] callee's [NoDiff] parameter must not receive a value that carries a derivative.</summary>
    private static void ReportActiveArgumentsToNoDiff(IReadOnlyList<Write> writes, HashSet<string> varied, HashSet<string> useful, List<DiagnosticInfo> diagnostics)
    {
        var reported = new HashSet<LocationInfo?>();
        foreach (Write write in writes.Where(w => useful.Contains(w.Target)))
        {
            var calls = new List<DiffCall>();
            ExprVisitor.DiffCalls(write.Value, calls);
            foreach (DiffCall call in calls)
            {
                for (int i = 0; i < call.Args.Count; i++)
                {
                    var reads = new HashSet<string>();
                    ExprVisitor.DerivativeReads(call.Args[i], reads);
                    if (!call.Callee.Differentiable[i] && reads.Overlaps(varied) && reported.Add(call.Location))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Descriptors.ActiveArgumentToNoDiff, call.Location, call.Callee.Name, call.Callee.ParameterNames[i]));
                    }
                }
            }
        }
    }

    private static string ShortName(string name)
    {
        string withoutGlobal = name.Replace("global::", "");
        int angle = withoutGlobal.IndexOf('<');
        string head = angle < 0 ? withoutGlobal : withoutGlobal.Substring(0, angle);
        int lastDot = head.LastIndexOf('.');
        int typeDot = lastDot > 0 ? head.LastIndexOf('.', lastDot - 1) : -1;
        return head.Substring(typeDot + 1);
    }
}
