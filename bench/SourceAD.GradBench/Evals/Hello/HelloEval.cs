namespace SourceAD.GradBench.Evals.Hello;

/// <summary>The <c>hello</c> eval: <c>square</c> is x², <c>double</c> its generated derivative. The input is a bare number.</summary>
public static class HelloEval
{
    public static EvalModule Module { get; } = new EvalModule<double>(
        "hello",
        GradBenchJson.Default.Double,
        () => 3.0,
        [
            ("square", x => Computation.Of(() => HelloObjective.Square(x), GradBenchJson.Default.Double)),
            ("double", x => Computation.Of(() => Derivative(x), GradBenchJson.Default.Double)),
        ]);

    private static double Derivative(double x)
    {
        HelloObjective.SquareBackward(x, out double dx);
        return dx;
    }
}
