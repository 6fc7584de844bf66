using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Emit;
using SourceAD.Generator.Model;
using SourceAD.Generator.Parsing;

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
        context.RegisterSourceOutput(models, static (output, model) => Generate(output, model));
    }

    private static void Generate(SourceProductionContext output, MethodModel model)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string? source;
        try
        {
            source = MethodEmitter.Emit(model, diagnostics);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.From(exception, model.Location, model.Name));
            source = null;
        }
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
        if (source is not null)
        {
            output.AddSource(model.HintName, source);
        }
    }
}
