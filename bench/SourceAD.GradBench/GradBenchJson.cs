using System.Collections.Generic;
using System.Text.Json.Serialization;
using SourceAD.GradBench.Evals.Ba;
using SourceAD.GradBench.Evals.Det;
using SourceAD.GradBench.Evals.Gmm;
using SourceAD.GradBench.Evals.Ht;
using SourceAD.GradBench.Evals.Kmeans;
using SourceAD.GradBench.Evals.Llsq;
using SourceAD.GradBench.Evals.Lse;
using SourceAD.GradBench.Evals.Lstm;
using SourceAD.GradBench.Evals.Ode;
using SourceAD.GradBench.Evals.Particle;
using SourceAD.GradBench.Evals.Saddle;
using SourceAD.GradBench.Protocol;

namespace SourceAD.GradBench;

/// <summary>
/// Source-generated System.Text.Json metadata for every message, input and output. Missing or null fields of an input
/// are errors (required constructor parameters, nullable annotations respected), so bad input gets a clear message.
/// </summary>
[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(ToolConfig))]
[JsonSerializable(typeof(List<Timing>))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(double[][]))]
[JsonSerializable(typeof(LseInput))]
[JsonSerializable(typeof(LlsqInput))]
[JsonSerializable(typeof(DetInput))]
[JsonSerializable(typeof(OdeInput))]
[JsonSerializable(typeof(KmeansInput))]
[JsonSerializable(typeof(GmmInput))]
[JsonSerializable(typeof(GmmJacobian))]
[JsonSerializable(typeof(LstmInput))]
[JsonSerializable(typeof(BaInput))]
[JsonSerializable(typeof(BaObjectiveOutput))]
[JsonSerializable(typeof(BaJacobianOutput))]
[JsonSerializable(typeof(HtInput))]
[JsonSerializable(typeof(ParticleInput))]
[JsonSerializable(typeof(SaddleInput))]
public sealed partial class GradBenchJson : JsonSerializerContext;
