using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// <c>GJacobian(args…, jacobian)</c> of a vector-valued G called inside a <c>[Differentiable]</c> method, read as what it
/// computes: one <c>GTangent</c> per column, in the direction of the column's unit vector over the differentiable inputs
/// (flattened in order), each output's tangent copied into its rows of the column. The outer derivatives then
/// differentiate through nested tangents, which they do in all four nestings; a reverse sweep through it costs one
/// <c>GPullbackTangent</c> per column. Every output and tangent buffer is cleared before each call (SAD0022's rule), or,
/// for a G that reads what its outputs hold, set back to what they held before the call.
/// A G that also returns a value has that value's derivative as row 0 (its tangent's <c>out resultDot</c>), and the
/// call's value is what the tangents return.
/// </summary>
internal sealed partial class BodyParser
{
    private Expr ParseGeneratedJacobian(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        string name = method.Name + "Jacobian";
        if (_effects is null)
        {
            Report(Descriptors.GeneratedMethodCall, invocation, name, method.Name, "call it as a statement of its own, where it runs unconditionally");
            return NoValue;
        }
        Callee callee = PullbackFinder.Find(method, method.Parameters.Select(p => (ITypeSymbol?)p.Type).ToList(), invocation, _compilation, _diagnostics)!;
        _nestedCallees.Add(MethodParser.HintName(method));
        var arguments = invocation.ArgumentList.Arguments;
        int count = callee.ParameterNames.Count;
        if (arguments.Count != count + 1)
        {
            Report(Descriptors.GeneratedMethodCall, invocation, name, method.Name, "it takes " + (count + 1) + " arguments, and is given " + arguments.Count);
            return NoValue;
        }
        var args = new List<Expr>();
        for (int i = 0; i <= count; i++)
        {
            Expr value = GeneratedCallArgument(arguments[i], i < count ? callee.ParameterTypes[i] : callee.ParameterTypes.First(t => t.IsBuffer));
            bool written = i == count || callee.IsOutput(i);
            if (written && !(value is Var { Type.IsBuffer: true } local && !_parameterNames.Contains(local.Name)))
            {
                Report(Descriptors.GeneratedMethodCall, arguments[i], name, method.Name,
                    "it writes its argument '" + Source(arguments[i].Expression) + "': pass a local array");
                return NoValue;
            }
            args.Add(value);
        }
        var jacobian = (Var)args[count];
        TypeRef scalar = jacobian.Type.Element!;
        var arrayType = new TypeRef(scalar.Name + "[]", ValueKind.Buffer, scalar);
        Expr Size(int i) => callee.ParameterTypes[i].IsBuffer ? new MemberRead(args[i], "Length", TypeRef.Int) : Literals.One(TypeRef.Int);

        // The unit direction of each column and each output's tangent, allocated once.
        var directions = new List<(int Parameter, Var Direction)>();
        var columns = new List<(int Parameter, Var Column)>();
        Expr inputs = Literals.Zero(TypeRef.Int);
        for (int i = 0; i < count; i++)
        {
            if (callee.Differentiable[i])
            {
                TypeRef type = callee.ParameterTypes[i].IsBuffer ? arrayType : scalar;
                var direction = new Var(FreshLocal(callee.ParameterNames[i] + "Direction", type), type);
                directions.Add((i, direction));
                if (type.IsBuffer)
                {
                    _effects.Add(new Assign(direction.Name, new NewBuffer(Size(i), StackAlloc: false, arrayType), "(a unit direction per column of " + name + ")"));
                }
                inputs = Sym.Add(inputs, Size(i));
            }
            else if (callee.IsOutput(i))
            {
                var output = new Var(FreshLocal(callee.ParameterNames[i] + "Column", arrayType), arrayType);
                columns.Add((i, output));
                _effects.Add(new Assign(output.Name, new NewBuffer(Size(i), StackAlloc: false, arrayType), "(its tangent: a column of " + name + ")"));
            }
        }
        var n = new Var(FreshLocal("columns", TypeRef.Int), TypeRef.Int);
        _effects.Add(new Assign(n.Name, inputs, "(the columns of " + name + ")"));

        bool returnsValue = !callee.ReturnType.IsVoid;
        // The jacobian's length, checked as GJacobian checks it: (the value's row, then each output's) × the columns.
        Expr rowCount = returnsValue ? Literals.One(TypeRef.Int) : Literals.Zero(TypeRef.Int);
        foreach ((int i, Var _) in columns)
        {
            rowCount = Sym.Add(rowCount, Size(i));
        }
        _effects.AddRange(Checks.Length(jacobian, Sym.Mul(rowCount, n), "a row per output entry, a column per differentiable input entry of " + name));
        // What the tangents return (the call's value), and the value's tangent: row 0 of the column.
        Var? returned = returnsValue ? new Var(FreshLocal("jacobianValue", callee.ReturnType), callee.ReturnType) : null;
        Var? valueColumn = returnsValue ? new Var(FreshLocal("valueColumn", callee.ReturnType), callee.ReturnType) : null;
        var column = new Var(FreshLocal("column", TypeRef.Int), TypeRef.Int);
        var body = new List<Stmt>();
        Expr offset = Literals.Zero(TypeRef.Int);
        foreach ((int i, Var direction) in directions)
        {
            Expr at = Sym.Sub(column, offset);
            Expr inside = Sym.And(Sym.Compare(BinaryOp.GreaterOrEqual, at, Literals.Zero(TypeRef.Int)), Sym.Compare(BinaryOp.Less, at, Size(i)));
            if (direction.Type.IsBuffer)
            {
                AddZeroLoop(direction, direction.Name + " = e(" + column.Name + ")", body);
                body.Add(new If(inside, Block.Of(new AssignElement(direction.Name, at, Literals.One(scalar), "")), Block.Empty, ""));
            }
            else
            {
                body.Add(new Assign(direction.Name, new Conditional(inside, Literals.One(scalar), Literals.Zero(scalar), scalar), direction.Name + " = e(" + column.Name + ")"));
            }
            offset = Sym.Add(offset, Size(i));
        }
        foreach ((int i, Var output) in columns)
        {
            var buffer = (Var)args[i];
            if (callee.ReadsOutputs)
            {
                // G reads what its output holds: every column starts from what the buffer held before the call.
                var held = new Var(FreshLocal(buffer.Name + "Held", arrayType), arrayType);
                Expr length = new MemberRead(buffer, "Length", TypeRef.Int);
                _effects.Add(new Assign(held.Name, new NewBuffer(length, StackAlloc: false, arrayType), "(what " + buffer.Name + " holds before " + name + ")"));
                AddElementLoop(held.Name, null, length, r => new ElementRead(buffer, EquatableArray.Of<Expr>(r), scalar), held.Name + " = " + buffer.Name, "(copying starts)", _effects);
                AddElementLoop(buffer.Name, null, length, r => new ElementRead(held, EquatableArray.Of<Expr>(r), scalar), buffer.Name + " = " + held.Name, "(restoring starts)", body);
            }
            else
            {
                AddZeroLoop(buffer, "clear " + buffer.Name + " (it holds no derivative as the call starts)", body);
            }
            AddZeroLoop(output, "clear " + output.Name, body);
        }
        var tangentArgs = new List<Expr>();
        var kinds = new List<PassedBy>();
        foreach (DifferentiandParameter parameter in Signatures.Of(callee, new[] { Mode.Forward }))
        {
            if (parameter.Name == Signatures.ResultTangent)
            {
                tangentArgs.Add(valueColumn!);
                kinds.Add(PassedBy.Out);
                continue;
            }
            int primal = callee.ParameterNames.ToList().IndexOf(parameter.Name);
            int of = primal >= 0 ? -1 : Enumerable.Range(0, count).First(i => Signatures.Tangent(callee.ParameterNames[i]) == parameter.Name);
            tangentArgs.Add(primal >= 0 ? args[primal] : directions.Concat(columns).First(d => d.Item1 == of).Item2);
            kinds.Add(PassedBy.Value);
        }
        var tangentCall = new DerivativeCall(callee, EquatableArray.Of(Mode.Forward), tangentArgs.ToEquatableArray(), kinds.ToEquatableArray(), callee.ReturnType)
        {
            Location = LocationInfo.From(invocation),
        };
        body.Add(returned is not null ? new Assign(returned.Name, tangentCall, Source(invocation)) : new Evaluate(tangentCall, Source(invocation)));
        // Row r of the column: jacobian[(rows before + r)·n + column] = the output's tangent at r (after the value's, row 0).
        Expr rows = Literals.Zero(TypeRef.Int);
        if (valueColumn is not null)
        {
            body.Add(new AssignElement(jacobian.Name, column, valueColumn, jacobian.Name + "[" + column.Name + "] = the value's tangent"));
            rows = Literals.One(TypeRef.Int);
        }
        foreach ((int i, Var output) in columns)
        {
            Expr before = rows;
            AddStridedCopy(jacobian, output, r => Sym.Add(Sym.Mul(Sym.Add(before, r), n), column), jacobian.Name + "[(row) · " + n.Name + " + " + column.Name + "] = " + output.Name + "[row]", body);
            rows = Sym.Add(rows, Size(i));
        }
        // With no columns the loop computes no outputs: G itself does.
        var primalCall = new DiffCall(callee, args.Take(count).ToEquatableArray(), callee.ReturnType, LocationInfo.From(invocation), Source(invocation));
        _effects.Add(new If(Sym.Compare(BinaryOp.Equal, n, Literals.Zero(TypeRef.Int)),
            Block.Of(returned is not null ? new Assign(returned.Name, primalCall, Source(invocation)) : new Evaluate(primalCall, Source(invocation))), Block.Empty, ""));
        _effects.Add(new Assign(column.Name, Literals.Zero(TypeRef.Int), Source(invocation) + "  (one tangent per column)"));
        _effects.Add(new Loop(_nextLoopId++, LoopKind.TestFirst, Sym.Compare(BinaryOp.Less, column, n), Block.Of(body),
            Block.Of(new Assign(column.Name, new Binary(BinaryOp.Add, column, Literals.One(TypeRef.Int), TypeRef.Int), column.Name + "++")), Source(invocation)));
        return returned is null ? NoValue : returned;
    }

    /// <summary><c>for (r = 0; r &lt; from.Length; r++) target[index(r)] = from[r];</c></summary>
    private void AddStridedCopy(Var target, Var from, System.Func<Var, Expr> index, string source, List<Stmt> into)
    {
        var r = new Var(FreshLocal("row", TypeRef.Int), TypeRef.Int);
        into.Add(new Assign(r.Name, Literals.Zero(TypeRef.Int), ""));
        into.Add(new Loop(_nextLoopId++, LoopKind.TestFirst, Sym.Compare(BinaryOp.Less, r, new MemberRead(from, "Length", TypeRef.Int)),
            Block.Of(new AssignElement(target.Name, index(r), new ElementRead(from, EquatableArray.Of<Expr>(r), from.Type.Element!), source)),
            Block.Of(new Assign(r.Name, new Binary(BinaryOp.Add, r, Literals.One(TypeRef.Int), TypeRef.Int), r.Name + "++")), source));
    }
}
