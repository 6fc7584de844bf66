namespace SourceAD.GradBench.Tests;

/// <summary>Central finite differences, (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h: a gradient that no generated code touches.</summary>
public static class CentralDifference
{
    public const double Step = 1e-6;

    public static double[] Gradient(Func<double[], double> f, double[] x, double step = Step)
    {
        var point = (double[])x.Clone();
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            point[i] = x[i] + step;
            double plus = f(point);
            point[i] = x[i] - step;
            double minus = f(point);
            point[i] = x[i];
            gradient[i] = (plus - minus) / (2 * step);
        }
        return gradient;
    }
}
