using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>Checks the method's shape (static, non-generic, partial containers, supported types) and describes its signature.</summary>
internal static class SignatureParser
{
    public static EquatableArray<ContainerModel> Containers(MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        var containers = new List<ContainerModel>();
        foreach (TypeDeclarationSyntax type in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.TypeNotPartial, LocationInfo.From(type.Identifier), type.Identifier.Text, syntax.Identifier.Text));
            }
            containers.Insert(0, new ContainerModel(Declaration(type), type.Identifier.Text));
        }
        return containers.ToEquatableArray();
    }

    /// <summary>
    /// Reports a generic or an instance method (each its own root cause, reported alone: nothing else about the method
    /// is checked) and returns false for it; otherwise checks the method's modifiers and return type.
    /// </summary>
    public static bool CheckMethod(IMethodSymbol method, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        LocationInfo? at = LocationInfo.From(syntax.Identifier);
        string name = method.Name;
        ITypeParameterSymbol? nonFloating = method.TypeParameters.FirstOrDefault(t => !Types.IsFloatingPoint(t));
        if (nonFloating is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.GenericMethod, at, name, nonFloating.Name));
        }
        string? instanceProblem = InstanceProblem(method);
        if (instanceProblem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InstanceMethod, at, name, instanceProblem));
        }
        if (nonFloating is not null || instanceProblem is not null)
        {
            return false;
        }
        if (method.IsAsync)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, at, name, "async methods are not supported; await in the caller and pass the result in"));
        }
        if (syntax.Modifiers.Any(SyntaxKind.UnsafeKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, at, name, "unsafe code is not supported; use arrays or spans instead of pointers"));
        }
        if (method.IsExtern)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, at, name, "it is extern, so SourceAD cannot see its body; give it a C# body or a [DerivativeOf] pullback"));
        }
        else if (syntax.Body is null && syntax.ExpressionBody is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, at, name, "it has no body; SourceAD differentiates the body of the method"));
        }
        bool outputs = method.Parameters.Any(Types.IsOutput);
        AggregateParameter? result = AggregateSignature.ResultOf(method, out string? resultProblem);
        if (Types.Map(method.ReturnType) is not ({ IsFloating: true } or { IsObject: true }) && !(outputs && method.ReturnsVoid) && result is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturnType, LocationInfo.From(syntax.ReturnType), Types.Display(method.ReturnType), name,
                resultProblem is null ? "" : " (as a struct result: " + resultProblem + ")"));
        }
        return true;
    }

    public static EquatableArray<ParameterModel> Parameters(IMethodSymbol method, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        var parameters = new List<ParameterModel>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            ParameterSyntax parameterSyntax = syntax.ParameterList.Parameters[i];
            bool differentiable = Types.IsDifferentiable(parameter);
            string modifier = "";
            if (parameter.RefKind != RefKind.None)
            {
                SyntaxToken token = parameterSyntax.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword));
                if (differentiable || parameter.RefKind is RefKind.Ref or RefKind.Out)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Descriptors.RefParameter, LocationInfo.From(token), parameter.Name, token.Text)
                        .With(PropertyNames.Parameter, parameter.Name));
                }
                modifier = "in";
            }
            if (!differentiable && Unsupported(parameter) is { } reason)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedParameterType, LocationInfo.From(parameterSyntax.Type!), parameter.Name, Types.Display(parameter.Type), reason)
                    .With(PropertyNames.Parameter, parameter.Name));
            }
            bool output = Types.IsOutput(parameter);
            TypeRef type = Types.Map(parameter.Type);
            if (output && !(type is { IsBuffer: true, Element.IsFloating: true } && !type.Name.Contains("ReadOnlySpan")))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedParameterType, LocationInfo.From(parameterSyntax.Type!), parameter.Name, Types.Display(parameter.Type), "it is marked [Output], and an output must be a Span<double>, Span<float>, double[] or float[]")
                    .With(PropertyNames.Parameter, parameter.Name));
            }
            parameters.Add(new ParameterModel(parameter.Name, type, differentiable, modifier, output));
            string? taken = differentiable
                ? new[] { "d" + parameter.Name, parameter.Name + "Dot" }.FirstOrDefault(n => method.Parameters.Any(other => other.Name == n))
                : null;
            if (taken is not null || ReservedNames.Contains(parameter.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.GradientNameCollision, LocationInfo.From(parameterSyntax.Identifier),
                        taken is null ? "'" + parameter.Name + "' is the name of a parameter of the generated methods" : "The gradient or tangent of parameter '" + parameter.Name + "' is named '" + taken + "', which is already the name of a parameter")
                    .With(PropertyNames.Parameter, parameter.Name));
            }
        }
        return parameters.ToEquatableArray();
    }

    /// <summary>Names the generated methods give their own parameters.</summary>
    private static readonly HashSet<string> ReservedNames = new() { "dResult", "resultDot", "gradient", "hessian", "hessianVector", "jacobian" };

    /// <summary>
    /// Why a parameter can be neither differentiated nor safely passed through, or null: pointers, and any type that
    /// can hold floating-point state SourceAD does not differentiate (decimal, a tuple, object, a multi-dimensional
    /// array, a struct with a member of such a type), which would otherwise be a silent constant. Structs, records and
    /// classes of the compilation are read member by member (<see cref="AggregateLayout"/>). [NoDiff] says the
    /// parameter carries no derivative, and then it may be passed through.
    /// </summary>
    private static string? Unsupported(IParameterSymbol parameter)
    {
        ITypeSymbol type = parameter.Type;
        if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return "pointers are not differentiated; use arrays or spans";
        }
        if (Types.HasAttribute(parameter, Types.NoDiffAttribute) || !Types.Map(type).OtherHoldsState)
        {
            return null;
        }
        if (AggregateSignature.AggregateOf(parameter, out string? reason) is not null)
        {
            return null;
        }
        if (reason is not null)
        {
            return reason;
        }
        return AggregateLayout.IsCandidate(type) && parameter.RefKind == RefKind.None
            ? null // a struct or class whose members carry no derivative: passed through
            : "a value of this type can hold floating-point values SourceAD does not differentiate (it differentiates double, float, arrays and spans of them, Tensor, and structs, records and classes declared in the compilation built from those)";
    }

    /// <summary>Why an instance method's instance cannot be followed, or null (a static method, or an instance SourceAD reads).</summary>
    private static string? InstanceProblem(IMethodSymbol method)
    {
        if (method.IsStatic)
        {
            return null;
        }
        AggregateLayout.Of(method.ContainingType, out string? reason);
        if (reason is not null)
        {
            return "the members of '" + Types.Display(method.ContainingType) + "' cannot be followed: " + reason;
        }
        return AggregateLayout.IsCandidate(method.ContainingType) ? null
            : "SourceAD differentiates instance methods of partial classes, structs and records declared in the compilation";
    }

    public static string Declaration(TypeDeclarationSyntax type)
    {
        string keyword = type switch
        {
            RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
            _ => type.Keyword.Text,
        };
        string typeParameters = type.TypeParameterList?.ToString() ?? "";
        return "partial " + keyword + " " + type.Identifier.Text + typeParameters;
    }

    /// <summary>A generic method's type parameter list and constraint clauses as C# spells them (empty for a non-generic one).</summary>
    public static (string TypeParameters, string Constraints) Generics(MethodDeclarationSyntax syntax, IMethodSymbol method)
    {
        if (!method.IsGenericMethod)
        {
            return ("", "");
        }
        string constraints = string.Join(" ", method.TypeParameters.Select(t =>
            "where " + t.Name + " : " + string.Join(", ", t.ConstraintTypes.Select(Types.FullName)
                .Concat(t.HasUnmanagedTypeConstraint ? new[] { "unmanaged" } : t.HasValueTypeConstraint ? new[] { "struct" } : new string[0]))));
        return ("<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">", constraints);
    }

    public static string Accessibility(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
