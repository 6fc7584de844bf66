using Xunit;

namespace SourceAD.Package.Tests;

/// <summary>The README's example f(x, y) = x·sin(y) + y² and its gradient (sin y, x·cos y + 2y), by hand.</summary>
internal static class ClosedForm
{
    public static double F(double x, double y) => x * Math.Sin(y) + y * y;

    public static double Dx(double x, double y) => Math.Sin(y);

    public static double Dy(double x, double y) => x * Math.Cos(y) + 2 * y;

    /// <summary>Asserts a generated (value, ∂/∂x, ∂/∂y) at (x, y) equals the closed form to 1e-12 relative.</summary>
    public static void AssertMatches(double x, double y, double value, double dx, double dy, string context)
    {
        AssertClose(F(x, y), value, "f", context);
        AssertClose(Dx(x, y), dx, "df/dx", context);
        AssertClose(Dy(x, y), dy, "df/dy", context);
    }

    private static void AssertClose(double expected, double actual, string what, string context) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R}\n{context}");
}
