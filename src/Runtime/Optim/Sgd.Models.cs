using System;
using System.Numerics.Tensors;

namespace SourceAD;

/// <summary>Steps on whole models: every differentiable member, through the generated visitor.</summary>
public sealed partial class Sgd
{
    /// <summary>Updates every differentiable member of a class model in place: <c>member −= learningRate · gradient.member</c>.</summary>
    /// <param name="model">The model (a partial class with a <c>[Differentiable]</c> instance method).</param>
    /// <param name="gradient">Its gradient, as the generated <c>Backward</c> fills a <c>dThis</c>.</param>
    /// <exception cref="ArgumentException">A buffer or tensor of the gradient has another length than the model's.</exception>
    public void Step<TModel>(TModel model, TModel gradient) where TModel : class, IDifferentiableModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gradient);
        TModel.VisitMembers(ref model, gradient, _descent ??= new Descent(this));
    }

    /// <summary>Updates every differentiable member of a struct model in place.</summary>
    /// <param name="model">The model (a partial struct or record struct with a <c>[Differentiable]</c> instance method).</param>
    /// <param name="gradient">Its gradient, as the generated <c>Backward</c> gives <c>dThis</c>.</param>
    public void Step<TModel>(ref TModel model, TModel gradient) where TModel : struct, IDifferentiableModel<TModel> =>
        TModel.VisitMembers(ref model, gradient, _descent ??= new Descent(this));

    // One visitor for every step (it reads the current learning rate), so a step allocates nothing.
    private Descent? _descent;

    /// <summary>One descent step, member by member.</summary>
    private sealed class Descent(Sgd sgd) : IMemberVisitor
    {
        private double Rate => sgd.LearningRate;

        public void Visit(string name, ref double value, double gradient) => value -= Rate * gradient;

        public void Visit(string name, ref float value, float gradient) => value = (float)(value - Rate * gradient);

        public void Visit(string name, Span<double> value, ReadOnlySpan<double> gradient)
        {
            MemberLengths.RequireSame(name, value.Length, gradient.Length);
            for (int i = 0; i < value.Length; i++)
            {
                value[i] -= Rate * gradient[i];
            }
        }

        public void Visit(string name, Span<float> value, ReadOnlySpan<float> gradient)
        {
            // Vectorised, in float, as Sgd.Step(Tensor, Tensor) does it: value += (−rate)·gradient.
            MemberLengths.RequireSame(name, value.Length, gradient.Length);
            TensorPrimitives.MultiplyAdd(gradient, -sgd.LearningRate, value, value);
        }
    }
}
