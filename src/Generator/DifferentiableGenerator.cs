using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Emit;
using SourceAD.Generator.Model;
using SourceAD.Generator.Parsing;
using SourceAD.Generator.Transforms;
using SourceAD.Generator.Transforms.Variants;

namespace SourceAD.Generator;

/// <summary>
/// The SourceAD incremental generator: for each <c>[Differentiable]</c> method, parse (symbols and operations to an
/// equatable model), differentiate and emit (model to a <c>Backward</c> and a <c>Pullback</c> method).
/// After the parse step the pipeline carries only equatable data, so edits elsewhere leave it cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Types.DifferentiableAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => MethodParser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<MethodModel> models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(parsed, static (output, result) =>
        {
            foreach (DiagnosticInfo diagnostic in result.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
        IncrementalValuesProvider<DerivedMethod> derived = models
            .Select(static (model, _) => DerivedMethod.Of(model))
            .WithTrackingName(TrackingNames.Derive);

        // Which generated functions call derivatives that are not generated: known only once every method is differentiated.
        IncrementalValueProvider<EquatableArray<Unavailable>> unavailable = derived
            .Select(static (method, _) => method.Summary)
            .Collect()
            .Select(static (summaries, _) => Availability.Solve(summaries))
            .WithTrackingName(TrackingNames.Availability);

        context.RegisterSourceOutput(derived.Combine(unavailable), static (output, pair) => Generate(output, pair.Left, pair.Right));

        // One helper class per struct, record or class the methods read member by member, however many methods do.
        IncrementalValuesProvider<AggregateType> aggregates = models
            .SelectMany(static (model, _) => model.Aggregates.Where(a => !a.IsList).Concat(model.Result is { } result ? new[] { result } : Array.Empty<AggregateParameter>()).SelectMany(a => AggregateTypes(a.Type)))
            .Collect()
            .SelectMany(static (all, _) => all.GroupBy(t => t.Name).Select(g => g.First()).OrderBy(t => t.Name, StringComparer.Ordinal))
            .WithTrackingName(TrackingNames.Aggregates);
        context.RegisterSourceOutput(aggregates, static (output, type) => output.AddSource(AggregateHelpersEmitter.HintName(type), AggregateHelpersEmitter.Emit(type)));

        // A partial type with [Differentiable] instance methods is a model: it implements IDifferentiableModel<T>, once.
        IncrementalValuesProvider<ModelInterfaceEmitter.ModelType> modelTypes = models
            .Select(static (model, _) => ModelInterfaceEmitter.Of(model))
            .Where(static type => type is not null)
            .Collect()
            .SelectMany(static (all, _) => all.GroupBy(t => t!.Name).Select(g => g.First()!).OrderBy(t => t.Name, StringComparer.Ordinal))
            .WithTrackingName(TrackingNames.ModelTypes);
        context.RegisterSourceOutput(modelTypes, static (output, type) => output.AddSource(ModelInterfaceEmitter.HintName(type), ModelInterfaceEmitter.Emit(type)));
    }

    /// <summary>An aggregate and the aggregates nested in it.</summary>
    private static IEnumerable<AggregateType> AggregateTypes(AggregateType type) =>
        new[] { type }.Concat(type.Members.Where(m => m.Nested is not null).SelectMany(m => AggregateTypes(m.Nested!)));

    /// <summary>Two findings of one problem at one place (the same ID, location and subject) are reported once.</summary>
    private sealed class SameIdAndLocation : IEqualityComparer<DiagnosticInfo>
    {
        public bool Equals(DiagnosticInfo? x, DiagnosticInfo? y) =>
            x?.Descriptor.Id == y?.Descriptor.Id && Equals(x?.Location, y?.Location) && FirstArgument(x) == FirstArgument(y);

        private static string? FirstArgument(DiagnosticInfo? d) => d is { Arguments.Count: > 0 } ? d.Arguments[0] : null;

        public int GetHashCode(DiagnosticInfo obj) => obj.Descriptor.Id.GetHashCode() ^ (obj.Location?.GetHashCode() ?? 0);
    }

    private static void Generate(SourceProductionContext output, DerivedMethod method, EquatableArray<Unavailable> unavailable)
    {
        var diagnostics = method.Diagnostics.ToList();
        var functions = method.Functions.ToList();
        foreach (Unavailable missing in unavailable.Where(u => u.HintName == method.Model.HintName))
        {
            int index = functions.FindIndex(f => f.Name == missing.Function);
            if (missing.Instead is int choice)
            {
                // Generated with a fallback (the Jacobian by scalar sweeps): no diagnostic; the left-out callee has its own.
                functions[index] = functions[index].Choice(choice);
                continue;
            }
            functions.RemoveAt(index);
            DiagnosticInfo reason = DerivedMethod.Unavailable(method.Model, missing.Function, missing.Missing);
            // Backward fails with Pullback, whose own error says why.
            if (reason.Descriptor.DefaultSeverity != DiagnosticSeverity.Error || missing.Missing.Callee != method.Model.HintName)
            {
                diagnostics.Add(reason);
            }
        }
        string? source = null;
        if (method.Generated && !diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            try
            {
                source = SourceFileEmitter.Emit(method.Model, functions);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                diagnostics.Add(InternalError.From(exception, method.Model.Location, method.Model.Name));
            }
        }
        string? graph = source is null || !method.Model.Wants(VariantFlags.Graph) ? null : GraphSource(method.Model, diagnostics);
        foreach (DiagnosticInfo diagnostic in diagnostics.Distinct(new SameIdAndLocation()))
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
        if (source is not null)
        {
            output.AddSource(method.Model.HintName, source);
        }
        if (graph is not null)
        {
            output.AddSource(GraphVariant.HintName(method.Model.HintName), graph);
        }
    }

    /// <summary>The computational graph's file (FGraph and its recorder), or null; a failure fails only the graph.</summary>
    private static string? GraphSource(MethodModel model, List<DiagnosticInfo> diagnostics)
    {
        try
        {
            IReadOnlyList<FunctionModel> functions = GraphVariant.Of(model, diagnostics);
            return functions.Count == 0 ? null : SourceFileEmitter.Emit(model, functions, "the computational graph");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.From(exception, model.Location, model.Name + GraphVariant.Suffix));
            return null;
        }
    }
}
