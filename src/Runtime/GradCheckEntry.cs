namespace SourceAD;

/// <summary>
/// The result of <see cref="GradCheck"/> for one parameter: the element whose analytic and numeric derivatives
/// disagree most. For a scalar parameter <see cref="Length"/> is 1 and <see cref="WorstIndex"/> is 0.
/// </summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Length">How many coordinates the parameter spans (1 for a scalar, the element count for an array).</param>
/// <param name="WorstIndex">The index, within the parameter, of the element with the largest error.</param>
/// <param name="Analytic">The derivative the checked gradient returned for that element.</param>
/// <param name="Numeric">The central finite-difference estimate for that element.</param>
/// <param name="Error">
/// The largest error over the parameter's elements, <c>|analytic − numeric| / max(1, |analytic|, |numeric|)</c>;
/// positive infinity when either derivative is not finite.
/// </param>
public sealed record GradCheckEntry(string Name, int Length, int WorstIndex, double Analytic, double Numeric, double Error)
{
    /// <summary>The parameter's name, with the worst element's index when the parameter spans several coordinates, e.g. <c>w[2]</c>.</summary>
    public string Label => Length == 1 ? Name : $"{Name}[{WorstIndex}]";
}
