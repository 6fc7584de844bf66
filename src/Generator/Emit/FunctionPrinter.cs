using System.Linq;
using SourceAD.Generator.Model;
using SourceAD.Generator.Transforms;

namespace SourceAD.Generator.Emit;

/// <summary>Prints a generated method: its XML doc summary, the GeneratedCode attribute, its signature and its body.</summary>
internal static class FunctionPrinter
{
    public static readonly string Version = typeof(FunctionPrinter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static string GeneratedCodeAttribute => "[global::System.CodeDom.Compiler.GeneratedCode(\"SourceAD\", \"" + Version + "\")]";

    public static void Print(FunctionModel function, CodeWriter code)
    {
        code.Line("/// <summary>");
        foreach (string line in function.Summary)
        {
            code.Line("/// " + line);
        }
        code.Line("/// </summary>");
        foreach (FunctionParameter parameter in function.Parameters)
        {
            string doc = parameter.Doc.Length > 0 ? parameter.Doc : "as the differentiated method takes it";
            code.Line("/// <param name=\"" + parameter.Name + "\">" + doc + "</param>");
        }
        code.Line(GeneratedCodeAttribute);
        string parameters = string.Join(", ", function.Parameters.Select(Declaration));
        code.Open(function.Accessibility + " static " + function.ReturnType.Name + " " + function.Name + "(" + parameters + ")");
        StatementPrinter.Print(function.Body, code);
        code.Close();
    }

    private static string Declaration(FunctionParameter parameter)
    {
        string modifier = parameter.Kind switch
        {
            PassedBy.Ref => "ref ",
            PassedBy.Out => "out ",
            PassedBy.In => "in ",
            _ => "",
        };
        return modifier + parameter.Type.Name + " " + Names.Escape(parameter.Name) + (parameter.Default is null ? "" : " = " + parameter.Default);
    }
}
