using System.Reflection;

namespace SourceAD.Runtime.Tests;

/// <summary>
/// Every tangent rule of the tensor operations (<see cref="TangentOfAttribute"/>), found by reflection, against three
/// independent references: central differences of the operation along a random direction; the operation's pullback,
/// through the dot-product identity ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ (a transposition test, exact up to rounding); and zero
/// tangents, where a null tangent must act as zeros. A last test checks that no pullback lacks its tangent.
/// </summary>
public sealed partial class TangentRuleTests
{
    private static Tensor T(int seed, params int[] shape) => Reference.Uniform(seed, 0.3f, 1.5f, signed: true, shape);

    private static Tensor Positive(int seed, params int[] shape) => Reference.Uniform(seed, 0.5f, 2f, signed: false, shape);

    /// <summary>Each case: the operation's name and its arguments (tensors and floats are differentiable; ints and int[] are not).</summary>
    public static TheoryData<string, string, object[]> Cases()
    {
        var data = new TheoryData<string, string, object[]>();
        void Add(string what, string function, params object[] args) => data.Add(what, function, args);
        foreach ((string name, string op) in new[] { ("Add", "op_Addition"), ("Subtract", "op_Subtraction"), ("Multiply", "op_Multiply"), ("Divide", "op_Division") })
        {
            foreach (string function in new[] { name, op })
            {
                bool divide = name == "Divide";
                Add("same shape", function, T(1, 3, 4), divide ? Positive(2, 3, 4) : T(2, 3, 4));
                Add("row over matrix", function, T(3, 3, 4), divide ? Positive(4, 4) : T(4, 4));
                Add("matrix over row", function, T(5, 4), divide ? Positive(6, 3, 4) : T(6, 3, 4));
                Add("tensor and float", function, T(7, 2, 3), 1.7f);
                Add("float and tensor", function, 0.8f, divide ? Positive(8, 2, 3) : T(8, 2, 3));
            }
        }
        Add("", "Negate", T(9, 2, 3));
        Add("", "op_UnaryNegation", T(10, 2, 3));
        Add("", "Exp", T(11, 2, 3));
        Add("", "Log", Positive(12, 2, 3));
        Add("", "Square", T(13, 2, 3));
        Add("", "Sigmoid", T(14, 2, 3));
        Add("", "Tanh", T(15, 2, 3));
        Add("", "Relu", T(16, 2, 3));
        Add("", "Softmax", T(17, 2, 4));
        Add("", "LogSoftmax", T(18, 2, 4));
        Add("", "MatMul", T(19, 3, 4), T(20, 4, 2));
        Add("", "MatMulTransposeA", T(21, 4, 3), T(22, 4, 2));
        Add("", "MatMulTransposeB", T(23, 3, 4), T(24, 2, 4));
        Add("all elements", "Sum", T(25, 2, 3));
        Add("all elements", "Mean", T(26, 2, 3));
        Add("axis 0", "Sum", T(27, 2, 3, 2), 0);
        Add("axis -1", "Mean", T(28, 2, 3), -1);
        Add("", "SumOfSquares", T(29, 2, 3));
        Add("", "CrossEntropy", T(30, 3, 4), new[] { 2, 0, 3 });
        Add("", "MeanSquaredError", T(31, 2, 3), T(32, 2, 3));
        Add("", "Transpose", T(33, 2, 3));
        Add("", "Reshape", T(34, 2, 3), new[] { -1, 2 });
        Add("", "Rows", T(35, 4, 3), 1, 2);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TangentMatchesCentralDifferences(string what, string function, object[] args)
    {
        _ = what;
        Operation op = Operation.Of(function, args);
        object[] directions = op.Directions(args, seed: 41);
        (object value, object resultDot) = op.Tangent(args, directions);
        Assert.Equal(Flat(op.Primal(args)), Flat(value));

        const double h = 1e-2;
        double[] up = Flat(op.Primal(op.Moved(args, directions, h))), down = Flat(op.Primal(op.Moved(args, directions, -h)));
        double[] numeric = up.Zip(down, (u, d) => (u - d) / (2 * h)).ToArray();
        PullbackCheck.AssertClose(Flat(resultDot, numeric.Length), numeric, 2e-2, function + " tangent");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TangentIsTheTransposeOfThePullback(string what, string function, object[] args)
    {
        _ = what;
        Operation op = Operation.Of(function, args);
        object[] directions = op.Directions(args, seed: 43);
        (object value, object resultDot) = op.Tangent(args, directions);
        double[] jv = Flat(resultDot, Flat(value).Length);
        object seed = op.RandomLike(value, seed: 47);
        double[] u = Flat(seed);
        object[] adjoints = op.Pullback(args, value, seed);

        double forward = u.Zip(jv, (a, b) => a * b).Sum();
        double reverse = 0, scale = 0;
        for (int i = 0; i < args.Length; i++)
        {
            if (directions[i] is null)
            {
                continue;
            }
            double[] adjoint = Flat(adjoints[i]!), direction = Flat(directions[i]!);
            reverse += adjoint.Zip(direction, (a, b) => a * b).Sum();
            scale += adjoint.Zip(direction, (a, b) => Math.Abs(a * b)).Sum();
        }
        Assert.True(Math.Abs(forward - reverse) <= 1e-4 * Math.Max(scale, 1e-3), $"{function}: ⟨u, J·v⟩ = {forward:G8} but ⟨Jᵀ·u, v⟩ = {reverse:G8}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NullTangentsActAsZeros(string what, string function, object[] args)
    {
        _ = what;
        Operation op = Operation.Of(function, args);
        object[] directions = op.Directions(args, seed: 53);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is not Tensor x)
            {
                continue;
            }
            object[] withNull = (object[])directions.Clone(), withZeros = (object[])directions.Clone();
            withNull[i] = null!;
            withZeros[i] = Tensor.ZerosLike(x);
            (object value, object nullDot) = op.Tangent(args, withNull);
            (_, object zerosDot) = op.Tangent(args, withZeros);
            int length = Flat(value).Length;
            Assert.Equal(Flat(zerosDot, length), Flat(nullDot, length));
        }
        object[] none = op.Directions(args, seed: 0).Select(d => d switch { Tensor => null!, float => (object)0f, _ => d }).ToArray();
        (object v, object noneDot) = op.Tangent(args, none);
        Assert.True(noneDot is null || Flat(noneDot).All(e => e == 0), function + ": a zero direction must give a zero tangent");
        Assert.Equal(Flat(op.Primal(args)), Flat(v));
    }

    [Fact]
    public void EveryTensorPullbackHasATangent()
    {
        var methods = typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static);
        var tangents = methods.SelectMany(m => m.GetCustomAttributes<TangentOfAttribute>().Select(a => (a.Function, Leading: m))).ToList();
        var missing = new List<string>();
        foreach (MethodInfo pullback in methods)
        {
            foreach (DerivativeOfAttribute rule in pullback.GetCustomAttributes<DerivativeOfAttribute>())
            {
                MethodInfo function = Operation.Find(rule.Function, pullback.GetParameters());
                Type[] own = function.GetParameters().Select(p => p.ParameterType).ToArray();
                if (!tangents.Any(t => t.Function == rule.Function && t.Leading.GetParameters().Take(own.Length).Select(p => p.ParameterType).SequenceEqual(own)))
                {
                    missing.Add(pullback.Name + " (" + string.Join(", ", own.Select(t => t.Name)) + ")");
                }
            }
        }
        Assert.Empty(missing);
        Assert.True(tangents.Count >= 44, "found " + tangents.Count + " tangent rules");
    }

    /// <summary>An operation with its function, its tangent rule and its pullback, found by reflection.</summary>
    private sealed record Operation(MethodInfo Function, MethodInfo TangentRule, MethodInfo PullbackRule)
    {
        public static Operation Of(string function, object[] args)
        {
            Type[] types = args.Select(a => a.GetType()).ToArray();
            MethodInfo target = typeof(Tensor).GetMethod(function, BindingFlags.Public | BindingFlags.Static, types)
                ?? throw new InvalidOperationException("no " + function + "(" + string.Join(", ", types.Select(t => t.Name)) + ")");
            int differentiable = target.GetParameters().Count(Differentiable);
            MethodInfo Rule<TAttribute>(Func<TAttribute, string> name, Func<ParameterInfo[], bool> shape) where TAttribute : Attribute =>
                typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m =>
                    m.GetCustomAttributes<TAttribute>().Any(a => name(a) == function)
                    && shape(m.GetParameters())
                    && m.GetParameters().Take(types.Length).Select(p => p.ParameterType).SequenceEqual(types));
            // A tangent takes the parameters, their tangents and resultDot; a pullback the parameters, [result], dResult and the adjoints.
            int n = types.Length;
            return new Operation(target,
                Rule<TangentOfAttribute>(a => a.Function, p => p.Length == n + differentiable + 1),
                Rule<DerivativeOfAttribute>(a => a.Function, p => p.Length == n + 1 + differentiable || (p.Length == n + 2 + differentiable && p[n].Name == "result")));
        }

        /// <summary>The function named <paramref name="name"/> whose parameters lead <paramref name="ruleParameters"/>.</summary>
        public static MethodInfo Find(string name, ParameterInfo[] pullback) =>
            typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == name).Single(m =>
            {
                ParameterInfo[] own = m.GetParameters();
                int extra = pullback.Length - own.Length - 1 - own.Count(Differentiable);
                return own.Select(p => p.ParameterType).SequenceEqual(pullback.Take(own.Length).Select(p => p.ParameterType))
                    && (extra == 0 || (extra == 1 && pullback[own.Length].Name == "result"));
            });

        public object Primal(object[] args) => Function.Invoke(null, args)!;

        /// <summary>One random direction per differentiable argument (null for the others).</summary>
        public object[] Directions(object[] args, int seed)
        {
            var rng = new Random(seed);
            return Function.GetParameters().Select(p => p.ParameterType == typeof(Tensor) ? Tensor.RandomNormal(rng, 1f, ((Tensor)args[p.Position]).Shape.ToArray())
                : p.ParameterType == typeof(float) ? (object)(float)(rng.NextDouble() * 2 - 1) : null!).ToArray();
        }

        public (object Value, object ResultDot) Tangent(object[] args, object[] directions)
        {
            var all = args.Concat(Function.GetParameters().Where(Differentiable).Select(p => directions[p.Position])).Append(null).ToArray();
            object value = TangentRule.Invoke(null, all)!;
            return (value, all[^1]!);
        }

        public object[] Pullback(object[] args, object value, object seed)
        {
            ParameterInfo[] parameters = PullbackRule.GetParameters();
            var all = args.ToList();
            if (parameters[args.Length].Name == "result")
            {
                all.Add(value);
            }
            all.Add(seed);
            var adjointAt = new Dictionary<int, int>();
            foreach (ParameterInfo p in Function.GetParameters().Where(Differentiable))
            {
                adjointAt[p.Position] = all.Count;
                all.Add(p.ParameterType == typeof(Tensor) ? Tensor.ZerosLike((Tensor)args[p.Position]) : 0f);
            }
            object?[] call = all.ToArray();
            PullbackRule.Invoke(null, call);
            return args.Select((_, i) => adjointAt.TryGetValue(i, out int at) ? call[at]! : null!).ToArray();
        }

        public object[] Moved(object[] args, object[] directions, double h) => args.Select((a, i) => a switch
        {
            Tensor x => Tensor.Add(x, Tensor.Multiply((Tensor)directions[i], (float)h)),
            float f => (object)(float)(f + h * (float)directions[i]),
            _ => a,
        }).ToArray();

        public object RandomLike(object value, int seed) => value is Tensor t
            ? Tensor.RandomNormal(new Random(seed), 1f, t.Shape.ToArray())
            : (object)(float)(new Random(seed).NextDouble() * 2 - 1);

        public static bool Differentiable(ParameterInfo p) => p.ParameterType == typeof(Tensor) || p.ParameterType == typeof(float);
    }

    private static double[] Flat(object value) => value switch
    {
        Tensor t => t.ToArray().Select(v => (double)v).ToArray(),
        float f => new double[] { f },
        _ => throw new InvalidOperationException(value?.GetType().Name),
    };

    /// <summary>A tangent flattened; a null tangent is <paramref name="length"/> zeros.</summary>
    private static double[] Flat(object? tangent, int length) => tangent is null ? new double[length] : Flat(tangent);
}
