using SourceAD.EndToEnd.Tests.Support;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// The generated variants of every end-to-end method the wrappers can call (buffers included), against each other and
/// against central differences, at two points:
/// <list type="bullet">
/// <item>FTangent returns the method's value, and its tangent is the gradient dotted with the direction;</item>
/// <item>FTangents (vector forward mode) returns the value, and lane j of its tangent is FTangent's along direction j;</item>
/// <item>FHessianVector returns the gradient of FBackward, and H·v for the rows of FHessian;</item>
/// <item>FHessian is symmetric and each of its rows is the central difference of the generated gradient.</item>
/// </list>
/// Where the method throws at a point, the gradient must throw too (not always the same exception: a span view's
/// bounds are the buffer's in generated code, so an index past the view throws IndexOutOfRangeException there).
/// </summary>
public class VariantProperties
{
    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (WrappedMethod method in VariantWrappers.Methods)
        {
            data.Add(method.Id);
        }
        return data;
    }

    [Fact]
    public void MostMethodsAreWrapped()
    {
        Assert.True(VariantWrappers.Methods.Count >= 200, $"only {VariantWrappers.Methods.Count} methods");
        Assert.True(VariantWrappers.Methods.Count(m => m.Has("Hessian")) >= 150, $"only {VariantWrappers.Methods.Count(m => m.Has("Hessian"))} Hessians");
        Assert.True(VariantWrappers.Methods.Count(m => m.Has("Tangents")) >= 250, $"only {VariantWrappers.Methods.Count(m => m.Has("Tangents"))} vector tangents of {VariantWrappers.Methods.Count(m => m.Has("Tangent"))} tangents");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void VariantsAgree(string id)
    {
        WrappedMethod method = VariantWrappers.Methods.Single(m => m.Id == id);
        // Float arithmetic (float parameters, or casts and MathF inside) rounds the variants' different operation orders differently.
        bool single = method.Method.ReturnType == typeof(float)
            || method.Method.GetParameters().Any(p => p.ParameterType == typeof(float) || p.ParameterType.GetElementType() == typeof(float) || p.ParameterType.GenericTypeArguments.Contains(typeof(float)));
        foreach (int seed in new[] { 1, 2 })
        {
            double[] point = Point(method.Size, seed);
            double[] direction = Point(method.Size, seed + 7).Select(x => x - 0.8).ToArray();
            double[] gradient = new double[method.Size];
            Exception? thrown = Record.Exception(() => method.Value(point));
            if (thrown is not null)
            {
                Assert.NotNull(Record.Exception(() => method.Gradient(point, gradient)));
                continue;
            }
            double value = method.Value(point);
            method.Gradient(point, gradient);
            if (method.Has("Tangent"))
            {
                // The tangent returns the value, to rounding (a nested tangent's v̇ comes through the inner gradient).
                Close(value, method.Tangent(point, direction, out double tangent), 1e-15, "tangent's value vs the method's");
                Close(gradient.Zip(direction, (g, d) => g * d).Sum(), tangent, single ? 1e-3 : 1e-7, "tangent vs gradient · direction");
            }
            if (method.Has("Tangents"))
            {
                CheckTangents(method, point, value, seed, single);
            }
            if (method.Has("Hessian"))
            {
                CheckHessian(method, point, direction, gradient, value, single);
            }
        }
    }

    private static void CheckTangents(WrappedMethod method, double[] point, double value, int seed, bool single)
    {
        double[][] directions = Enumerable.Range(0, method.Lanes).Select(lane => Point(method.Size, 100 * seed + lane).Select(x => x - 0.9).ToArray()).ToArray();
        double[] tangents = new double[method.Lanes];
        Close(value, method.Tangents(point, directions, tangents), 1e-15, "tangents' value vs the method's");
        for (int lane = 0; lane < method.Lanes; lane++)
        {
            method.Tangent(point, directions[lane], out double tangent);
            Close(tangent, tangents[lane], single ? 1e-5 : 1e-12, $"lane {lane} of the tangents vs the tangent along its direction");
        }
    }

    private static void CheckHessian(WrappedMethod method, double[] point, double[] direction, double[] gradient, double value, bool single)
    {
        int n = method.Size;
        double[] hessian = new double[n * n];
        Close(value, method.Hessian(point, hessian), 0, "Hessian's value");
        double[] g = new double[n], hv = new double[n];
        Close(value, method.HessianVector(point, direction, g, hv), 0, "Hessian-vector product's value");
        for (int i = 0; i < n; i++)
        {
            double tolerance = single ? 1e-3 : 1e-7;
            Close(gradient[i], g[i], tolerance, $"gradient[{i}] from the Hessian-vector product");
            Close(Enumerable.Range(0, n).Sum(j => hessian[i * n + j] * direction[j]), hv[i], tolerance, $"(H·v)[{i}]");
            for (int j = 0; j < i; j++)
            {
                Close(hessian[i * n + j], hessian[j * n + i], tolerance, $"symmetry of H[{i},{j}]");
            }
        }
        // Central differences of the generated gradient, column by column, with one Richardson step (error O(h⁴)).
        double step = single ? 2e-2 : 1e-3;
        for (int j = 0; j < n; j++)
        {
            double[] coarse = Difference(method, point, j, step), fine = Difference(method, point, j, step / 2);
            for (int i = 0; i < n; i++)
            {
                double fd = (4 * fine[i] - coarse[i]) / 3;
                // The two step sizes' disagreement estimates the difference's own error (rounding in float, steep curvature).
                double uncertainty = 10 * Math.Abs(fine[i] - coarse[i]);
                double error = Math.Abs(fd - hessian[i * n + j]);
                Assert.True(error <= (single ? 1e-3 : 1e-6) * Math.Max(1, Math.Abs(fd)) + uncertainty || (double.IsNaN(fd) && double.IsNaN(hessian[i * n + j])),
                    $"H[{i},{j}] = {hessian[i * n + j]:R}, central differences of the gradient {fd:R} (± {uncertainty:G3})");
            }
        }
    }

    /// <summary>(∇f(x + h·eⱼ) − ∇f(x − h·eⱼ)) / 2h from the generated gradient.</summary>
    private static double[] Difference(WrappedMethod method, double[] point, int j, double step)
    {
        int n = method.Size;
        double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
        plus[j] += step;
        minus[j] -= step;
        double[] gPlus = new double[n], gMinus = new double[n];
        method.Gradient(plus, gPlus);
        method.Gradient(minus, gMinus);
        return gPlus.Zip(gMinus, (a, b) => (a - b) / (2 * step)).ToArray();
    }

    private static double[] Point(int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(_ => 0.3 + 1.2 * random.NextDouble()).ToArray();
    }

    private static void Close(double expected, double actual, double tolerance, string what) => GradientAssert.CloseOrTiny(expected, actual, tolerance, what);
}
