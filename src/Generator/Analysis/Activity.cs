using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Analysis;

/// <summary>
/// Activity analysis: a variable is active when it depends on a differentiable input (varied) and the result depends
/// on it (useful). Only active variables get adjoints; only assignments to them get reverse steps. The analysis is
/// flow-insensitive (a fixed point over all assignments), which is conservative and so always correct.
/// </summary>
internal sealed class Activity
{
    private readonly HashSet<string> _active;
    private readonly HashSet<string> _varied;

    private Activity(HashSet<string> active, HashSet<string> varied)
    {
        _active = active;
        _varied = varied;
    }

    /// <summary>Whether the variable depends on a differentiable input (whether or not the result depends on it).</summary>
    public bool IsVaried(string variable) => _varied.Contains(variable);

    public bool IsActive(string variable) => _active.Contains(variable);

    /// <summary>Every active variable.</summary>
    public IEnumerable<string> Active => _active;

    /// <summary>Whether a derivative flows from an active variable into <paramref name="e"/>.</summary>
    public bool HasActiveReads(Expr e) => ExprVisitor.HasDerivativeRead(e, _active);

    /// <param name="body">The lowered body.</param>
    /// <param name="assignments">Its writes.</param>
    /// <param name="inputs">The variables derivatives are taken with respect to.</param>
    /// <param name="outputs">The variables whose derivatives are wanted (the result; written parameters).</param>
    /// <param name="diagnostics">Where the soundness errors go.</param>
    public static Activity Analyze(Block body, IReadOnlyList<Write> assignments, IEnumerable<string> inputs, IEnumerable<string> outputs, List<DiagnosticInfo> diagnostics)
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
                if (assignments[i].CarriesDerivative && reads[i].Overlaps(varied))
                {
                    changed |= varied.Add(assignments[i].Target);
                }
            }
            return changed;
        });

        var useful = new HashSet<string>(outputs);
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
        Soundness.Check(body, varied, diagnostics);
        ReportUnstableViews(assignments, varied, useful, diagnostics);
        ReportActiveArgumentsToNoDiff(assignments, varied, useful, diagnostics);
        return new Activity(active, varied);
    }

    private static void FixedPoint(System.Func<bool> step)
    {
        while (step())
        {
        }
    }

    /// <summary>A span view of a differentiable buffer that stayed a value (it may change while in use): SAD0014.</summary>
    private static void ReportUnstableViews(IReadOnlyList<Write> assignments, HashSet<string> varied, HashSet<string> useful, List<DiagnosticInfo> diagnostics)
    {
        var reported = new HashSet<LocationInfo?>();
        foreach (Write write in assignments.Where(a => useful.Contains(a.Target)))
        {
            var blocked = new List<Expr>();
            ExprVisitor.OpaqueCallsOnDerivativePath(write.Value, blocked);
            foreach (Slice slice in blocked.OfType<Slice>())
            {
                var reads = new HashSet<string>();
                ExprVisitor.DerivativeReads(slice.Buffer, reads);
                if (reads.Overlaps(varied) && reported.Add(write.Location))
                {
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.LocalBuffer, write.Location, write.Target,
                        "is a view of a differentiable buffer that may change while in use (it is reassigned, chosen by ?:, declared in a switch section or a for header, or its start or length changes after its declaration); declare it once, as a statement of a block, with AsSpan or Slice, or index the buffer directly"));
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
            // A nested derivative's value depends on its [NoDiff] arguments too, and its own derivative does not see them.
            var nested = ExprVisitor.DerivativeCalls(write.Value).Select(d => (d.Callee, d.Args, d.Location));
            foreach ((Callee callee, EquatableArray<Expr> args, LocationInfo? location) in calls.Select(c => (c.Callee, c.Args, c.Location)).Concat(nested))
            {
                for (int i = 0; i < callee.ParameterNames.Count; i++)
                {
                    var reads = new HashSet<string>();
                    ExprVisitor.DerivativeReads(args[i], reads);
                    if (!callee.Differentiable[i] && !callee.IsOutput(i) && reads.Overlaps(varied) && reported.Add(location))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Descriptors.ActiveArgumentToNoDiff, location, callee.Name, callee.ParameterNames[i])
                            .With(PropertyNames.Callee, callee.Name).With(PropertyNames.Parameter, callee.ParameterNames[i]));
                    }
                }
            }
        }
    }
}
