using System;
using System.Collections.Generic;

namespace SourceAD;

/// <summary>
/// Steps on whole models. The moments of a model's members are kept by their position in the visit (declaration
/// order), so one <see cref="Adam"/> serves one model (of a fixed shape).
/// </summary>
public sealed partial class Adam
{
    private readonly List<double[]> _modelMoments = new();
    private int _modelSteps;

    /// <summary>Updates every differentiable member of a class model in place with Adam.</summary>
    /// <param name="model">The model (a partial class with a <c>[Differentiable]</c> instance method).</param>
    /// <param name="gradient">Its gradient, as the generated <c>Backward</c> fills a <c>dThis</c>.</param>
    /// <exception cref="ArgumentException">A member's length differs from the gradient's, or from that of the model this optimiser stepped before.</exception>
    public void Step<TModel>(TModel model, TModel gradient) where TModel : class, IDifferentiableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gradient);
        TModel.VisitMembers(ref model, gradient, NextModelStep());
    }

    /// <summary>Updates every differentiable member of a struct model in place with Adam.</summary>
    public void Step<TModel>(ref TModel model, TModel gradient) where TModel : struct, IDifferentiableModel<TModel> =>
        TModel.VisitMembers(ref model, gradient, NextModelStep());

    // One visitor for every step, reset at each (so a step allocates nothing).
    private Moments? _moments;

    private Moments NextModelStep()
    {
        _modelSteps++;
        Moments moments = _moments ??= new Moments(this);
        moments.Start(1.0 - Math.Pow(Beta1, _modelSteps), 1.0 - Math.Pow(Beta2, _modelSteps));
        return moments;
    }

    /// <summary>One Adam step, member by member: the k-th member visited keeps the k-th moments (first and second, interleaved).</summary>
    private sealed class Moments(Adam adam) : IMemberVisitor
    {
        private int _next;
        private double _firstCorrection, _secondCorrection;

        /// <summary>Starts a step with these bias corrections, from the first member.</summary>
        public void Start(double first, double second)
        {
            _next = 0;
            _firstCorrection = first;
            _secondCorrection = second;
        }

        public void Visit(string name, ref double value, double gradient)
        {
            Span<double> one = new Span<double>(ref value);
            Visit(name, one, new ReadOnlySpan<double>(in gradient));
        }

        public void Visit(string name, ref float value, float gradient)
        {
            Span<float> one = new Span<float>(ref value);
            Visit(name, one, new ReadOnlySpan<float>(in gradient));
        }

        public void Visit(string name, Span<double> value, ReadOnlySpan<double> gradient)
        {
            double[] moments = For(name, value.Length, gradient.Length);
            for (int i = 0; i < value.Length; i++)
            {
                value[i] -= Update(moments, i, gradient[i]);
            }
        }

        public void Visit(string name, Span<float> value, ReadOnlySpan<float> gradient)
        {
            double[] moments = For(name, value.Length, gradient.Length);
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = (float)(value[i] - Update(moments, i, gradient[i]));
            }
        }

        private double Update(double[] moments, int i, double g)
        {
            double m = moments[2 * i] = adam.Beta1 * moments[2 * i] + (1 - adam.Beta1) * g;
            double v = moments[2 * i + 1] = adam.Beta2 * moments[2 * i + 1] + (1 - adam.Beta2) * g * g;
            return adam.LearningRate * (m / _firstCorrection) / (Math.Sqrt(v / _secondCorrection) + adam.Epsilon);
        }

        private double[] For(string name, int length, int gradientLength)
        {
            MemberLengths.RequireSame(name, length, gradientLength);
            int k = _next++;
            if (k == adam._modelMoments.Count)
            {
                adam._modelMoments.Add(new double[2 * length]);
            }
            if (adam._modelMoments[k].Length != 2 * length)
            {
                throw new ArgumentException($"The member '{name}' has {length} elements, but this optimiser's member {k} had {adam._modelMoments[k].Length / 2}; use one Adam per model.", nameof(name));
            }
            return adam._modelMoments[k];
        }
    }
}
