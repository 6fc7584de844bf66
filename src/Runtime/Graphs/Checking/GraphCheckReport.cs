using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SourceAD.Graphs;

/// <summary>
/// The outcome of <see cref="ComputationGraph.CheckDerivatives"/>: every local derivative checked against central
/// differences, every adjoint checked against the chain rule, and the first node that disagrees.
/// </summary>
public sealed class GraphCheckReport
{
    internal GraphCheckReport(IReadOnlyList<LocalDerivativeEntry> localDerivatives, IReadOnlyList<AdjointEntry> adjoints, IReadOnlyList<int> notChecked)
    {
        LocalDerivatives = localDerivatives;
        Adjoints = adjoints;
        UncheckedNodes = notChecked;
    }

    /// <summary>Each checked local derivative, by node in evaluation order, then by input.</summary>
    public IReadOnlyList<LocalDerivativeEntry> LocalDerivatives { get; }

    /// <summary>Each checked adjoint, in the order of the reverse sweep (latest node first).</summary>
    public IReadOnlyList<AdjointEntry> Adjoints { get; }

    /// <summary>
    /// The operations whose local derivatives could not be checked: no re-evaluation delegate, a local derivative or
    /// input that is not a scalar (tensor operations), or an input that is not finite.
    /// </summary>
    public IReadOnlyList<int> UncheckedNodes { get; }

    /// <summary>Whether every checked local derivative and adjoint agrees.</summary>
    public bool Passed => LocalDerivatives.All(e => e.Agrees) && Adjoints.All(e => e.Agrees);

    /// <summary>
    /// The first disagreement: the earliest node, in evaluation order, with a local derivative that disagrees with central
    /// differences (a wrong rule); otherwise the first adjoint of the reverse sweep that disagrees with the chain rule
    /// (a wrong step of the reverse sweep); <see langword="null"/> when everything agrees.
    /// </summary>
    public string? FirstDisagreement =>
        LocalDerivatives.FirstOrDefault(e => !e.Agrees)?.ToString() ?? Adjoints.FirstOrDefault(e => !e.Agrees)?.ToString();

    /// <summary>The id of the node named by <see cref="FirstDisagreement"/>, or <see langword="null"/>.</summary>
    public int? FirstDisagreeingNode =>
        LocalDerivatives.FirstOrDefault(e => !e.Agrees)?.Node ?? Adjoints.FirstOrDefault(e => !e.Agrees)?.Node;

    /// <summary>The disagreements, one a line, or a line saying how many checks agree; then the notChecked nodes.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var wrong = LocalDerivatives.Where(e => !e.Agrees).Select(e => "local derivative disagrees: " + e)
            .Concat(Adjoints.Where(e => !e.Agrees).Select(e => "adjoint disagrees: " + e)).ToList();
        if (wrong.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"all {LocalDerivatives.Count} local derivatives and {Adjoints.Count} adjoints agree");
        }
        else
        {
            text.AppendJoin('\n', wrong);
        }
        if (UncheckedNodes.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nnot checked: nodes {string.Join(", ", UncheckedNodes)}");
        }
        return text.ToString();
    }

    internal static string FormatError(double error) => error.ToString("0.0E+00", CultureInfo.InvariantCulture);
}
