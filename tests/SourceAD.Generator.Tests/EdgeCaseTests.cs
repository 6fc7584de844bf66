using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Beyond the snapshots: type shapes, control flow, naming and call edge cases, each checked by compiling the
/// output and comparing gradients with central finite differences.
/// </summary>
public class EdgeCaseTests
{
    private static string OneMethod(string parameters, string body, string name = "F") => $$"""
        using System;
        using SourceAD;

        namespace T;

        public static class D
        {
            public static double Value = 3;
        }

        public static partial class C
        {
            static readonly double K = 2;
            const double L = 4;

            [Differentiable]
            public static double {{name}}({{parameters}})
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("Recursion", "if (n <= 0) { return x; } return F(x * 0.9 + 0.1 * x * x, n - 1) + x;")]
    [InlineData("Remainder", "return (x % 1.5) * x;")]
    [InlineData("FieldsAndConstants", "return x * K + x * L + x * D.Value;")]
    [InlineData("ConstantResult", "return 1.0;")]
    [InlineData("UnusedActiveLocal", "double y = x * 2; return 3.0;")]
    [InlineData("IntCast", "int k = (int)(x * 3); return x * k;")]
    [InlineData("Pow", "return Math.Pow(x, n) + Math.Pow(2.0, x);")]
    [InlineData("TernaryActive", "double y = x > 1 ? x * x : -x; return y * (n > 2 ? x : 1.0);")]
    [InlineData("DeclaredWithoutInitializer", "double y; if (n > 1) { y = x * x; } else { y = x; } for (int i = 0; i < n; i++) { double t; t = y * x; y = t; } return y;")]
    [InlineData("WhileWithActiveCondition", "double y = x; int k = 0; while (y < 10 && k < 50) { y = y * 1.5 + x; k++; } return y;")]
    [InlineData("CompoundAssignments", "double y = x; y *= x; y -= 0.5; y /= (1 + x * x); y += x; return -y;")]
    [InlineData("NestedLoops", "double s = 0; for (int i = 0; i < n; i++) { for (int j = 0; j <= i; j++) { s += Math.Sqrt(x * x + i + j); } } return s;")]
    [InlineData("MathFunctions", "return Math.Log(x) / Math.Exp(-x) - Math.Cos(x) * Math.Tan(x) + Math.Atan(x) + Math.Cbrt(x) + Math.Sinh(x) + Math.Cosh(x) + Math.Log10(x) + Math.Log2(x) + Math.Asin(x / 4) + Math.Acos(x / 4) + Math.Min(x, 0.5) + Math.Max(x, 0.25) + Math.Abs(x - 1) + Math.Tanh(x) + Math.Atan2(x, 2.0);")]
    [InlineData("MixedFloatLocal", "float f = (float)x; f = f * f; return f * x;", 1e-3, 1e-3)]
    public void BodyForms_GradientMatchesFiniteDifferences(string name, string body, double step = 1e-6, double tolerance = 1e-5)
    {
        _ = name;
        GeneratorResult result = GeneratorHarness.Run(OneMethod("double x, int n", body));
        result.AssertCleanRun();

        using LoadedAssembly asm = result.Load();
        foreach (int n in new[] { 0, 1, 3 })
        {
            foreach (double x in new[] { 0.3, 1.2, 2.3 })
            {
                asm.AssertGradient("T.C", "F", new object[] { x, n }, step, tolerance);
            }
        }
    }

    [Fact]
    public void IndexThatReadsMemory_IsComputedOnceInTheReverseStep()
    {
        string body = "double s = 0; for (int i = 0; i < n; i++) { s += h[start[i] + 1] * x + (i > 0 ? h[start[i - 1]] : 0); } return s;";
        GeneratorResult result = GeneratorHarness.Run(OneMethod("double x, int n, double[] h, int[] start", body));
        result.AssertCleanRun();
        string generated = Assert.Single(result.Sources).Value;
        Assert.Contains("int _index0 = start[i] + 1;", generated);
        Assert.Contains("dh[_index0] += ", generated);
        Assert.DoesNotContain("_index1", generated); // the read in a branch of ?: is evaluated only when taken
    }

    [Theory]
    [InlineData("filled once, then read", "h[i] = Math.Sin(x * i); s += h[i] * h[i];", false)]
    [InlineData("read before the fill", "s += h[i] * x; h[i] = Math.Sin(x * i);", true)]
    [InlineData("previous element read", "h[i] = Math.Sin(x * i); if (i > 0) s += h[i - 1] * h[i];", true)]
    [InlineData("written twice", "h[i] = Math.Sin(x * i); s += h[i] * h[i]; h[i] = x * h[i];", true)]
    public void LocalBufferFill_SavesOverwrittenElementsOnlyWhenTheReverseSweepReadsThem(string name, string loopBody, bool saves)
    {
        _ = name;
        string body = "double[] h = new double[n]; double s = 0; for (int i = 0; i < n; i++) { " + loopBody + " } return s + h[0];";
        GeneratorResult result = GeneratorHarness.Run(OneMethod("double x, int n", body));
        result.AssertCleanRun();
        string generated = Assert.Single(result.Sources, s => !s.Key.EndsWith(".graph.g.cs", StringComparison.Ordinal)).Value;
        Assert.Equal(saves, generated.Contains("_doubleStack.Push(h[i])"));

        using LoadedAssembly asm = result.Load();
        foreach (int n in new[] { 1, 4 })
        {
            asm.AssertGradient("T.C", "F", new object[] { 0.7, n });
            asm.AssertGradient("T.C", "F", new object[] { -1.3, n });
        }
    }

    [Fact]
    public void ControlFlow_BreakContinueDoWhileEarlyReturnInLoop()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace T;

            public static partial class C
            {
                [Differentiable]
                public static double W(double x, int n)
                {
                    double s = 1;
                    int i = 0;
                    while (true)
                    {
                        i++;
                        if (i > n) break;
                        if (i % 2 == 0) continue;
                        for (int j = 0; j < i; j++)
                        {
                            s = s * x + (j > 1 ? Math.Sin(s) : x);
                            if (s > 100) { s = Math.Log(s); break; }
                        }
                    }
                    do { s = s * 0.5 + x; } while (s > 10);
                    return s > 3 ? s : Math.Pow(s, x) + Math.Max(s, x);
                }

                [Differentiable]
                public static double Early(double x, int n)
                {
                    double s = x;
                    for (int i = 0; i < n; i++)
                    {
                        s = s * x;
                        if (s > 5) return s * 2;
                    }
                    return s;
                }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();

        using LoadedAssembly asm = result.Load();
        foreach (int n in new[] { 0, 1, 2, 5, 9 })
        {
            foreach (double x in new[] { 0.3, 1.1, 1.7 })
            {
                asm.AssertGradient("T.C", "W", new object[] { x, n }, tolerance: 1e-5);
                asm.AssertGradient("T.C", "Early", new object[] { x, n }, tolerance: 1e-5);
            }
        }
    }

    [Fact]
    public void TypeShapes_GlobalNamespaceGenericStructRecordOverloadsPrivate()
    {
        const string source = """
            using SourceAD;

            public partial class Global
            {
                [Differentiable]
                public static double F(double a) => a * a;
            }

            namespace T
            {
                public partial class Box<TItem> where TItem : class
                {
                    [Differentiable]
                    internal static double F(double a) { return a * 3; }
                }

                public partial struct S
                {
                    [Differentiable]
                    public static double F(double a) { return a * 3; }
                }

                public partial record R(int X)
                {
                    [Differentiable]
                    public static double F(double a) { return a * 3; }
                }

                public static partial class Outer
                {
                    public static partial class Inner
                    {
                        [Differentiable]
                        public static double F(double a) { return a * a * a; }
                    }
                }

                public static partial class O
                {
                    [Differentiable]
                    public static double F(double a) { return a * a; }

                    [Differentiable]
                    public static double F(double a, double b) { return a * b; }

                    [Differentiable]
                    public static double F(float a, double b) { return a * b; }

                    [Differentiable]
                    private static double P(double a) { return a * a; }

                    public static double CallP(double a) { return PBackward(a, out _); }
                }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("Global", "F", new object[] { 2.0 });
        asm.AssertGradient("T.S", "F", new object[] { 2.0 });
        asm.AssertGradient("T.R", "F", new object[] { 2.0 });
        asm.AssertGradient("T.Outer+Inner", "F", new object[] { 2.0 });
        asm.AssertGradient("T.O", "F", new object[] { 2.0, 3.0 });
        asm.AssertGradient("T.O", "F", new object[] { 2.0f, 3.0 }, step: 1e-3, tolerance: 1e-4);
        asm.AssertGradient("T.O", "F", new object[] { 2.0 });
        Assert.Equal(2.25, (double)asm.Invoke("T.O", "CallP", new object?[] { 1.5 })!);
    }

    [Fact]
    public void Pullback_AddsToExistingAdjoint_EvenWhenParameterIsReassigned()
    {
        const string source = """
            using SourceAD;

            namespace T;

            public static partial class C
            {
                [Differentiable]
                public static double Sq3(double u) { u = u * 3; return u * u; }

                [Differentiable]
                public static double Outer(double a) { double q = Sq3(a); double r = a * 5; return q + r; }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();

        using LoadedAssembly asm = result.Load();
        object?[] args = { 2.0, 1.0, 10.0 }; // Sq3Pullback(u: 2, dResult: 1, ref du: 10)
        asm.Invoke("T.C", "Sq3Pullback", args);
        Assert.Equal(10.0 + 18 * 2.0, (double)args[2]!);
        asm.AssertGradient("T.C", "Outer", new object[] { 2.0 });
    }

    /// <summary>
    /// Passing a value that depends on a differentiable input to a callee's [NoDiff] parameter would lose that part
    /// of the gradient: the generator reports SAD0016 at the call.
    /// </summary>
    [Fact]
    public void ActiveArgumentToNoDiffParameter_IsReported()
    {
        const string source = """
            using SourceAD;

            namespace T;

            public static partial class C
            {
                [Differentiable]
                public static double Scale(double u, [NoDiff] double k) { return u * k; }

                [Differentiable]
                public static double Outer(double a) { return Scale(2.0, a) + a; }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Null(result.GeneratorException);
        Microsoft.CodeAnalysis.Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SAD0016", diagnostic.Id);
        Assert.Equal("Scale(2.0, a)", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("'k'", diagnostic.GetMessage());
    }

    /// <summary>A differentiable parameter whose gradient name ('d' + name) is another parameter's name: SAD0015.</summary>
    [Fact]
    public void GradientNameTakenByAnotherParameter_IsReported()
    {
        string source = OneMethod("double a, double da", "return a * da;");
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Null(result.GeneratorException);
        Microsoft.CodeAnalysis.Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SAD0015", diagnostic.Id);
        int start = diagnostic.Location.SourceSpan.Start;
        Assert.Equal("a, double da", source.Substring(start, "a, double da".Length));
    }

    /// <summary>
    /// Parameter and local names that look like generated names, or are keywords, must not break the output: the
    /// generator renames what it introduces, and the gradient is still right.
    /// </summary>
    [Theory]
    [InlineData("double x, double _resultDot", "return x * _resultDot;")]
    [InlineData("double x, double _result", "return x * _result;")]
    [InlineData("double x, double _d_x", "return x * _d_x;")]
    [InlineData("double x, double _a0", "double y = x * 2; return 3 * (y + x * _a0);")]
    [InlineData("double x, double _y0", "return Math.Exp(x) * _y0;")]
    [InlineData("double x, int _trips0", "double s = 0; double t = x; for (int i = 0; i < _trips0; i++) { t = t * x; s += t; } return s;")]
    [InlineData("double x, int _doubleStack", "double s = 0; double t = x; for (int i = 0; i < _doubleStack; i++) { t = t * x; s += t; } return s;")]
    [InlineData("double x, int n", "double _y0 = Math.Exp(x); double _a0 = _y0 * 2; double _saved0 = x; _saved0 = _a0 * x; double _d_x = x; return Math.Sin(_saved0) * _d_x;")]
    [InlineData("double x, double global", "return x * global;")]
    [InlineData("double @double, double @class", "return @double * @class;")]
    public void CollidingNames_DoNotBreakTheOutput(string parameters, string body)
    {
        GeneratorResult result = GeneratorHarness.Run(OneMethod(parameters, body));
        Assert.Null(result.GeneratorException);
        Assert.Empty(result.GeneratorDiagnostics);
        result.AssertOutputCompiles();
        using LoadedAssembly asm = result.Load();
        var primal = asm.GetMethod("T.C", "F", 2);
        object[] args = primal.GetParameters()
            .Select(p => p.ParameterType == typeof(int) ? (object)3 : 0.7)
            .ToArray();
        asm.AssertGradient("T.C", "F", args, tolerance: 1e-5);
    }
}
