using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using LoopKind = SourceAD.Generator.Model.LoopKind;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;
using SourceAD.Generator.Rules;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Turns the bound operation tree of a method body into the IR: statements, typed expressions, loops with ids.
/// Anything that cannot be differentiated becomes a diagnostic at its own syntax; parsing then goes on, so one
/// pass reports every problem.
/// </summary>
internal sealed partial class BodyParser
{
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Compilation _compilation;
    private readonly SemanticModel _semanticModel;
    private readonly Dictionary<ILocalSymbol, string> _localNames = new(SymbolEqualityComparer.Default);
    private readonly List<LocalModel> _locals = new();
    private readonly HashSet<string> _usedNames;
    private readonly HashSet<string> _parameterNames;
    /// <summary>The parameters derivatives are taken with respect to: their buffers must not be written (SAD0013).</summary>
    private readonly HashSet<string> _inputBuffers;
    private readonly Dictionary<ILabelSymbol, int> _labels = new(SymbolEqualityComparer.Default);
    private int _nextLoopId;

    /// <param name="inputs">The differentiable parameters (null: every parameter), whose buffers the method must not write.</param>
    public BodyParser(SemanticModel semanticModel, IEnumerable<string> parameterNames, IEnumerable<string> reservedNames, List<DiagnosticInfo> diagnostics, IEnumerable<AggregateParameter> aggregates, IEnumerable<string>? inputs = null)
    {
        _aggregates = aggregates.ToDictionary(a => a.Name);
        _inputBuffers = new HashSet<string>(inputs ?? parameterNames);
        _semanticModel = semanticModel;
        _compilation = semanticModel.Compilation;
        _parameterNames = new HashSet<string>(parameterNames);
        _usedNames = new HashSet<string>(reservedNames);
        _diagnostics = diagnostics;
    }

    public IReadOnlyList<LocalModel> Locals => _locals;

    /// <summary>Thrown when the body has compile errors: the compiler reports them, SourceAD stays silent.</summary>
    public sealed class InvalidCodeException : Exception
    {
    }

    public Block ParseBody(IMethodBodyOperation body)
    {
        // The compiler reports its errors; but a call to a method SourceAD generates (which this compilation cannot see
        // yet) is ours to read, or to explain.
        if (body.Descendants().Any(IsErroneous) && !AcceptGeneratedCalls(body))
        {
            throw new InvalidCodeException();
        }
        IBlockOperation? block = body.BlockBody ?? body.ExpressionBody;
        return block is null ? Block.Empty : WithLocalFunctions(ParseBlock(block));
    }

    /// <summary>A semantic error the compiler reports: an unbound node, an error type, an impossible conversion.</summary>
    private static bool IsErroneous(IOperation operation) =>
        operation is IInvalidOperation
        || operation.Type is { TypeKind: TypeKind.Error }
        || operation is IConversionOperation { Conversion.Exists: false };

    // ───────────────────────────── statements ─────────────────────────────

    private Block ParseBlock(IOperation? operation)
    {
        var statements = new List<Stmt>();
        if (operation is not null)
        {
            ParseStatement(operation, statements);
        }
        return new Block(statements.ToEquatableArray());
    }

    private void ParseStatement(IOperation operation, List<Stmt> into)
    {
        switch (operation)
        {
            case IBlockOperation block:
                DeclareLocals(block.Locals);
                foreach (IOperation child in block.Operations)
                {
                    ParseStatement(child, into);
                }
                break;
            case IVariableDeclarationGroupOperation group:
                ParseDeclarations(group, into);
                break;
            case IExpressionStatementOperation statement:
                into.AddRange(WithEffects(statement.Operation, into, () =>
                {
                    var own = new List<Stmt>();
                    ParseEffect(statement.Operation, own);
                    return own;
                }));
                break;
            case IConditionalOperation conditional:
                Expr test = ParseWithEffects(conditional.Condition, into);
                into.Add(new If(test, ParseBlock(conditional.WhenTrue), ParseBlock(conditional.WhenFalse), Header(conditional)));
                break;
            case IWhileLoopOperation loop:
                ParseWhile(loop, into);
                break;
            case IForLoopOperation loop:
                ParseFor(loop, into);
                break;
            case IForEachLoopOperation loop:
                ParseForEach(loop, into);
                break;
            case ISwitchOperation @switch:
                ParseSwitch(@switch, into);
                break;
            case IBranchOperation branch when branch.BranchKind is BranchKind.Break or BranchKind.Continue && _labels.TryGetValue(branch.Target, out int target):
                into.Add(branch.BranchKind == BranchKind.Break ? new Break(target, "break") : new Continue(target, "continue"));
                break;
            case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value } ret when Result is not null:
                ParseResultReturn(value, ret.Syntax, into);
                break;
            case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value } ret:
                into.Add(new Return(ParseWithEffects(value, into), Source(ret.Syntax)));
                break;
            case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: null } ret:
                into.Add(new Return(null, Source(ret.Syntax)));
                break;
            case IThrowOperation @throw when @throw.Exception is not null:
                into.Add(new Throw(ParseThrown(@throw.Exception), Source(@throw.Syntax)));
                break;
            case IEmptyOperation:
                break;
            case ILocalFunctionOperation local:
                ParseLocalFunction(local);
                break;
            case IInvalidOperation:
                throw new InvalidCodeException();
            default:
                if (!IsReportedBySyntax(operation.Syntax))
                {
                    Report(Descriptors.UnsupportedStatement, operation.Syntax, "'" + Source(operation.Syntax) + "'", "rewrite it with assignments, if/else, switch and loops");
                }
                break;
        }
    }

    private void ParseDeclarations(IVariableDeclarationGroupOperation group, List<Stmt> into)
    {
        foreach (IVariableDeclarationOperation declaration in group.Declarations)
        {
            foreach (IVariableDeclaratorOperation declarator in declaration.Declarators.Where(d => !d.Symbol.IsConst))
            {
                IVariableInitializerOperation? initializer = declarator.Initializer ?? declaration.Initializer;
                Expr? parsed = null;
                TypeRef localType = Types.Map(declarator.Symbol.Type);
                bool built = initializer is not null && (CopiedBuffer(initializer.Value) is not null || InitializerElements(initializer.Value, out _) is not null);
                if (initializer is not null && !built && TryDeclareView(declarator, initializer, out parsed))
                {
                    continue;
                }
                string name = DeclareLocal(declarator.Symbol);
                if (initializer is not null && built
                    && (TryParseCopy(name, localType, initializer.Value, Source(declarator.Syntax), declarator.Syntax, into)
                        || TryParseInitializer(name, localType, initializer.Value, Source(declarator.Syntax), declarator.Syntax, into)))
                {
                    continue;
                }
                if (initializer is not null)
                {
                    Expr value = parsed ?? ParseWithEffects(initializer.Value, into);
                    into.Add(new Assign(name, value, Source(declarator.Syntax), LocationInfo.From(declarator.Syntax)));
                }
            }
        }
    }

    private void ParseWhile(IWhileLoopOperation loop, List<Stmt> into)
    {
        DeclareLocals(loop.Locals);
        int id = DeclareLoop(loop);
        if (loop.ConditionIsUntil)
        {
            Report(Descriptors.UnsupportedStatement, loop.Syntax, "A loop with an 'until' condition", "use while or do-while");
            return;
        }
        LoopKind kind = loop.ConditionIsTop ? LoopKind.TestFirst : LoopKind.TestLast;
        var effects = new List<Stmt>();
        Expr? condition = loop.Condition is null ? null : ParseWithEffects(loop.Condition, effects);
        into.Add(LoopWithEffects(id, kind, condition, effects, ParseBlock(loop.Body), Block.Empty, Header(loop)));
    }

    private void ParseFor(IForLoopOperation loop, List<Stmt> into)
    {
        DeclareLocals(loop.Locals);
        foreach (IOperation before in loop.Before)
        {
            ParseStatement(before, into);
        }
        int id = DeclareLoop(loop);
        var effects = new List<Stmt>();
        Expr? condition = loop.Condition is null ? null : ParseWithEffects(loop.Condition, effects);
        var step = new List<Stmt>();
        foreach (IOperation bottom in loop.AtLoopBottom)
        {
            ParseStatement(bottom, step);
        }
        into.Add(LoopWithEffects(id, LoopKind.TestFirst, condition, effects, ParseBlock(loop.Body), new Block(step.ToEquatableArray()), Header(loop)));
    }

    /// <summary>A switch becomes an if/else chain inside a <see cref="Region"/> that its inner breaks can leave.</summary>
    private void ParseSwitch(ISwitchOperation @switch, List<Stmt> into)
    {
        DeclareLocals(@switch.Locals);
        int id = _nextLoopId++;
        _labels[@switch.ExitLabel] = id;
        Expr value = ParseWithEffects(@switch.Value, into);
        Block? defaultBody = null;
        var cases = new List<(Expr Condition, Block Body, string Label)>();
        foreach (ISwitchCaseOperation section in @switch.Cases)
        {
            DeclareLocals(section.Locals);
            Block body = ParseSection(section, @switch.ExitLabel);
            Expr? condition = null;
            foreach (ICaseClauseOperation clause in section.Clauses)
            {
                if (clause is IDefaultCaseClauseOperation)
                {
                    defaultBody = body;
                    continue;
                }
                Expr? test = CaseTest(value, clause);
                if (test is not null)
                {
                    condition = condition is null ? test : Sym.Or(condition, test);
                }
            }
            if (condition is not null)
            {
                cases.Add((condition, body, Source(section.Clauses[0].Syntax)));
            }
        }
        Block chain = defaultBody ?? Block.Empty;
        for (int i = cases.Count - 1; i >= 0; i--)
        {
            chain = new Block(EquatableArray.Of<Stmt>(new If(cases[i].Condition, cases[i].Body, chain, cases[i].Label)));
        }
        into.Add(new Region(id, chain, Header(@switch)));
    }

    private Block ParseSection(ISwitchCaseOperation section, ILabelSymbol exit)
    {
        var statements = new List<Stmt>();
        IReadOnlyList<IOperation> body = section.Body;
        int count = body.Count;
        if (count > 0 && body[count - 1] is IBranchOperation { BranchKind: BranchKind.Break } last && SymbolEqualityComparer.Default.Equals(last.Target, exit))
        {
            count--;
        }
        for (int i = 0; i < count; i++)
        {
            ParseStatement(body[i], statements);
        }
        return new Block(statements.ToEquatableArray());
    }

    /// <summary>An expression statement: assignments, increments, calls for their effect.</summary>
    private void ParseEffect(IOperation operation, List<Stmt> into)
    {
        string source = Source(operation.Syntax);
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment:
                Expr? simple = AssignTarget(assignment.Target);
                if (simple is Var copyTarget && (TryParseCopy(copyTarget.Name, copyTarget.Type, assignment.Value, source, operation.Syntax, into)
                    || TryParseInitializer(copyTarget.Name, copyTarget.Type, assignment.Value, source, operation.Syntax, into)))
                {
                    break;
                }
                if (simple is not null)
                {
                    into.Add(Write(simple, ParseExpression(assignment.Value), source, operation.Syntax));
                }
                break;
            case ICompoundAssignmentOperation compound:
                if (AssignTarget(compound.Target) is Expr target && Map(compound.OperatorKind) is BinaryOp compoundOp)
                {
                    Expr value = ParseExpression(compound.Value);
                    TypeRef computeIn = Promote(target.Type, value.Type);
                    Expr combined = new Binary(compoundOp, Sym.To(target, computeIn), Sym.To(value, computeIn), computeIn);
                    into.Add(Write(target, Sym.To(combined, target.Type), source, operation.Syntax));
                }
                else if (compound.OperatorMethod is null && Map(compound.OperatorKind) is null)
                {
                    Report(Descriptors.UnsupportedExpression, compound.Syntax, "The operator in '" + source + "'", "write the operation out");
                }
                break;
            case IIncrementOrDecrementOperation increment:
                if (AssignTarget(increment.Target) is Expr counter)
                {
                    BinaryOp step = increment.Kind == OperationKind.Increment ? BinaryOp.Add : BinaryOp.Subtract;
                    into.Add(Write(counter, new Binary(step, counter, Literals.One(counter.Type), counter.Type), source, operation.Syntax));
                }
                break;
            case IThrowOperation @throw when @throw.Exception is not null:
                into.Add(new Throw(ParseThrown(@throw.Exception), source));
                break;
            case IDeconstructionAssignmentOperation deconstruction when TryParseDeconstruction(deconstruction, source, into):
                break;
            case IInvalidOperation { Syntax: InvocationExpressionSyntax invocation } when !_generatedCalls.Contains(invocation):
                throw new InvalidCodeException();
            default:
                if (!TryParseCopyInto(operation, source, into) && ParseExpression(operation) is var evaluated && !ReferenceEquals(evaluated, NoValue))
                {
                    into.Add(new Evaluate(evaluated, source));
                }
                break;
        }
    }

    /// <summary>The exception a <c>throw</c> throws, without its implicit conversion to <c>Exception</c>.</summary>
    private Expr ParseThrown(IOperation exception) =>
        ParseExpression(exception is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : exception);

    private static Stmt Write(Expr target, Expr value, string source, SyntaxNode syntax) => target switch
    {
        ElementRead element => new AssignElement(((Var)element.Array).Name, element.Indices[0], value, source, LocationInfo.From(syntax)),
        _ => new Assign(((Var)target).Name, value, source, LocationInfo.From(syntax)),
    };

    /// <summary>
    /// What an assignment writes: a local or parameter (<see cref="Var"/>), or an element of a local buffer
    /// (<see cref="ElementRead"/>); null, with a diagnostic, for anything else.
    /// </summary>
    private Expr? AssignTarget(IOperation target)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                return new Var(LocalName(local.Local), Types.Map(local.Type));
            case IParameterReferenceOperation parameter:
                return new Var(parameter.Parameter.Name, Types.Map(parameter.Type));
            case IInvalidOperation:
                throw new InvalidCodeException();
            case IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true } when ParseExpression(target) is ElementRead { Array: Var buffer, Indices.Count: 1 } element:
                if (_inputBuffers.Contains(buffer.Name))
                {
                    Report(Descriptors.ParameterBufferWrite, target.Syntax, Source(target.Syntax), buffer.Name, Descriptors.InputBufferWrite);
                    return null;
                }
                return element;
            default:
                Report(Descriptors.NonLocalWrite, target.Syntax, Source(target.Syntax));
                return null;
        }
    }

    // ───────────────────────────── expressions ─────────────────────────────

    private Expr ParseExpression(IOperation operation)
    {
        TypeRef type = Types.Map(operation.Type);
        if (operation.ConstantValue.HasValue && Literals.FromConstant(operation.ConstantValue.Value, type) is Literal literal)
        {
            return literal;
        }
        switch (operation)
        {
            case ILocalReferenceOperation local when _aliases.TryGetValue(local.Local, out Expr? alias):
                return alias;
            case ILocalReferenceOperation local:
                return new Var(LocalName(local.Local), type);
            case IParameterReferenceOperation or IInstanceReferenceOperation when Root(operation) is { } whole:
                return WholeAggregate(operation, whole, type);
            case IParameterReferenceOperation parameter:
                return new Var(parameter.Parameter.Name, type);
            case IBinaryOperation binary when (binary.OperatorMethod is null || IsGenericMath(binary.OperatorMethod)) && Map(binary.OperatorKind) is BinaryOp op:
                Expr left = ParseExpression(binary.LeftOperand);
                // The right of && and || runs only when the left lets it: no effects there.
                Expr right = op is BinaryOp.And or BinaryOp.Or ? ParseConditionally(binary.RightOperand) : ParseExpression(binary.RightOperand);
                return new Binary(op, left, right, type);
            case IUnaryOperation unary when (unary.OperatorMethod is null || IsGenericMath(unary.OperatorMethod)) && Map(unary.OperatorKind) is UnaryOp op:
                return new Unary(op, ParseExpression(unary.Operand), type);
            case IBinaryOperation { OperatorMethod: { } method } binary when PullbackFinder.Find(method, NaturalTypes(binary.LeftOperand, binary.RightOperand), binary.Syntax, _compilation, _diagnostics) is { Operator: not null } callee:
                return new DiffCall(callee, EquatableArray.Of(ParseExpression(binary.LeftOperand), ParseExpression(binary.RightOperand)), type, LocationInfo.From(binary.Syntax), Source(binary.Syntax));
            case IUnaryOperation { OperatorMethod: { } method } unary when PullbackFinder.Find(method, NaturalTypes(unary.Operand), unary.Syntax, _compilation, _diagnostics) is { Operator: not null } callee:
                return new DiffCall(callee, EquatableArray.Of(ParseExpression(unary.Operand)), type, LocationInfo.From(unary.Syntax), Source(unary.Syntax));
            case IConversionOperation conversion:
                return ParseConversion(conversion, type);
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return new Conditional(ParseExpression(conditional.Condition), ParseConditionally(conditional.WhenTrue), ParseConditionally(conditional.WhenFalse), type);
            case IInvocationOperation invocation:
                return ParseInvocation(invocation, type);
            case IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true } when ListElement(operation) is { } item:
                return item;
            case IMemberReferenceOperation { ConstrainedToType: ITypeParameterSymbol constrained, Member.IsStatic: true } member:
                return new MemberRead(null, constrained.Name + "." + member.Member.Name, type);
            case IFieldReferenceOperation or IPropertyReferenceOperation when AggregateRead(operation, type) is { } read:
                return read;
            case IFieldReferenceOperation field:
                return Member(field.Instance, field.Field, type, field.Syntax);
            case IPropertyReferenceOperation property when property.Arguments.Length == 0:
                return Member(property.Instance, property.Property, type, property.Syntax);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer:
                return Element(ParseExpression(instance), ParseExpression(indexer.Arguments[0].Value), type);
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when IsIndex(element.Indices[0].Type) && IndexedElement(element.ArrayReference, element.Indices[0], type) is { } fromEnd:
                return fromEnd;
            case IImplicitIndexerReferenceOperation indexer when IsIndex(indexer.Argument.Type) && IndexedElement(indexer.Instance, indexer.Argument, type) is { } fromEnd:
                return fromEnd;
            case IImplicitIndexerReferenceOperation { Argument: IRangeOperation range } indexer when RangeOf(indexer.Instance, range) is { } view:
                return view with { Type = type };
            case IArrayElementReferenceOperation element:
                return new ElementRead(ParseExpression(element.ArrayReference), element.Indices.Select(ParseExpression).ToEquatableArray(), type);
            case IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } creation when type.Element is not null:
                return new NewBuffer(ParseExpression(creation.DimensionSizes[0]), StackAlloc: false, type);
            case { Syntax: StackAllocArrayCreationExpressionSyntax { Initializer: null } } stackAllocation when stackAllocation.ChildOperations.Count == 1:
                return new NewBuffer(ParseExpression(stackAllocation.ChildOperations.First()), StackAlloc: true, type);
            case IObjectCreationOperation { Constructor: { } constructor } creation when creation.Initializer is null:
                return ParseCreation(creation, constructor, type);
            case IDefaultValueOperation:
                return new Literal("default(" + type.Name + ")", null, type);
            case ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation:
                return ParseNestedEffect(operation, type);
            case IInvalidOperation { Syntax: InvocationExpressionSyntax invocation } when _generatedCalls.Contains(invocation):
                return ParseGeneratedCall(invocation, type);
            case IInvalidOperation:
                throw new InvalidCodeException();
            case IInterpolatedStringOperation:
                return ParseInterpolation(operation, type);
            case IAnonymousFunctionOperation or IDelegateCreationOperation { Target: IAnonymousFunctionOperation }:
                return ParseVerbatim(operation, type, "The lambda '" + Source(operation.Syntax) + "'");
            case IIsPatternOperation isPattern when ParsePatternTest(isPattern.Value, isPattern.Pattern) is { } test:
                return test;
            case ISwitchExpressionOperation switchExpression when ParseSwitchExpression(switchExpression, type) is { } chain:
                return chain;
            default:
                if (IsReportedBySyntax(operation.Syntax))
                {
                    return Placeholder(type);
                }
                // Computed as written; the soundness check makes sure it does not depend on a differentiable input.
                string kind = operation.Syntax is QueryExpressionSyntax ? "The LINQ query '" : operation.Syntax is SwitchExpressionSyntax ? "The switch expression '" : "The expression '";
                return ParseVerbatim(operation, type, kind + Source(operation.Syntax) + "'");
        }
    }

    private Expr ParseInvocation(IInvocationOperation invocation, TypeRef type)
    {
        IMethodSymbol target = invocation.TargetMethod;
        if (target.MethodKind == MethodKind.LocalFunction)
        {
            return ParseLocalFunctionCall(invocation, type);
        }
        // A generic-math static called through a type parameter (T.Sin(x)) is called through it in generated code too.
        bool generic = invocation.ConstrainedToType is ITypeParameterSymbol;
        string containing = generic ? invocation.ConstrainedToType!.Name : Types.FullName(target.ContainingType);
        bool math = (MathRules.IsMathClass(containing) || Types.Map(invocation.ConstrainedToType).Generic) && MathRules.Find(target.Name, invocation.Arguments.Length) is not null;
        if (!math && Types.HasAttribute(target, Types.DifferentiableAttribute) && AggregateSignature.ResultOf(target, out _) is not null)
        {
            // Its derivatives exist (FPullback takes the result's adjoint as a value), but a call inside another
            // differentiated method is not composed yet: an error, so that no derivative is lost.
            Report(Descriptors.UnsupportedExpression, invocation.Syntax, "The call '" + Source(invocation.Syntax) + "', to a [Differentiable] method that returns a struct,",
                "call a method that returns 'double' or 'float' for each member you need, or compute the struct's members in this method");
            return new Literal("default", null, type);
        }
        if (!math && Types.HasAttribute(target, Types.DifferentiableAttribute) && AggregateSignature.IsFlat(target))
        {
            return FlatCall(invocation, type);
        }
        Callee? callee = math ? null
            : PullbackFinder.Find(target, NaturalTypes(invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Value).ToArray()), invocation.Syntax, _compilation, _diagnostics);
        List<Argument> arguments = ParseArguments(invocation.Arguments, forDerivative: math || callee is not null, writable: true);
        EquatableArray<Expr> args = arguments.Select(a => a.Value).ToEquatableArray();
        if (math)
        {
            return new MathCall(containing, target.Name, args, type);
        }
        if (callee is { IsRule: false })
        {
            ReportWrittenBufferArguments(target, invocation);
        }
        if (callee is not null)
        {
            // A rule takes the arguments as they are (its parameter types chose the overload): not the conversions the
            // call applies to reach the function's parameter types (double[] to IEnumerable<double>, say). A conversion
            // the user wrote, (double)(object)v, stays: it is the argument's value.
            var implicitConversions = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Value is IConversionOperation { IsImplicit: true }).ToList();
            var natural = args.Select((a, i) => a is Model.Convert conversion && (i >= implicitConversions.Count || implicitConversions[i]) ? conversion.Operand : a).ToEquatableArray();
            return new DiffCall(callee, natural, type, LocationInfo.From(invocation.Syntax), Source(invocation.Syntax));
        }
        if (containing == "global::System.Convert" && target.Name is "ToDouble" or "ToSingle" && args.Count == 1 && args[0].Type.IsFloating)
        {
            return Sym.To(args[0], type);
        }
        if (AsSlice(target, args, type) is Slice slice)
        {
            return slice;
        }
        string name = target.Name + TypeArguments(target);
        if (target.Name == "Slice" && invocation.Instance is not null && type.IsBuffer)
        {
            var withReceiver = new[] { ParseExpression(invocation.Instance) }.Concat(args).ToEquatableArray();
            if (AsSlice(target, withReceiver, type) is Slice spanSlice)
            {
                return spanSlice;
            }
        }
        Opaque flow = CallFlow(target, invocation.Instance, arguments, invocation.Syntax);
        var kinds = arguments.Any(a => a.Kind != PassedBy.Value) ? arguments.Select(a => a.Kind).ToEquatableArray() : default;
        OpaqueCall call = target.IsStatic || invocation.Instance is null
            ? new OpaqueCall(null, containing + "." + name, args, type, flow, kinds)
            : new OpaqueCall(ParseExpression(invocation.Instance), name, args, type, flow, kinds);
        return kinds.Count > 0 ? HoistCall(call, arguments, invocation) : call;
    }

    /// <summary><c>array.AsSpan(start[, length])</c> and <c>span.Slice(start[, length])</c> over a floating-point buffer.</summary>
    private static Slice? AsSlice(IMethodSymbol target, EquatableArray<Expr> args, TypeRef type)
    {
        bool asSpan = target.Name == "AsSpan" && target.ContainingType.ToDisplayString() == "System.MemoryExtensions";
        bool slice = target.Name == "Slice" && type.IsBuffer;
        if (!(asSpan || slice) || !type.IsBuffer || args.Count is 0 or > 3 || !args[0].Type.IsBuffer || args.Skip(1).Any(a => a.Type.Kind != ValueKind.Integer))
        {
            return null;
        }
        return SliceOf(args[0], args.Count > 1 ? args[1] : null, args.Count > 2 ? args[2] : null, type);
    }

    /// <summary>
    /// An argument in the IR, whether the callee may write floating-point state through it, how it is passed, and (for
    /// <c>out</c>/<c>ref</c>) the copies into and out of the temporary passed in its place.
    /// </summary>
    private readonly record struct Argument(Expr Value, bool MayWrite, PassedBy Kind = PassedBy.Value, Stmt? CopyIn = null, Stmt? CopyOut = null);

    /// <param name="arguments">The arguments.</param>
    /// <param name="forDerivative">Whether the callee is differentiated (its params array then becomes a local buffer).</param>
    /// <param name="writable">Whether out/ref arguments are allowed (a call without a derivative; not a constructor).</param>
    private List<Argument> ParseArguments(IEnumerable<IArgumentOperation> arguments, bool forDerivative, bool writable = false)
    {
        var result = new List<Argument>();
        foreach (IArgumentOperation argument in arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
            {
                if (forDerivative || !writable)
                {
                    Report(Descriptors.UnsupportedExpression, argument.Syntax, "The argument '" + Source(argument.Syntax) + "'",
                        forDerivative ? "a function with a derivative takes plain values (no ref/out arguments)" : "pass plain values (no ref/out arguments)");
                }
                else if (ParsePassedByReference(argument) is Argument passed)
                {
                    result.Add(passed);
                }
                continue;
            }
            Expr value = argument.ArgumentKind == ArgumentKind.ParamArray ? ParseParams(argument, forDerivative) : ParseExpression(argument.Value);
            result.Add(new Argument(value, argument.ArgumentKind != ArgumentKind.ParamArray && MayWriteThrough(argument.Parameter)));
        }
        return result;
    }

    private Expr Member(IOperation? instance, ISymbol member, TypeRef type, SyntaxNode syntax)
    {
        if (member.IsStatic || instance is null)
        {
            return new MemberRead(null, Types.FullName(member.ContainingType) + "." + member.Name, type);
        }
        Expr receiver = ParseExpression(instance);
        return receiver is Slice view && member.Name == "Length" ? LengthOf(view) : new MemberRead(receiver, member.Name, type, LocationInfo.From(syntax));
    }

    /// <summary>The types of the values, before the implicit conversions the call applies to them.</summary>
    private static ITypeSymbol?[] NaturalTypes(params IOperation[] values) => values.Select(v =>
    {
        while (v is IConversionOperation { IsImplicit: true } conversion)
        {
            v = conversion.Operand;
        }
        return v.Type;
    }).ToArray();

    /// <summary>An operator of floating-point generic math (<c>x * y</c> for a <c>T : IFloatingPointIeee754&lt;T&gt;</c>): a built-in for the IR.</summary>
    private static bool IsGenericMath(IMethodSymbol method) =>
        method.IsStatic && method.ContainingType.TypeKind == TypeKind.Interface && method.ContainingNamespace?.ToDisplayString() == "System.Numerics";

    private static string TypeArguments(IMethodSymbol method) =>
        method.IsGenericMethod ? "<" + string.Join(", ", method.TypeArguments.Select(Types.FullName)) + ">" : "";

    private static Expr Placeholder(TypeRef type) => new Literal("default(" + type.Name + ")", null, type);

    // ───────────────────────────── operators ─────────────────────────────

    private static BinaryOp? Map(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => BinaryOp.Add,
        BinaryOperatorKind.Subtract => BinaryOp.Subtract,
        BinaryOperatorKind.Multiply => BinaryOp.Multiply,
        BinaryOperatorKind.Divide => BinaryOp.Divide,
        BinaryOperatorKind.Remainder => BinaryOp.Remainder,
        BinaryOperatorKind.LessThan => BinaryOp.Less,
        BinaryOperatorKind.LessThanOrEqual => BinaryOp.LessOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOp.Greater,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOperatorKind.Equals => BinaryOp.Equal,
        BinaryOperatorKind.NotEquals => BinaryOp.NotEqual,
        BinaryOperatorKind.ConditionalAnd => BinaryOp.And,
        BinaryOperatorKind.ConditionalOr => BinaryOp.Or,
        BinaryOperatorKind.And => BinaryOp.BitwiseAnd,
        BinaryOperatorKind.Or => BinaryOp.BitwiseOr,
        BinaryOperatorKind.ExclusiveOr => BinaryOp.ExclusiveOr,
        BinaryOperatorKind.LeftShift => BinaryOp.LeftShift,
        BinaryOperatorKind.RightShift => BinaryOp.RightShift,
        _ => null,
    };

    private static UnaryOp? Map(UnaryOperatorKind kind) => kind switch
    {
        UnaryOperatorKind.Minus => UnaryOp.Negate,
        UnaryOperatorKind.Plus => UnaryOp.Plus,
        UnaryOperatorKind.Not => UnaryOp.Not,
        UnaryOperatorKind.BitwiseNegation => UnaryOp.BitwiseNot,
        _ => null,
    };

    /// <summary>The type C# computes a compound assignment in: the wider of the two operand types.</summary>
    private static TypeRef Promote(TypeRef a, TypeRef b)
    {
        if (a.Name == "double" || b.Name == "double") return TypeRef.Double;
        if (a.Name == "float" || b.Name == "float") return TypeRef.Float;
        return a;
    }

    // ───────────────────────────── names and locations ─────────────────────────────

    private void DeclareLocals(IEnumerable<ILocalSymbol> locals)
    {
        foreach (ILocalSymbol local in locals)
        {
            if (!local.IsConst)
            {
                DeclareLocal(local);
            }
        }
    }

    private string DeclareLocal(ILocalSymbol local)
    {
        if (_localNames.TryGetValue(local, out string? existing))
        {
            return existing;
        }
        string name = UniqueName(local.Name);
        _localNames[local] = name;
        _locals.Add(new LocalModel(name, Types.Map(local.Type)));
        return name;
    }

    private string LocalName(ILocalSymbol local) => DeclareLocal(local);

    /// <summary><paramref name="preferred"/>, or with the first free suffix _2, _3, … when another local has it.</summary>
    private string UniqueName(string preferred)
    {
        string name = preferred;
        for (int suffix = 2; !_usedNames.Add(name); suffix++)
        {
            name = preferred + "_" + suffix;
        }
        return name;
    }

    private int DeclareLoop(ILoopOperation loop)
    {
        int id = _nextLoopId++;
        _labels[loop.ExitLabel] = id;
        _labels[loop.ContinueLabel] = id;
        return id;
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode syntax, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(syntax), arguments));

    /// <summary>Whether the syntax scan already reported this node or one around it.</summary>
    private bool IsReportedBySyntax(SyntaxNode syntax)
    {
        foreach (DiagnosticInfo diagnostic in _diagnostics)
        {
            if (diagnostic.Location is { } at && at.FilePath == syntax.SyntaxTree.FilePath && at.Span.Contains(syntax.Span))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A compound statement's header: its text up to its body (<c>for (…)</c>, <c>if (…)</c>, <c>switch (…)</c>).</summary>
    private static string Header(IOperation operation)
    {
        SyntaxNode syntax = operation.Syntax;
        SyntaxNode? body = syntax.ChildNodes().FirstOrDefault(n => n is StatementSyntax || n is SwitchSectionSyntax);
        string text = syntax.ToString();
        return Source(body is null ? text : text.Substring(0, body.SpanStart - syntax.SpanStart));
    }

    public static string Source(SyntaxNode syntax) => Source(syntax.ToString());

    /// <summary>Source text on one line, shortened, safe in a // comment.</summary>
    public static string Source(string text)
    {
        string oneLine = Regex.Replace(text, @"\s+", " ").Trim();
        return oneLine.Length <= 100 ? oneLine : oneLine.Substring(0, 97) + "...";
    }
}
