using Microsoft.CodeAnalysis;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Never silently wrong (issue 9): each flow of a value that depends on a differentiable input into code SourceAD does
/// not differentiate is an error at that syntax, with the ID and the construct in the message; flows of values that hold
/// no floating-point state are fine and generate. The rows of the table that now differentiate correctly are
/// tested end to end in tests/SourceAD.EndToEnd.Tests/Soundness.cs.
/// </summary>
public class SoundnessTests
{
    private static string InClass(string members) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using SourceAD;

        namespace T;

        public partial class C
        {
        {{members}}
        }
        """;

    [Fact]
    public void HelperTakingIEnumerable_IsSAD0005AtTheCall()
    {
        Diagnostic d = DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                static double Helper(IEnumerable<double> v) { double s = 0; foreach (double e in v) s += e; return s; }

                [Differentiable]
                public static double F(double[] x) { return [|Helper(x)|] * 2; }
            """), "'C.Helper'");
        Assert.Equal("C.Helper", d.Properties["Callee"]);
        Assert.Contains("mark 'Helper' [Differentiable]", d.GetMessage());
    }

    [Fact]
    public void HelperTakingIList_IsSAD0005AtTheCall() =>
        DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                static double First(IList<double> v) => v[0];

                [Differentiable]
                public static double F(double[] x) { return [|First(x)|] + x[1]; }
            """), "'C.First'");

    [Fact]
    public void BoxingIntoAHelperTakingObject_IsSAD0005AtTheCall() =>
        DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                static double Unbox(object o) => (double)o;

                [Differentiable]
                public static double F(double x) { return [|Unbox(x)|] * x; }
            """), "'C.Unbox'");

    [Fact]
    public void BoxingIntoALocal_IsSAD0018AtTheConversion() =>
        DiagnosticAssert.AtMarkedSpan("SAD0018", InClass("""
                [Differentiable]
                public static double F(double x)
                {
                    object o = [|x * 2|];
                    return (double)o + x;
                }
            """), "'object'");

    [Fact]
    public void ConversionToDecimal_IsSAD0018() =>
        DiagnosticAssert.AtMarkedSpan("SAD0018", InClass("""
                [Differentiable]
                public static double F(double x) { return (double)[|(decimal)x|] + x; }
            """), "'decimal'");

    [Fact]
    public void ComplexConstructedFromInputs_IsSAD0005AtTheConstructor() =>
        DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                [Differentiable]
                public static double F(double x, double y) { return [|new System.Numerics.Complex(x, y)|].Magnitude; }
            """), "constructor of 'Complex'");

    [Fact]
    public void LinqWithoutARule_IsSAD0005() =>
        DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                [Differentiable]
                public static double F(double[] x) { return [|x.Skip(1)|].Sum(); }
            """), "'Enumerable.Skip'");

    [Fact]
    public void ArraySortOfAnActiveBuffer_IsSAD0005() =>
        DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                [Differentiable]
                public static double F(double[] x)
                {
                    double[] y = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) y[i] = x[i];
                    [|Array.Sort(y)|];
                    return y[0];
                }
            """), "'Array.Sort'");

    [Fact]
    public void CallThatMayWriteAnInactiveBuffer_IsSAD0005() =>
        DiagnosticAssert.AtMarkedSpan("SAD0005", InClass("""
                static void Store(double v, double[] into) => into[0] = v;

                [Differentiable]
                public static double F(double x)
                {
                    double[] y = new double[1];
                    [|Store(x, y)|];
                    return y[0] + x;
                }
            """), "'C.Store'");

    [Fact]
    public void StructResultWithAConstantMember_IsSAD0002NamingTheMember() =>
        DiagnosticAssert.AtMarkedSpan("SAD0002", InClass("""
                public struct Point { public double X, Y; public int Weight; }

                [Differentiable]
                public static [|Point|] F(double x) => new Point { X = x, Y = x };
            """), "'Point'", "member 'Weight'");

    [Fact]
    public void CallToAMethodReturningAStruct_IsSAD0007RatherThanALostDerivative() =>
        DiagnosticAssert.AtMarkedSpan("SAD0007", InClass("""
                public readonly record struct V(double A, double B);

                [Differentiable]
                public static V G(double x) => new V(x, x * x);

                [Differentiable]
                public static double F(double x) => [|G(x)|].A;
            """), "'G(x)'", "returns a struct");

    [Fact]
    public void StructResultSourceAdCannotAssemble_IsSAD0007() =>
        DiagnosticAssert.AtMarkedSpan("SAD0007", InClass("""
                public readonly record struct V(double A, double B);

                [Differentiable]
                public static V F(double x) => [|x > 0 ? new V(x, 1) : default|];
            """), "as a 'V'");

    [Fact]
    public void StructWithAnUnsupportedMember_IsSAD0003AtItsTypeNamingTheMember() =>
        DiagnosticAssert.AtMarkedSpan("SAD0003", InClass("""
                public struct Point { public double X, Y; public decimal Z; }

                [Differentiable]
                public static double F([|Point|] p, double s) { return s * s; }
            """), "'Point'", "member 'Z'", "'decimal'");

    [Theory]
    [InlineData("List<decimal>")]
    [InlineData("IEnumerable<double>")]
    [InlineData("Memory<double>")]
    [InlineData("(double, double)")]
    [InlineData("double[,]")]
    [InlineData("object")]
    public void FloatingPointStateParameter_IsSAD0003(string type)
    {
        Diagnostic d = DiagnosticAssert.AtMarkedSpan("SAD0003", InClass($$"""
                [Differentiable]
                public static double F([|{{type}}|] p, double s) { return s * s; }
            """), "'" + type + "'");
        Assert.Equal("p", d.Properties["Parameter"]);
    }

    [Fact]
    public void FloatingPointStateParameterMarkedNoDiff_IsFine()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass("""
                [Differentiable]
                public static double F([NoDiff] List<double> p, double s) { return s * s * p[0]; }
            """));
        result.AssertCleanRun();
        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("T.C", "F", new object[] { new List<double> { 2.5 }, 1.5 });
    }

    [Fact]
    public void GenericMethod_IsSAD0009Alone()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass("""
                [Differentiable]
                public static T F<T>(T x) where T : System.Numerics.INumber<T> { return x * x; }
            """));
        Assert.Equal(["SAD0009"], result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void InstanceMethodOfATypeWithAnUnsupportedMember_IsSAD0010Alone()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass("""
                public double W;
                public System.Collections.Generic.List<double> History = new();

                [Differentiable]
                public double F(double x) { return W * x * x; }
            """));
        Assert.Equal(["SAD0010"], result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void MultiDimensionalArrayIsSpelledAsCSharpSpellsIt() =>
        DiagnosticAssert.AtMarkedSpan("SAD0003", InClass("""
                [Differentiable]
                public static double F([|double[,]|] m, double s) { return s; }
            """), "'double[,]'");

    /// <summary>Values with no floating-point state carry no derivative: comparisons, tests, strings, hashes.</summary>
    [Fact]
    public void InactiveFlowsOfActiveValues_GenerateAndDifferentiate()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass("""
                [Differentiable]
                public static double F(double x, double y)
                {
                    string s = x.ToString();
                    if (double.IsNaN(x) || s.Length == 0)
                    {
                        return 0;
                    }
                    double sign = Math.Sign(x);
                    double t = x.CompareTo(y) > 0 ? x * y : y * y;
                    Console.Write(x);
                    return t * sign + x.GetHashCode() % 1;
                }
            """));
        result.AssertCleanRun();
        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("T.C", "F", new object[] { 1.5, -0.5 });
        asm.AssertGradient("T.C", "F", new object[] { -1.5, 0.5 });
    }

    /// <summary>Inactive C# the transforms do not differentiate is computed as written: lambdas, queries, interpolations.</summary>
    [Fact]
    public void InactiveLambdasQueriesAndInterpolationsAreComputedAsWritten()
    {
        GeneratorResult result = GeneratorHarness.Run(InClass("""
                static int Count(int[] values, Func<int, bool> keep) => values.Count(keep);

                [Differentiable]
                public static double F(double x, [NoDiff] int[] k)
                {
                    int threshold = 2;
                    int big = Count(k, v => v > threshold);
                    int evens = (from v in k where v % 2 == 0 select v).Count();
                    if (x > 1e9)
                    {
                        throw new ArgumentException($"x = {x} is too large for {k.Length} values");
                    }
                    return x * x * big + x * evens;
                }
            """));
        result.AssertCleanRun();
        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("T.C", "F", new object[] { 1.5, new[] { 1, 2, 3, 4, 5 } });
    }

    [Fact]
    public void LambdaCapturingAnActiveValue_IsSAD0007() =>
        DiagnosticAssert.AtMarkedSpan("SAD0007", InClass("""
                static double Apply(Func<double, double> f, double v) => f(v);

                [Differentiable]
                public static double F(double x) { return Apply([|v => v * x|], 2.0); }
            """), "lambda", "'x'");

    [Fact]
    public void LambdaAssigningACapturedLocal_IsSAD0011() =>
        DiagnosticAssert.AtMarkedSpan("SAD0011", InClass("""
                static void Run(Action a) => a();

                [Differentiable]
                public static double F(double x)
                {
                    int calls = 0;
                    Run([|() => calls++|]);
                    return x * calls;
                }
            """), "calls++");
}
