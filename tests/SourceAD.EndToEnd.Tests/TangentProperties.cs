using System.Reflection;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Forward mode against reverse mode on every end-to-end method whose parameters reflection can pass (scalars,
/// integers, booleans, arrays of integers): at two points, along a direction, the generated <c>FTangent</c> returns the
/// value <c>FBackward</c> returns, and its directional derivative is the generated gradient dotted with the direction
/// (relative error 1e-9). Where the method throws at a point, both must throw the same exception. The two modes share
/// only the rule table, so this checks each against the other; both are checked against finite differences elsewhere.
/// </summary>
public class TangentProperties
{
    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (MethodInfo method in Differentiable().Where(m => Passable(m) && Tangent(m) is not null))
        {
            data.Add(method.DeclaringType!.FullName + "." + method.Name + "/" + method.GetParameters().Length);
        }
        return data;
    }

    [Fact]
    public void MostScalarMethodsAreCovered() => Assert.True(Methods().Count >= 100, $"only {Methods().Count} methods");

    [Theory]
    [MemberData(nameof(Methods))]
    public void TangentIsTheGradientAlongTheDirection(string id)
    {
        MethodInfo method = Differentiable().Single(m => m.DeclaringType!.FullName + "." + m.Name + "/" + m.GetParameters().Length == id);
        MethodInfo tangent = Tangent(method)!;
        MethodInfo backward = Companion(method, "Backward")!;
        foreach (int point in new[] { 0, 1 })
        {
            object?[] arguments = method.GetParameters().Select((p, i) => Value(p.ParameterType, i, point)).ToArray();
            Check(method, backward, tangent, arguments);
        }
    }

    private static void Check(MethodInfo method, MethodInfo backward, MethodInfo tangent, object?[] arguments)
    {
        ParameterInfo[] parameters = method.GetParameters();
        object?[] backwardArgs = arguments.Concat(Enumerable.Repeat<object?>(null, backward.GetParameters().Length - parameters.Length)).ToArray();
        var tangentArgs = arguments.ToList();
        var directions = new Dictionary<string, double>();
        foreach (ParameterInfo p in tangent.GetParameters().Skip(parameters.Length).SkipLast(1))
        {
            double d = 0.9 - 0.37 * directions.Count;
            directions[p.Name!] = d;
            tangentArgs.Add(p.ParameterType == typeof(float) ? (object)(float)d : d);
        }
        tangentArgs.Add(null);
        object?[] tangentArray = tangentArgs.ToArray();

        Exception? primalError = Invoke(method, arguments.ToArray(), out object? value);
        Exception? backwardError = Invoke(backward, backwardArgs, out _);
        Exception? tangentError = Invoke(tangent, tangentArray, out object? tangentValue);
        Assert.Equal(primalError?.GetType(), backwardError?.GetType());
        Assert.Equal(primalError?.GetType(), tangentError?.GetType());
        if (primalError is not null)
        {
            return;
        }
        // The tangent runs the method's computation in the method's order: its value is the method's, to the bit.
        Assert.Equal(Convert.ToDouble(value), Convert.ToDouble(tangentValue));

        double expected = 0;
        ParameterInfo[] gradients = backward.GetParameters().Skip(parameters.Length).ToArray();
        for (int i = 0; i < gradients.Length; i++)
        {
            string name = gradients[i].Name!.Substring(1) + "Dot";
            expected += Convert.ToDouble(backwardArgs[parameters.Length + i]) * directions[name];
        }
        double actual = Convert.ToDouble(tangentArray[^1]);
        // Float arithmetic inside (casts, MathF) rounds the two modes' different operation orders differently.
        double tolerance = (method.ReturnType == typeof(float) ? 1e-4 : 1e-6) * Math.Max(1, Math.Abs(expected));
        Assert.True(double.IsNaN(expected) && double.IsNaN(actual) || expected == actual || Math.Abs(expected - actual) <= tolerance,
            $"{method.Name}({string.Join(", ", arguments)}): tangent {actual:R}, gradient · direction {expected:R}");
    }

    private static Exception? Invoke(MethodInfo method, object?[] args, out object? result)
    {
        try
        {
            result = method.Invoke(null, args);
            return null;
        }
        catch (TargetInvocationException e)
        {
            result = null;
            return e.InnerException;
        }
    }

    private static object? Value(Type type, int index, int point) => type switch
    {
        _ when type == typeof(double) => 0.35 + 0.41 * index + 0.23 * point,
        _ when type == typeof(float) => (float)(0.35 + 0.41 * index + 0.23 * point),
        _ when type == typeof(int) => 2 + point,
        _ when type == typeof(bool) => point == 0,
        _ when type == typeof(int[]) => new[] { 1, 0, 2 },
        _ => throw new InvalidOperationException("not passable: " + type),
    };

    private static bool Passable(MethodInfo method) =>
        (method.ReturnType == typeof(double) || method.ReturnType == typeof(float))
        && method.GetParameters().All(p => p.ParameterType == typeof(double) || p.ParameterType == typeof(float)
            || p.ParameterType == typeof(int) || p.ParameterType == typeof(bool) || p.ParameterType == typeof(int[]));

    private static MethodInfo? Tangent(MethodInfo method) => Companion(method, "Tangent");

    /// <summary>The generated method with this suffix whose leading parameters are the method's (overloads have one each).</summary>
    private static MethodInfo? Companion(MethodInfo method, string suffix) =>
        method.DeclaringType!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == method.Name + suffix && m.GetParameters().Length > method.GetParameters().Length
                && m.GetParameters().Take(method.GetParameters().Length).Select(p => (p.ParameterType, p.Name)).SequenceEqual(method.GetParameters().Select(p => (p.ParameterType, p.Name))));

    private static IEnumerable<MethodInfo> Differentiable() =>
        typeof(TangentProperties).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<DifferentiableAttribute>() is not null && !m.ContainsGenericParameters);
}
