using System.Reflection;

namespace SourceAD.Runtime.Tests;

/// <summary>
/// The second-order rules, <c>[TangentOf(nameof(XPullback))]</c>: the tangent of each pullback, which forward over
/// reverse calls. Each is checked against central differences of the pullback itself along a random direction (the
/// operands moved by h·ẋ, the result recomputed, the result's adjoint moved by h·ġ), and must also leave in the
/// adjoints what the pullback does. A last test checks that every pullback has one.
/// </summary>
public sealed partial class TangentRuleTests
{
    /// <summary>The cases of <see cref="Cases"/> whose pullback has a second-order rule (all of them, see the last test).</summary>
    public static TheoryData<string, string, object[]> SecondOrderCases()
    {
        var data = new TheoryData<string, string, object[]>();
        foreach (object[] row in Cases())
        {
            if (SecondOrder(Operation.Of((string)row[1], (object[])row[2]).PullbackRule) is not null)
            {
                data.Add((string)row[0], (string)row[1], (object[])row[2]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SecondOrderCases))]
    public void PullbackTangentMatchesCentralDifferencesOfThePullback(string what, string function, object[] args)
    {
        _ = what;
        Operation op = Operation.Of(function, args);
        MethodInfo rule = SecondOrder(op.PullbackRule)!;
        object[] directions = op.Directions(args, seed: 59);
        (object value, object resultDot) = op.Tangent(args, directions);
        object seed = op.RandomLike(value, seed: 61), seedDot = op.RandomLike(value, seed: 67);

        // The rule: the pullback's arguments, then a tangent of each.
        ParameterInfo[] parameters = op.PullbackRule.GetParameters();
        bool takesResult = parameters[args.Length].Name == "result";
        var primal = args.ToList();
        var tangents = op.Function.GetParameters().Where(Operation.Differentiable).Select(p => directions[p.Position]).ToList();
        if (takesResult)
        {
            primal.Add(value);
            tangents.Add(resultDot);
        }
        primal.Add(seed);
        tangents.Add(seedDot);
        var adjointAt = new List<(int Argument, int Adjoint)>();
        foreach (ParameterInfo p in op.Function.GetParameters().Where(Operation.Differentiable))
        {
            adjointAt.Add((p.Position, primal.Count));
            primal.Add(Zero(args[p.Position]));
            tangents.Add(Zero(args[p.Position]));
        }
        object?[] call = primal.Concat(tangents).ToArray();
        rule.Invoke(null, call);

        object[] pullback = op.Pullback(args, value, seed);
        const double h = 1e-2;
        object[] Moved(double step)
        {
            object[] at = op.Moved(args, directions, step);
            object movedSeed = seed is Tensor s ? Tensor.Add(s, Tensor.Multiply((Tensor)seedDot, (float)step)) : (object)((float)seed + (float)step * (float)seedDot);
            return op.Pullback(at, op.Primal(at), movedSeed);
        }
        object[] up = Moved(h), down = Moved(-h);
        for (int k = 0; k < adjointAt.Count; k++)
        {
            int i = adjointAt[k].Argument;
            Assert.Equal(Flat(pullback[i]), Flat(call[adjointAt[k].Adjoint]!));
            double[] numeric = Flat(up[i]).Zip(Flat(down[i]), (u, d) => (u - d) / (2 * h)).ToArray();
            double[] analytic = Flat(call[primal.Count + TangentIndex(op, takesResult, k)]!);
            PullbackCheck.AssertClose(analytic, numeric, 2e-2, function + " pullback tangent, adjoint " + k);
        }
    }

    [Fact]
    public void EveryTensorPullbackHasASecondOrderRule()
    {
        var pullbacks = typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttributes<DerivativeOfAttribute>().Any()).ToList();
        string[] missing = pullbacks.Where(m => SecondOrder(m) is null)
            .Select(m => m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name)) + ")").ToArray();
        Assert.Empty(missing);
        Assert.True(pullbacks.Count >= 44, "found " + pullbacks.Count + " pullbacks");
    }

    /// <summary>The position, among the rule's tangents, of the tangent of adjoint <paramref name="k"/>.</summary>
    private static int TangentIndex(Operation op, bool takesResult, int k) =>
        op.Function.GetParameters().Count(Operation.Differentiable) + (takesResult ? 1 : 0) + 1 + k;

    /// <summary>The second-order rule of <paramref name="pullback"/>: <c>[TangentOf]</c> naming it, led by its parameters.</summary>
    private static MethodInfo? SecondOrder(MethodInfo pullback)
    {
        Type[] own = pullback.GetParameters().Select(p => p.ParameterType).ToArray();
        return typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static).SingleOrDefault(m =>
            m.GetCustomAttributes<TangentOfAttribute>().Any(a => a.Function == pullback.Name)
            && m.GetParameters().Length == 2 * own.Length - own.Count(t => t == typeof(int) || t == typeof(int[]))
            && m.GetParameters().Take(own.Length).Select(p => p.ParameterType).SequenceEqual(own));
    }

    private static object Zero(object like) => like is Tensor t ? Tensor.ZerosLike(t) : 0f;
}
