using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using LoopKind = SourceAD.Generator.Model.LoopKind;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary><c>foreach</c> over an array or span, parsed as the counted loop it is.</summary>
internal sealed partial class BodyParser
{
    /// <summary>
    /// <c>foreach (T v in c) body</c>, where c is a parameter or local array or span, becomes
    /// <c>for (int vIndex = 0; vIndex &lt; c.Length; vIndex++) { body }</c>; c may also be a span view of a buffer. Over a
    /// parameter, or a view of one (which the method cannot write), every read of v is read as <c>c[vIndex]</c>, so
    /// nothing is saved per iteration; over a local buffer the body starts with <c>v = c[vIndex]</c>, because the body
    /// may write the buffer.
    /// </summary>
    private void ParseForEach(IForEachLoopOperation loop, List<Stmt> into)
    {
        IOperation collection = loop.Collection;
        while (collection is IConversionOperation { IsImplicit: true } conversion)
        {
            collection = conversion.Operand;
        }
        ITypeSymbol? elementType = Types.ElementSymbol(collection.Type);
        if (elementType is null || collection is not (ILocalReferenceOperation or IParameterReferenceOperation)
            || loop.LoopControlVariable is not IVariableDeclaratorOperation { Symbol: { RefKind: RefKind.None } variable })
        {
            if (IsReportedBySyntax(loop.Syntax))
            {
                return; // a deconstructing foreach
            }
            Report(Descriptors.UnsupportedStatement, loop.Syntax, "A 'foreach' over '" + Source(collection.Syntax) + "'" + (loop.LoopControlVariable is IVariableDeclaratorOperation { Symbol.RefKind: not RefKind.None } ? " by reference" : ""),
                "loop by value over an array or span held in a parameter or local, or use a 'for' loop with an index");
            return;
        }

        // The collection is a buffer, or a span view of one (read element by element as the buffer it views).
        Expr source = ParseExpression(collection);
        string index = FreshLocal(variable.Name + "Index", TypeRef.Int);
        var counter = new Var(index, TypeRef.Int);
        TypeRef variableType = Types.Map(variable.Type);
        Expr element = Sym.To(Element(source, counter, Types.Map(elementType)), variableType);
        Expr length = source is Slice view ? LengthOf(view) : new MemberRead(source, "Length", TypeRef.Int);
        Expr underlying = source is Slice { Buffer: var buffer } ? buffer : source;

        into.Add(new Assign(index, Literals.Zero(TypeRef.Int), "(foreach starts)"));
        int id = DeclareLoop(loop);
        var body = new List<Stmt>();
        if (underlying is Var { Name: var name } && _parameterNames.Contains(name))
        {
            _aliases[variable] = element;
        }
        else
        {
            DeclareLocals(loop.Locals);
            body.Add(new Assign(LocalName(variable), element, Source(variable.Name) + " = " + Source(collection.Syntax) + "[" + index + "]"));
        }
        body.AddRange(ParseBlock(loop.Body).Statements);
        var condition = new Binary(BinaryOp.Less, counter, length, TypeRef.Bool);
        var step = new Assign(index, new Binary(BinaryOp.Add, counter, Literals.One(TypeRef.Int), TypeRef.Int), index + "++");
        into.Add(new Loop(id, LoopKind.TestFirst, condition, new Block(body.ToEquatableArray()), new Block(EquatableArray.Of<Stmt>(step)), Header(loop)));
    }

    /// <summary>A local the parser introduces, named <paramref name="preferred"/> unless a user name takes it.</summary>
    private string FreshLocal(string preferred, TypeRef type)
    {
        string name = UniqueName(preferred);
        _locals.Add(new LocalModel(name, type));
        return name;
    }
}
