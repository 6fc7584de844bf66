using System.Collections.Generic;
using SourceAD.GradBench.Evals.Ba;
using SourceAD.GradBench.Evals.Det;
using SourceAD.GradBench.Evals.Gmm;
using SourceAD.GradBench.Evals.Hello;
using SourceAD.GradBench.Evals.Ht;
using SourceAD.GradBench.Evals.Kmeans;
using SourceAD.GradBench.Evals.Llsq;
using SourceAD.GradBench.Evals.Lse;
using SourceAD.GradBench.Evals.Lstm;
using SourceAD.GradBench.Evals.Ode;
using SourceAD.GradBench.Evals.Particle;
using SourceAD.GradBench.Evals.Saddle;

namespace SourceAD.GradBench.Evals;

/// <summary>The 12 GradBench evals this tool answers (some functions only with a "missing generator feature" failure).</summary>
public static class EvalRegistry
{
    public static IReadOnlyList<EvalModule> All { get; } =
    [
        BaEval.Module, DetEval.Module, GmmEval.Module, HelloEval.Module, HtEval.Module, KmeansEval.Module,
        LlsqEval.Module, LseEval.Module, LstmEval.Module, OdeEval.Module, ParticleEval.Module, SaddleEval.Module,
    ];
}
