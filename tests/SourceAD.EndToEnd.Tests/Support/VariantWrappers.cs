using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SourceAD.EndToEnd.Tests.Support;

/// <summary>
/// The generated variants of one end-to-end method, through wrappers that take and return plain arrays: the method's
/// differentiable inputs flattened into one point (a scalar as one entry, a buffer as <see cref="VariantWrappers.BufferLength"/>
/// entries), its other inputs fixed. Reflection cannot pass spans; the wrappers, compiled at test time, can.
/// </summary>
public sealed class WrappedMethod
{
    private readonly Type _wrapper;

    internal WrappedMethod(MethodInfo method, Type wrapper, int size)
    {
        Method = method;
        _wrapper = wrapper;
        Size = size;
    }

    public MethodInfo Method { get; }

    /// <summary>The number of flattened differentiable inputs.</summary>
    public int Size { get; }

    public string Id => Method.DeclaringType!.FullName + "." + Method.Name + "/" + Method.GetParameters().Length;

    public bool Has(string variant) => _wrapper.GetMethod(variant) is not null;

    public double Value(double[] point) => Call("Value", point);

    public double Gradient(double[] point, double[] gradient) => Call("Gradient", point, gradient);

    public double Tangent(double[] point, double[] direction, out double tangent)
    {
        object?[] args = { point, direction, null };
        double value = Invoke<double>("Tangent", args);
        tangent = (double)args[2]!;
        return value;
    }

    /// <summary>
    /// FTangents: the value, and in <paramref name="tangents"/> one tangent per lane, lane j along
    /// <paramref name="directions"/>[j] (as many directions as <see cref="Lanes"/>).
    /// </summary>
    public double Tangents(double[] point, double[][] directions, double[] tangents) => Call("Tangents", point, directions, tangents);

    /// <summary>The lanes of FTangents' bundles: <c>Vector&lt;T&gt;.Count</c> of the method's precision.</summary>
    public int Lanes => Method.ReturnType == typeof(float) ? System.Numerics.Vector<float>.Count : System.Numerics.Vector<double>.Count;

    public double HessianVector(double[] point, double[] direction, double[] gradient, double[] product) => Call("HessianVector", point, direction, gradient, product);

    public double Hessian(double[] point, double[] hessian) => Call("Hessian", point, hessian);

    /// <summary>The method's computational graph at the point (FGraph).</summary>
    public SourceAD.Graphs.ComputationGraph Graph(double[] point) => Invoke<SourceAD.Graphs.ComputationGraph>("Graph", new object[] { point });

    private double Call(string name, params object[] args) => Invoke<double>(name, args);

    private T Invoke<T>(string name, object?[] args)
    {
        try
        {
            return (T)_wrapper.GetMethod(name)!.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public override string ToString() => Id;
}

/// <summary>Writes and compiles (once per test run) the array wrappers of every end-to-end method they can wrap.</summary>
internal static class VariantWrappers
{
    public const int BufferLength = 4;

    private static readonly Lazy<IReadOnlyList<WrappedMethod>> All = new(Build);

    public static IReadOnlyList<WrappedMethod> Methods => All.Value;

    private enum Kind { Scalar, Buffer, Fixed }

    private sealed record Input(ParameterInfo Parameter, Kind Kind, int Offset, bool IsFloat);

    private static IReadOnlyList<WrappedMethod> Build()
    {
        var methods = typeof(VariantWrappers).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<DifferentiableAttribute>() is not null && !m.ContainsGenericParameters && !m.DeclaringType!.IsGenericType)
            .Where(m => m.ReturnType == typeof(double) || m.ReturnType == typeof(float))
            .ToList();
        var source = new StringBuilder("#nullable disable\nusing System;\nusing System.Numerics;\nnamespace SourceAD.EndToEnd.Wrappers;\n");
        source.Append(LaneBundles);
        var wrapped = new List<(MethodInfo Method, string Name, int Size)>();
        foreach (MethodInfo method in methods)
        {
            if (Inputs(method) is not { } inputs)
            {
                continue;
            }
            string name = "W" + wrapped.Count;
            source.Append(Wrapper(method, inputs, name));
            wrapped.Add((method, name, inputs.Where(i => i.Kind != Kind.Fixed).Sum(i => i.Kind == Kind.Scalar ? 1 : BufferLength)));
        }
        Assembly assembly = Compile(source.ToString());
        return wrapped.Select(w => new WrappedMethod(w.Method, assembly.GetType("SourceAD.EndToEnd.Wrappers." + w.Name)!, w.Size)).ToList();
    }

    /// <summary>How each parameter is passed, or null when a parameter type has no wrapper.</summary>
    private static List<Input>? Inputs(MethodInfo method)
    {
        var inputs = new List<Input>();
        int offset = 0;
        foreach (ParameterInfo p in method.GetParameters())
        {
            Type t = p.ParameterType;
            bool noDiff = p.GetCustomAttribute<NoDiffAttribute>() is not null;
            bool isFloat = t == typeof(float) || t == typeof(float[]) || t == typeof(Span<float>) || t == typeof(ReadOnlySpan<float>);
            bool scalar = t == typeof(double) || t == typeof(float);
            bool buffer = t == typeof(double[]) || t == typeof(float[]) || t == typeof(Span<double>) || t == typeof(ReadOnlySpan<double>)
                || t == typeof(Span<float>) || t == typeof(ReadOnlySpan<float>);
            bool fixedValue = t == typeof(int) || t == typeof(bool) || t == typeof(int[]) || t == typeof(ReadOnlySpan<int>);
            if (p.ParameterType.IsByRef || !(scalar || buffer || fixedValue) || p.GetCustomAttribute<OutputAttribute>() is not null)
            {
                return null;
            }
            Kind kind = fixedValue || noDiff ? Kind.Fixed : scalar ? Kind.Scalar : Kind.Buffer;
            inputs.Add(new Input(p, kind, offset, isFloat));
            offset += kind == Kind.Fixed ? 0 : kind == Kind.Scalar ? 1 : BufferLength;
        }
        return inputs;
    }

    private static string Wrapper(MethodInfo method, List<Input> inputs, string name)
    {
        string type = "global::" + method.DeclaringType!.FullName!.Replace('+', '.');
        string target = type + "." + method.Name;
        var s = new StringBuilder();
        s.Append("public static class ").Append(name).Append("\n{\n");
        string unpack = string.Concat(inputs.Select(Unpack));
        string args = string.Join(", ", inputs.Select(i => "a_" + i.Parameter.Name));
        var differentiable = inputs.Where(i => i.Kind != Kind.Fixed).ToList();
        string scalarType = method.ReturnType == typeof(float) ? "float" : "double";

        s.Append($"    public static double Value(double[] p) {{ {unpack}return {target}({args}); }}\n");

        string gradients = string.Join(", ", differentiable.Select(i => i.Kind == Kind.Scalar ? "out var g_" + i.Parameter.Name : "g_" + i.Parameter.Name));
        string gradientDecls = string.Concat(differentiable.Where(i => i.Kind == Kind.Buffer).Select(i => $"var g_{i.Parameter.Name} = new {Element(i)}[{BufferLength}]; "));
        string pack = string.Concat(differentiable.Select(i => i.Kind == Kind.Scalar ? $"g[{i.Offset}] = g_{i.Parameter.Name}; " : $"for (int k = 0; k < {BufferLength}; k++) g[{i.Offset} + k] = g_{i.Parameter.Name}[k]; "));
        s.Append($"    public static double Gradient(double[] p, double[] g) {{ {unpack}{gradientDecls}double v = {target}Backward({Join(args, gradients)}); {pack}return v; }}\n");

        string directions = string.Join(", ", differentiable.Select(i => i.Kind == Kind.Scalar ? $"({Element(i)})d[{i.Offset}]" : "d_" + i.Parameter.Name));
        string directionDecls = string.Concat(differentiable.Where(i => i.Kind == Kind.Buffer).Select(i => $"var d_{i.Parameter.Name} = {Slice(i, "d")}; "));
        if (Exists(method, "Tangent"))
        {
            s.Append($"    public static double Tangent(double[] p, double[] d, out double t) {{ {unpack}{directionDecls}double v = {target}Tangent({Join(args, directions)}, out var t0); t = t0; return v; }}\n");
        }
        if (Exists(method, "Tangents"))
        {
            string f = differentiable.Any(i => i.IsFloat) ? "Float" : "";
            string bundles = string.Join(", ", differentiable.Select(i => i.Kind == Kind.Scalar ? $"LaneBundles.Scalar{f}(d, {i.Offset})" : $"LaneBundles.Buffer{f}(d, {i.Offset}, {BufferLength})"));
            s.Append($"    public static double Tangents(double[] p, double[][] d, double[] t) {{ {unpack}double v = {target}Tangents({Join(args, bundles)}, out var t0); for (int j = 0; j < t.Length; j++) t[j] = t0[j]; return v; }}\n");
        }
        if (Exists(method, "HessianVector"))
        {
            s.Append($"    public static double HessianVector(double[] p, double[] d, double[] g, double[] hv) {{ {unpack}{directionDecls}var g0 = new {scalarType}[g.Length]; var hv0 = new {scalarType}[g.Length]; double v = {target}HessianVector({Join(args, directions)}, g0, hv0); for (int k = 0; k < g.Length; k++) {{ g[k] = g0[k]; hv[k] = hv0[k]; }} return v; }}\n");
        }
        if (Exists(method, "Hessian"))
        {
            s.Append($"    public static double Hessian(double[] p, double[] h) {{ {unpack}var h0 = new {scalarType}[h.Length]; double v = {target}Hessian({args}, h0); for (int k = 0; k < h.Length; k++) h[k] = h0[k]; return v; }}\n");
        }
        if (Exists(method, "Graph"))
        {
            s.Append($"    public static global::SourceAD.Graphs.ComputationGraph Graph(double[] p) {{ {unpack}return {target}Graph({args}); }}\n");
        }
        s.Append("}\n");
        return s.ToString();
    }

    /// <summary>Bundles of lanes from one direction per lane: lane j of entry o is d[j][o].</summary>
    private const string LaneBundles = """
        public static class LaneBundles
        {
            public static Vector<double> Scalar(double[][] d, int o) { var a = new double[Vector<double>.Count]; for (int j = 0; j < a.Length; j++) a[j] = d[j][o]; return new Vector<double>(a); }
            public static Vector<double>[] Buffer(double[][] d, int o, int n) { var b = new Vector<double>[n]; for (int k = 0; k < n; k++) b[k] = Scalar(d, o + k); return b; }
            public static Vector<float> ScalarFloat(double[][] d, int o) { var a = new float[Vector<float>.Count]; for (int j = 0; j < a.Length; j++) a[j] = (float)d[j][o]; return new Vector<float>(a); }
            public static Vector<float>[] BufferFloat(double[][] d, int o, int n) { var b = new Vector<float>[n]; for (int k = 0; k < n; k++) b[k] = ScalarFloat(d, o + k); return b; }
        }

        """;

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + ", " + b;

    private static string Element(Input input) => input.IsFloat ? "float" : "double";

    private static string Slice(Input input, string from) =>
        input.IsFloat ? $"Array.ConvertAll({from}[{input.Offset}..{input.Offset + BufferLength}], x => (float)x)" : $"{from}[{input.Offset}..{input.Offset + BufferLength}]";

    /// <summary>The declaration of the argument for one parameter: from the point, or a fixed value.</summary>
    private static string Unpack(Input input)
    {
        string name = "a_" + input.Parameter.Name;
        Type t = input.Parameter.ParameterType;
        return input.Kind switch
        {
            Kind.Scalar => $"var {name} = ({Element(input)})p[{input.Offset}]; ",
            Kind.Buffer => $"var {name} = {Slice(input, "p")}; ",
            _ when t == typeof(int) => $"int {name} = 3; ",
            _ when t == typeof(bool) => $"bool {name} = true; ",
            _ when t == typeof(int[]) || t == typeof(ReadOnlySpan<int>) => $"int[] {name} = {{ 1, 0, 2, 3 }}; ",
            _ when t == typeof(double) => $"double {name} = 0.7; ",
            _ when t == typeof(float) => $"float {name} = 0.7f; ",
            _ => $"var {name} = new {(input.IsFloat ? "float" : "double")}[] {{ 0.5{(input.IsFloat ? "f" : "")}, 1.5{(input.IsFloat ? "f" : "")}, -0.5{(input.IsFloat ? "f" : "")}, 2{(input.IsFloat ? "f" : "")} }}; ",
        };
    }

    private static bool Exists(MethodInfo method, string suffix) =>
        method.DeclaringType!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Any(m => m.Name == method.Name + suffix && m.GetParameters().Take(method.GetParameters().Length)
                .Select(p => (p.ParameterType, p.Name)).SequenceEqual(method.GetParameters().Select(p => (p.ParameterType, p.Name))));

    private static Assembly Compile(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Append(typeof(VariantWrappers).Assembly.Location)
            .Append(typeof(DifferentiableAttribute).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("SourceAD.EndToEnd.Wrappers",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            string errors = string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20));
            throw new InvalidOperationException("The variant wrappers do not compile:\n" + errors);
        }
        return Assembly.Load(stream.ToArray());
    }
}
