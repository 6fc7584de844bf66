namespace SourceAD.GradBench.Evals.Hello;

/// <summary>GradBench's <c>hello</c>: f(x) = x²; its derivative is the eval's <c>double</c>.</summary>
public static partial class HelloObjective
{
    [Differentiable]
    public static double Square(double x)
    {
        return x * x;
    }
}
