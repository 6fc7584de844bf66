using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// One case per unsupported construct. The markup <c>[| ... |]</c> marks the span the diagnostic must point at.
/// Each case asserts: exactly one generator diagnostic with the expected ID, located at the marked span, whose
/// message mentions the construct; no SAD9999; and the generator did not throw.
/// </summary>
public class DiagnosticTests
{
    /// <summary>Wraps members in a partial class <c>T.C</c> with the usual usings.</summary>
    private static string InClass(string members) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using SourceAD;

        namespace T;

        public partial class C
        {
        {{members}}
        }
        """;

    private sealed record Case(string Id, string Markup, string[] MessageMentions);

    private static readonly Dictionary<string, Case> Cases = new[]
    {
        // ---- SAD0001: containing type not partial ----
        ("NonPartialType", new Case("SAD0001",
            """
            using SourceAD;
            public static class [|C|]
            {
                [Differentiable]
                public static double F(double a) { return a * a; }
            }
            """,
            new[] { "'C'" })),
        ("NonPartialOuterType", new Case("SAD0001",
            """
            using SourceAD;
            public class [|Outer|]
            {
                public static partial class Inner
                {
                    [Differentiable]
                    public static double F(double a) { return a * a; }
                }
            }
            """,
            new[] { "Outer" })),

        // ---- SAD0002 / SAD0003 / SAD0004: signature ----
        ("StringReturn", new Case("SAD0002",
            InClass("""
                [Differentiable]
                public static [|string|] F(double a) { return a.ToString(); }
            """),
            new[] { "string" })),
        ("DecimalParameter", new Case("SAD0003",
            InClass("""
                [Differentiable]
                public static double F(double a, [|decimal|] m) { return a * 2; }
            """),
            new[] { "decimal" })),
        ("RefParameter", new Case("SAD0004",
            InClass("""
                [Differentiable]
                public static double F([|ref|] double a) { return a * a; }
            """),
            new[] { "ref" })),
        ("OutParameter", new Case("SAD0004",
            InClass("""
                [Differentiable]
                public static double F(double a, [|out|] double b) { b = 1; return a * a; }
            """),
            new[] { "out" })),
        ("InParameter", new Case("SAD0004",
            InClass("""
                [Differentiable]
                public static double F([|in|] double a) { return a * a; }
            """),
            new[] { "in" })),

        // ---- SAD0005: call with no derivative on an active argument ----
        ("CallWithoutDerivative", new Case("SAD0005",
            InClass("""
                static double Helper(double x) { return x * 2; }

                [Differentiable]
                public static double F(double a) { return [|Helper(a)|] * a; }
            """),
            new[] { "Helper" })),
        ("CallWithoutDerivativeOnDerivedLocal", new Case("SAD0005",
            InClass("""
                static double Helper(double x) { return x * 2; }

                [Differentiable]
                public static double F(double a, [NoDiff] double b)
                {
                    double u = a * b;
                    double v = [|Helper(u)|];
                    return v + b;
                }
            """),
            new[] { "Helper" })),

        // ---- SAD0006: unsupported statements ----
        ("TryCatch", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double s = 0;
                    [|try
                    {
                        s = a * a;
                    }
                    catch (Exception)
                    {
                        s = 0;
                    }|]
                    return s;
                }
            """),
            new[] { "try" })),
        ("TryFinally", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double s = 0;
                    [|try
                    {
                        s = a * a;
                    }
                    finally
                    {
                        Console.WriteLine();
                    }|]
                    return s;
                }
            """),
            new[] { "try" })),
        ("GotoCase", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a, int n)
                {
                    double s = 0;
                    switch (n)
                    {
                        case 0:
                            s = a;
                            [|goto case 1;|]
                        case 1:
                            s = s * a;
                            break;
                    }
                    return s;
                }
            """),
            new[] { "goto" })),
        ("LabeledStatement", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double s = a * a;
                    [|done: return s;|]
                }
            """),
            new[] { "label" })),
        ("LocalFunction", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    [|double Sq(double x) { return x * a; }|]
                    return a * 3;
                }
            """),
            new[] { "local function", "reads 'a'" })),
        ("Lock", new Case("SAD0006",
            InClass("""
                static readonly object Gate = new object();

                [Differentiable]
                public static double F(double a)
                {
                    double s = 0;
                    [|lock (Gate)
                    {
                        s = a * a;
                    }|]
                    return s;
                }
            """),
            new[] { "lock" })),
        ("UsingStatement", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double s = 0;
                    [|using (var stream = new System.IO.MemoryStream())
                    {
                        s = a * a;
                    }|]
                    return s;
                }
            """),
            new[] { "using" })),
        ("Foreach", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double s = 0;
                    [|foreach (int k in new[] { 1, 2, 3 })
                    {
                        s += a * k;
                    }|]
                    return s;
                }
            """),
            new[] { "foreach" })),
        ("ForeachOverAList", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a, System.Collections.Generic.List<double> weights)
                {
                    double s = 0;
                    [|foreach (double w in weights)
                    {
                        s += a * w;
                    }|]
                    return s;
                }
            """),
            new[] { "foreach", "weights", "array or span" })),
        ("ForeachByReference", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a, int n)
                {
                    Span<double> h = stackalloc double[n];
                    [|foreach (ref double v in h)
                    {
                        v = a * a;
                    }|]
                    return h[0];
                }
            """),
            new[] { "foreach", "by reference" })),
        ("SpanViewInASwitchSection", new Case("SAD0014",
            InClass("""
                [Differentiable]
                public static double F(double[] x, int k, int s)
                {
                    double acc = 0;
                    switch (k)
                    {
                        case 0:
                            ReadOnlySpan<double> [|row = x.AsSpan(s, 2)|];
                            s += 2;
                            acc += row[0];
                            break;
                    }
                    return acc;
                }
            """),
            new[] { "'row'", "may change while in use" })),
        ("ForeachDeconstruction", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a, (double, double)[] pairs)
                {
                    double s = 0;
                    [|foreach ((double u, double v) in pairs)
                    {
                        s += a * u * v;
                    }|]
                    return s;
                }
            """),
            new[] { "deconstruction" })),
        ("UnsafeBlock", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double s = 0;
                    [|unsafe
                    {
                        s = a * a;
                    }|]
                    return s;
                }
            """),
            new[] { "unsafe" })),
        ("CheckedBlock", new Case("SAD0006",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double s = 0;
                    [|checked
                    {
                        s = a * a;
                    }|]
                    return s;
                }
            """),
            new[] { "checked" })),

        // ---- SAD0007: unsupported expressions ----
        ("Lambda", new Case("SAD0007",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    Func<double, double> f = [|x => x * a|];
                    return a * 2;
                }
            """),
            new[] { "lambda", "anonymous" })),
        ("LinqQuery", new Case("SAD0007",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    IEnumerable<double> q = [|from x in new[] { a, 2.0 } select x * a|];
                    return a * 2;
                }
            """),
            new[] { "query", "LINQ" })),
        ("CheckedExpression", new Case("SAD0007",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double t = [|checked(a * 2)|];
                    return t * a;
                }
            """),
            new[] { "checked" })),
        ("SwitchExpression", new Case("SAD0007",
            InClass("""
                [Differentiable]
                public static double F(double a, int n)
                {
                    double t = [|a switch { double d when d > n => d, _ => 2 * a }|];
                    return t * a;
                }
            """),
            new[] { "switch" })),
        ("AddressOf", new Case("SAD0007",
            """
            using SourceAD;
            public unsafe partial class C
            {
                [Differentiable]
                public static double F(double a)
                {
                    double* p = [|&a|];
                    return a * 2;
                }
            }
            """,
            new[] { "pointer", "address", "&" })),

        // ---- SAD0008: writes to fields and properties ----
        ("FieldWrite", new Case("SAD0008",
            InClass("""
                static double Field;

                [Differentiable]
                public static double F(double a)
                {
                    [|Field|] = a * 2;
                    return a;
                }
            """),
            new[] { "Field" })),
        ("PropertyWrite", new Case("SAD0008",
            InClass("""
                static double P { get; set; }

                [Differentiable]
                public static double F(double a)
                {
                    [|C.P|] = a * 2;
                    return a;
                }
            """),
            new[] { "P" })),
        ("FieldCompoundWrite", new Case("SAD0008",
            InClass("""
                static double Total;

                [Differentiable]
                public static double F(double a)
                {
                    [|Total|] += a;
                    return a;
                }
            """),
            new[] { "Total" })),

        // ---- SAD0009 / SAD0010 / SAD0012: method shape ----
        ("GenericMethod", new Case("SAD0009",
            InClass("""
                [Differentiable]
                public static double [|F|]<TItem>(double a) { return a * a; }
            """),
            new[] { "F" })),
        ("InstanceMethod", new Case("SAD0010",
            InClass("""
                public decimal Rate;

                [Differentiable]
                public double [|F|](double a) { return a * a; }
            """),
            new[] { "F", "member 'Rate'", "'decimal'" })),
        ("AsyncMethod", new Case("SAD0012",
            InClass("""
                [Differentiable]
                public static async Task<double> [|F|](double a) { await Task.Yield(); return a * a; }
            """),
            new[] { "async" })),
        ("UnsafeMethod", new Case("SAD0012",
            InClass("""
                [Differentiable]
                public static unsafe double [|F|](double a) { return a * a; }
            """),
            new[] { "unsafe" })),
        ("ExternMethod", new Case("SAD0012",
            InClass("""
                [Differentiable]
                public static extern double [|F|](double a);
            """),
            new[] { "extern" })),
        ("PartialMethodWithoutBody", new Case("SAD0012",
            InClass("""
                [Differentiable]
                public static partial double [|F|](double a);
            """),
            new[] { "body" })),

        // ---- SAD0011: assignment nested in an expression ----
        ("NestedCompoundAssignment", new Case("SAD0011",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double s = 1;
                    double t = ([|s += a|]);
                    return t * s;
                }
            """),
            new[] { "s += a" })),
        ("NestedSimpleAssignment", new Case("SAD0011",
            InClass("""
                [Differentiable]
                public static double F(double a)
                {
                    double x, y;
                    x = ([|y = 2|]) * a;
                    return x * y;
                }
            """),
            new[] { "y = 2" })),

        // ---- SAD0013: element write into a parameter buffer ----
        ("ParameterArrayElementWrite", new Case("SAD0013",
            InClass("""
                [Differentiable]
                public static double F(double[] p)
                {
                    [|p[0]|] = p[0] * 2;
                    return p[0];
                }
            """),
            new[] { "'p'" })),
        ("ParameterSpanElementCompoundWrite", new Case("SAD0013",
            InClass("""
                [Differentiable]
                public static double F(Span<double> p, int n)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        [|p[i]|] += 1;
                        s += p[i];
                    }
                    return s;
                }
            """),
            new[] { "'p'" })),

        // ---- SAD0014: local buffer misuse ----
        ("LocalBufferAllocatedInsideLoop", new Case("SAD0014",
            InClass("""
                [Differentiable]
                public static double F(double[] p, int n)
                {
                    double s = 0;
                    for (int r = 0; r < n; r++)
                    {
                        double[] [|t = new double[p.Length]|];
                        for (int i = 0; i < p.Length; i++)
                        {
                            t[i] = p[i] * r;
                        }
                        s += t[0];
                    }
                    return s;
                }
            """),
            new[] { "'t'", "loop" })),
        ("LocalBufferAllocatedTwice", new Case("SAD0014",
            InClass("""
                [Differentiable]
                public static double F(double[] p)
                {
                    double[] t = new double[p.Length];
                    t[0] = p[0] * p[0];
                    double first = t[0];
                    [|t = new double[p.Length]|];
                    t[0] = p[0] * first;
                    return t[0];
                }
            """),
            new[] { "'t'", "once" })),
        // ---- SAD0015: a gradient name is another parameter's name ----
        ("GradientNameCollision", new Case("SAD0015",
            InClass("""
                [Differentiable]
                public static double F(double [|a|], double da) { return a * da; }
            """),
            new[] { "'a'", "'da'" })),

        // ---- SAD0016: an active value passed to a [NoDiff] parameter of a [Differentiable] callee ----
        ("ActiveArgumentToNoDiffParameter", new Case("SAD0016",
            InClass("""
                [Differentiable]
                public static double G(double u, [NoDiff] double scale) { return u * scale; }

                [Differentiable]
                public static double F(double a, double b)
                {
                    return [|G(a, b * 2)|] + a;
                }
            """),
            new[] { "'G'", "'scale'" })),
        ("ActiveBufferToNoDiffBufferParameter", new Case("SAD0016",
            InClass("""
                [Differentiable]
                public static double G(ReadOnlySpan<double> u, [NoDiff] ReadOnlySpan<double> w) { return u[0] * w[0]; }

                [Differentiable]
                public static double F(double[] p, double[] q)
                {
                    double s = [|G(p, q)|];
                    return s;
                }
            """),
            new[] { "'G'", "'w'" })),
        // ---- SAD0022: an [Output] argument that may hold a derivative, or is not a buffer variable of the method ----
        ("OutputBufferReusedInALoop", new Case("SAD0022",
            InClass("""
                [Differentiable]
                public static void Scale(ReadOnlySpan<double> x, double s, [Output] Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = s * x[i]; }

                [Differentiable]
                public static double F(double[] x, double s)
                {
                    double[] y = new double[x.Length];
                    double total = 0;
                    for (int k = 0; k < 3; k++)
                    {
                        [|Scale(x, s, y)|];
                        total += y[0];
                    }
                    return total;
                }
            """),
            new[] { "'y'", "Scale(x, s, y)", "Clear" })),
        ("OutputBufferWrittenBeforeTheCall", new Case("SAD0022",
            InClass("""
                [Differentiable]
                public static void Scale(ReadOnlySpan<double> x, double s, [Output] Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = s * x[i]; }

                [Differentiable]
                public static double F(double[] x, double s)
                {
                    double[] y = new double[x.Length];
                    y[0] = s * s;
                    [|Scale(x, s, y)|];
                    return y[0];
                }
            """),
            new[] { "'y'", "constants" })),
        ("OutputArgumentIsASlice", new Case("SAD0022",
            InClass("""
                [Differentiable]
                public static void Scale(ReadOnlySpan<double> x, double s, [Output] Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = s * x[i]; }

                [Differentiable]
                public static double F(double[] x, double s)
                {
                    double[] y = new double[x.Length + 1];
                    [|Scale(x, s, y.AsSpan(1))|];
                    return y[1];
                }
            """),
            new[] { "not a buffer variable" })),
        ("OutputArgumentIsAnInputParameter", new Case("SAD0022",
            InClass("""
                [Differentiable]
                public static void Scale(ReadOnlySpan<double> x, double s, [Output] Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = s * x[i]; }

                [Differentiable]
                public static double F(double[] x, double s, [NoDiff] double[] scratch)
                {
                    [|Scale(x, s, scratch)|];
                    return scratch[0] * s;
                }
            """),
            new[] { "'scratch'", "[Output]" })),
        ("OutputArgumentAliasesAnInput", new Case("SAD0022",
            InClass("""
                [Differentiable]
                public static void Scale(ReadOnlySpan<double> x, double s, [Output] Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = s * x[i]; }

                [Differentiable]
                public static double F(double[] x, double s)
                {
                    double[] y = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) y[i] = x[i];
                    [|Scale(y, s, y)|];
                    return y[0];
                }
            """),
            new[] { "'y'", "separate buffers" })),
    }.ToDictionary(c => c.Item1, c => c.Item2);

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ReportsDiagnosticAtMarkedSpan(string name)
    {
        (string id, string markup, string[] messageMentions) = Cases[name];
        DiagnosticAssert.AtMarkedSpan(id, markup, messageMentions);
    }

    private static void AssertLocation(Location location, TextSpan expected, string source, string all) =>
        DiagnosticAssert.Location(location, expected, source, all);

    // ---- SAD0014: a local span aliasing a slice of a differentiable buffer ----

    [Fact]
    public void SpanViewThatChangesWhileInUse()
    {
        // A view whose start moves after its declaration cannot be read as a fixed slice of the buffer. (A stable
        // view is supported: tests/SourceAD.EndToEnd.Tests/Buffers.cs.)
        (string source, TextSpan span) = Markup.Parse(InClass("""
                [Differentiable]
                public static double F(double[] p, int i)
                {
                    ReadOnlySpan<double> [|window = p.AsSpan(i, 2)|];
                    i++;
                    return window[0] * window[1] * i;
                }
            """));
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.True(result.GeneratorException is null, $"Generator threw: {result.GeneratorException}");
        string all = result.Format(result.GeneratorDiagnostics);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SAD9999");
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("SAD0014", d.Id));

        Diagnostic view = Assert.Single(result.GeneratorDiagnostics,
            d => d.GetMessage(CultureInfo.InvariantCulture).Contains("may change while in use", StringComparison.Ordinal));
        AssertLocation(view.Location, span, source, all);
        Assert.Contains("'window'", view.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void StableSpanViewOfAParameter_NoDiagnostic()
    {
        string source = InClass("""
                [Differentiable]
                public static double F(double[] p)
                {
                    ReadOnlySpan<double> head = p.AsSpan(0, 2);
                    return head[0] * head[1];
                }
            """);
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();
        string generated = Assert.Single(result.Sources).Value;
        Assert.Contains("dp[0] += ", generated);
        // The view is read as the parameter it views: no 'head' variable in the generated code (only in comments).
        IEnumerable<string> code = generated.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal));
        Assert.DoesNotContain(code, line => line.Contains("head", StringComparison.Ordinal));
    }

    // ---- No diagnostic when the callee's argument is inactive ----

    [Fact]
    public void CallWithIntArgument_NoDiagnostic()
    {
        string source = InClass("""
                static double Helper(int k) { return k * 0.5; }

                [Differentiable]
                public static double F(double a, int n) { return a * Helper(n); }
            """);
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("T.C", "F", new object[] { 1.5, 3 });
    }

    [Fact]
    public void CallWithNoDiffArgument_NoDiagnostic()
    {
        string source = InClass("""
                static double Helper(double x) { return x * x + 1; }

                [Differentiable]
                public static double F(double a, [NoDiff] double b)
                {
                    double k = b * 2;
                    return a * Helper(b) + a * Helper(k);
                }
            """);
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("T.C", "F", new object[] { 1.5, -0.5 });
    }

    // ---- Robustness ----

    [Fact]
    public void BadMethodDoesNotPreventGoodMethods()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace T;

            public static partial class C
            {
                [Differentiable]
                public static double Bad(double a)
                {
                    double s = 0;
                    try { s = a * a; } finally { Console.WriteLine(); }
                    return s;
                }

                [Differentiable]
                public static double Good(double a) { return a * a * a; }
            }

            public static class NotPartial
            {
                [Differentiable]
                public static double Bad2(double a) { return a; }
            }

            public static partial class D
            {
                [Differentiable]
                public static string Bad3(double a) { return ""; }

                [Differentiable]
                public static double Good2(double a, double b) { return a * b + b; }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.True(result.GeneratorException is null, $"Generator threw: {result.GeneratorException}");
        string all = result.Format(result.GeneratorDiagnostics);
        Assert.True(result.GeneratorDiagnostics.Any(d => d.Id == "SAD0006"), all);
        Assert.True(result.GeneratorDiagnostics.Any(d => d.Id == "SAD0001"), all);
        Assert.True(result.GeneratorDiagnostics.Any(d => d.Id == "SAD0002"), all);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SAD9999");
        result.AssertOutputCompiles();

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("T.C", "Good", new object[] { 1.25 });
        asm.AssertGradient("T.D", "Good2", new object[] { 1.25, -3.0 });
    }

    [Fact]
    public void SyntaxErrorInBody_GeneratorDoesNotThrow()
    {
        const string source = """
            using SourceAD;

            namespace T;

            public static partial class C
            {
                [Differentiable]
                public static double F(double a)
                {
                    double b = a * 2
                    return b * a;
                }

                [Differentiable]
                public static double G(double a)
                {
                    double b = a * (2 + ;
                    return Undefined(b) + a;
                }
            }
            """;
        GeneratorResult? result = null;
        Exception? escaped = Record.Exception(() => result = GeneratorHarness.Run(source));
        Assert.Null(escaped);
        Assert.True(result!.GeneratorException is null, $"Generator threw: {result.GeneratorException}");
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SAD9999");
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "CS8785"); // "generator failed"
    }

    /// <summary>
    /// Semantic errors while the user types (unknown names, wrong types, wrong arguments): the compiler reports them;
    /// the generator stays silent for that method, never throws, and still generates the valid methods.
    /// </summary>
    [Fact]
    public void SemanticErrorsInBody_AreLeftToTheCompiler()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace T;

            public static partial class C
            {
                [Differentiable]
                public static double UnknownName(double a) { return a * Undefined; }

                [Differentiable]
                public static double WrongType(double a) { double b = "text"; return a * b; }

                [Differentiable]
                public static double WrongArguments(double a) { return Math.Sin(a, a); }

                [Differentiable]
                public static double Good(double a) { return a * a; }
            }
            """;
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Null(result.GeneratorException);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains(result.Sources.Keys, hint => hint.Contains("Good"));
        Assert.DoesNotContain(result.Sources.Keys, hint => hint.Contains("UnknownName") || hint.Contains("WrongType") || hint.Contains("WrongArguments"));
    }
}
