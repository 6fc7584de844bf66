using System;
using System.Collections.Generic;

namespace SourceAD;

/// <summary>Checks of a model's gradient: the model's differentiable members are the coordinates, through the generated visitor.</summary>
public static partial class GradCheck
{
    /// <summary>
    /// Checks the gradient of <paramref name="function"/> with respect to every differentiable member of
    /// <paramref name="model"/> (a partial type with a <c>[Differentiable]</c> instance method, or any type implementing
    /// <see cref="IDifferentiableModel{TSelf}"/>), one report entry per member, named as declared (<c>Layer.W</c>).
    /// The members are moved to central-difference points during the check and restored after it.
    /// </summary>
    /// <param name="function">The function whose gradient is checked, for instance <c>m =&gt; m.Loss(x, t)</c>.</param>
    /// <param name="gradient">Its gradient as a value of the model's type, for instance the <c>dThis</c> of the generated <c>Backward</c>.</param>
    /// <param name="model">The point at which to check.</param>
    /// <param name="step">The relative step <c>h</c>; positive and finite.</param>
    /// <exception cref="ArgumentException">The model has no differentiable members, or a gradient member's length differs from the model's.</exception>
    public static GradCheckReport Run<TModel>(Func<TModel, double> function, Func<TModel, TModel> gradient, TModel model, double step = DefaultStep)
        where TModel : IDifferentiableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(model);
        TModel working = model;
        var reader = new Reader(gradients: false);
        TModel.VisitMembers(ref working, working, reader);
        double[] point = reader.Values.ToArray();
        double Value(double[] x)
        {
            TModel.VisitMembers(ref working, working, new Writer(x));
            return function(working);
        }
        double[] Gradient(double[] x)
        {
            TModel.VisitMembers(ref working, working, new Writer(x));
            TModel g = gradient(working);
            var gradients = new Reader(gradients: true);
            TModel.VisitMembers(ref working, g, gradients);
            return gradients.Values.ToArray();
        }
        try
        {
            return Run(Value, Gradient, point, reader.Parameters, step);
        }
        finally
        {
            TModel.VisitMembers(ref working, working, new Writer(point));
        }
    }

    /// <summary>Reads the members (or the gradient's) into one vector, and their names and lengths.</summary>
    private sealed class Reader(bool gradients) : IMemberVisitor
    {
        public List<double> Values { get; } = new();

        public List<(string Name, int Length)> Parameters { get; } = new();

        public void Visit(string name, ref double value, double gradient) => Add(name, gradients ? gradient : value);

        public void Visit(string name, ref float value, float gradient) => Add(name, gradients ? gradient : value);

        public void Visit(string name, Span<double> value, ReadOnlySpan<double> gradient)
        {
            MemberLengths.RequireSame(name, value.Length, gradient.Length);
            Parameters.Add((name, value.Length));
            foreach (double x in gradients ? gradient : value)
            {
                Values.Add(x);
            }
        }

        public void Visit(string name, Span<float> value, ReadOnlySpan<float> gradient)
        {
            MemberLengths.RequireSame(name, value.Length, gradient.Length);
            Parameters.Add((name, value.Length));
            foreach (float x in gradients ? gradient : value)
            {
                Values.Add(x);
            }
        }

        private void Add(string name, double x)
        {
            Parameters.Add((name, 1));
            Values.Add(x);
        }
    }

    /// <summary>Writes one vector back into the members, in the order <see cref="Reader"/> read them.</summary>
    private sealed class Writer(double[] values) : IMemberVisitor
    {
        private int _at;

        public void Visit(string name, ref double value, double gradient) => value = values[_at++];

        public void Visit(string name, ref float value, float gradient) => value = (float)values[_at++];

        public void Visit(string name, Span<double> value, ReadOnlySpan<double> gradient)
        {
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = values[_at++];
            }
        }

        public void Visit(string name, Span<float> value, ReadOnlySpan<float> gradient)
        {
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = (float)values[_at++];
            }
        }
    }
}
