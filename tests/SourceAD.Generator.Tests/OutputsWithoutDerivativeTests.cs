using Microsoft.CodeAnalysis;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Outputs that carry no derivative (issue 9 §3, §1): <c>out</c>/<c>ref</c> arguments of calls without a derivative,
/// local functions, and writes into parameter buffers that hold no derivative. Each is generated when no value that
/// depends on a differentiable input can leave through it, and an error at the syntax otherwise. Their gradients are
/// checked end to end in tests/SourceAD.EndToEnd.Tests/OutputsWithoutDerivative.cs.
/// </summary>
public class OutputsWithoutDerivativeTests
{
    private static string InClass(string members) => $$"""
        using System;
        using SourceAD;

        namespace T;

        public static partial class C
        {
        {{members}}
        }
        """;

    private static void Generates(string members)
    {
        GeneratorResult result = GeneratorHarness.Run(InClass(members));
        result.AssertCleanRun();
        Assert.NotEmpty(result.Sources);
    }

    [Fact]
    public void OutIntegersAndRefBooleansOfAnOpaqueCall_Generate() => Generates("""
            static void Count(double v, out int whole, ref bool positive) { whole = (int)v; positive = v > 0; }

            [Differentiable]
            public static double F(double x)
            {
                bool positive = false;
                Count(x, out int w, ref positive);
                return positive ? x * w : x;
            }
        """);

    [Fact]
    public void AnOutDoubleOfACallThatGetsNoDifferentiableValue_Generates() => Generates("""
            [Differentiable]
            public static double F(double x, string text)
            {
                double parsed = double.TryParse(text, out double v) ? 1.5 : 2.5;
                int q = Math.DivRem(7, 3, out int r);
                return x * parsed * (q + r) + v;
            }
        """);

    [Fact]
    public void AnOutDoubleThatCouldCarryTheInputsDerivative_IsSAD0005AtTheCall()
    {
        Diagnostic d = DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                static void Split(double v, out int whole, out double fraction) { whole = (int)v; fraction = v - whole; }

                [Differentiable]
                public static double F(double x)
                {
                    [|Split(x, out int w, out double f)|];
                    return x * f;
                }
            """), "out or ref arguments of type 'double'");
        Assert.Equal("C.Split", d.Properties["Callee"]);
    }

    [Fact]
    public void ARefDoubleHoldingADifferentiableValue_IsSAD0005AtTheCall() =>
        DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                static void Twice(ref double v) { v *= 2; }

                [Differentiable]
                public static double F(double x)
                {
                    double y = x;
                    [|Twice(ref y)|];
                    return y;
                }
            """), "'C.Twice'");

    [Fact]
    public void AnOutArgumentWhereTheCallRunsOnlyConditionally_IsSAD0007() =>
        DiagnosticAssert.AtMarkedSpan("SAD0007", InClass("""
                [Differentiable]
                public static double F(double x, string s)
                {
                    int k = 0;
                    if (x > 0 && [|int.TryParse(s, out k)|]) return x * k;
                    return x;
                }
            """), "runs only conditionally");

    [Fact]
    public void AnOutArgumentReadBeforeTheCallInTheSameExpression_IsSAD0011() =>
        DiagnosticAssert.AtMarkedSpan("SAD0011", InClass("""
                [Differentiable]
                public static double F(double x, string s)
                {
                    int k = 1;
                    int sum = k + (int.TryParse(s, [|out k|]) ? k : 0);
                    return x * sum;
                }
            """), "out k");

    [Fact]
    public void StaticAndNonCapturingLocalFunctionsOverData_Generate() => Generates("""
            [Differentiable]
            public static double F(double x, int n)
            {
                static int Twice(int k) => 2 * k;
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    s += Twice(i) * x;
                    if (Parity(i, out bool even) > 0 && even) s += x * x;
                }
                if (s > 100) return s;
                return s * Scale();
                static int Parity(int k, out bool even) { even = k % 2 == 0; return 1; }
                double Scale() { try { return 2.0; } finally { } }
            }
        """);

    [Fact]
    public void ALocalFunctionGivenADifferentiableValue_IsSAD0005NamingTheFix() =>
        DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                [Differentiable]
                public static double F(double x)
                {
                    static double Square(double v) => v * v;
                    return [|Square(x)|] + x;
                }
            """), "make 'Square' a static method of the type marked [Differentiable]");

    [Fact]
    public void ALocalFunctionThatCapturesAVariable_IsSAD0006() =>
        DiagnosticAssert.AtMarkedSpan("SAD0006", InClass("""
                [Differentiable]
                public static double F(double x, int n)
                {
                    [|int Add(int k) => k + n;|]
                    return x * Add(1);
                }
            """), "reads 'n'");

    [Fact]
    public void ADifferentiableLocalFunction_IsSAD0006() =>
        DiagnosticAssert.AtMarkedSpan("SAD0006", InClass("""
                [Differentiable]
                public static double F(double x)
                {
                    [|[Differentiable] static double Square(double v) => v * v;|]
                    return x;
                }
            """), "[Differentiable] local function");

    [Fact]
    public void WritesIntoIntegerAndNoDiffParameterBuffers_Generate() => Generates("""
            [Differentiable]
            public static double F(double[] x, int[] perm, [NoDiff] double[] work, Span<int> marks)
            {
                for (int i = 0; i < perm.Length; i++) perm[i] = perm.Length - 1 - i;
                for (int i = 0; i < work.Length; i++) work[i] = i * 0.5;
                marks.Clear();
                double s = 0;
                for (int i = 0; i < perm.Length; i++) { s += x[perm[i]] * work[i]; marks[i]++; }
                return s;
            }
        """);

    [Fact]
    public void ADifferentiableValueWrittenIntoANoDiffBuffer_IsSAD0013() =>
        DiagnosticAssert.AtMarkedSpan("SAD0013", InClass("""
                [Differentiable]
                public static double F(double[] x, [NoDiff] double[] work)
                {
                    [|work[0] = x[0] * 2|];
                    return x[1] * work[0];
                }
            """), "the value written depends on a differentiable input");

    [Fact]
    public void ADifferentiableBufferCopiedIntoANoDiffBuffer_IsSAD0013() =>
        DiagnosticAssert.AtMarkedSpan("SAD0013", InClass("""
                [Differentiable]
                public static double F(double[] x, [NoDiff] double[] work)
                {
                    [|x.AsSpan().CopyTo(work)|];
                    return x[1] * 3;
                }
            """), "the value written depends on a differentiable input");

    [Fact]
    public void AWriteIntoADifferentiableParameterBuffer_IsStillSAD0013() =>
        DiagnosticAssert.AtMarkedSpan("SAD0013", InClass("""
                [Differentiable]
                public static double F(double[] x)
                {
                    [|x[0]|] = 1;
                    return x[1];
                }
            """), "must not modify its differentiable inputs");

    [Fact]
    public void ACallToAMethodThatWritesItsScratchBuffer_IsSAD0013AtTheCall() =>
        DiagnosticAssert.AtMarkedSpan("SAD0013", InClass("""
                [Differentiable]
                public static double G(double[] x, int[] scratch)
                {
                    scratch[0] = 1;
                    return x[scratch[0]];
                }

                [Differentiable]
                public static double F(double[] x, int[] scratch) { return [|G(x, scratch)|] * 2; }
            """), "'G' does");

    [Fact]
    public void AMethodThatWritesItsScratchBuffer_GetsNoHessian_WithSAD0020()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass("""
                [Differentiable]
                public static double F(double[] x, int[] scratch)
                {
                    scratch[0] = 1;
                    return x[scratch[0]] * x[0];
                }
            """));
        result.AssertCleanRun();
        Diagnostic info = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "SAD0020" && d.GetMessage().Contains("FHessian"));
        Assert.Contains("'FHessian' is not generated", info.GetMessage());
        Assert.Contains("FPullback", result.AllGeneratedSource);
        Assert.DoesNotContain("FHessian(", result.AllGeneratedSource);
    }
}
