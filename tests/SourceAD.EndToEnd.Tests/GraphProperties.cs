using SourceAD.EndToEnd.Tests.Support;
using SourceAD.Graphs;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// The generated graph (FGraph) of every end-to-end method that has one, against the method and its generated
/// gradient, at two points: the graph's result is the method's value, each input node's adjoint (from the reverse
/// sweep over the recorded nodes) is FBackward's partial derivative, and every local derivative on its edges agrees
/// with central differences of the node's own operation.
/// </summary>
public class GraphProperties
{
    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        // WrongRuleModels' rule is wrong on purpose (GeneratedGraphs checks that the graph names it).
        foreach (WrappedMethod method in VariantWrappers.Methods.Where(m => m.Has("Graph") && m.Method.DeclaringType != typeof(WrongRuleModels)))
        {
            data.Add(method.Id);
        }
        return data;
    }

    [Fact]
    public void MostScalarMethodsHaveAGraph()
    {
        int graphs = VariantWrappers.Methods.Count(m => m.Has("Graph"));
        Assert.True(graphs >= 150, $"only {graphs} graphs");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void GraphAgreesWithTheMethodAndItsGradient(string id)
    {
        WrappedMethod method = VariantWrappers.Methods.Single(m => m.Id == id);
        foreach (int seed in new[] { 1, 2 })
        {
            var random = new Random(seed);
            double[] point = Enumerable.Range(0, method.Size).Select(_ => 0.3 + 1.2 * random.NextDouble()).ToArray();
            if (Record.Exception(() => method.Value(point)) is not null)
            {
                Assert.NotNull(Record.Exception(() => method.Graph(point)));
                continue;
            }
            double[] gradient = new double[method.Size];
            double value = method.Gradient(point, gradient);
            ComputationGraph graph = method.Graph(point);
            // Float arithmetic anywhere (float parameters, casts, MathF) rounds the graph's and the pullback's orders differently.
            bool single = graph.Nodes.Any(n => n.Value.Kind == GraphValueKind.Single);
            GradientAssert.CloseOrTiny(value, graph.ResultNode.Value.Scalar, single ? 1e-6 : 0, "the graph's result");
            GraphNode[] inputs = graph.Nodes.Where(n => n.Kind == GraphNodeKind.Input).ToArray();
            Assert.Equal(method.Size, inputs.Length);
            for (int i = 0; i < inputs.Length; i++)
            {
                GradientAssert.CloseOrTiny(gradient[i], inputs[i].Adjoint.Scalar, single ? 1e-4 : 1e-10, $"the adjoint of input '{inputs[i].Label}'");
            }
            if (graph.FirstNonFinite is null)
            {
                GraphCheckReport check = graph.CheckDerivatives(tolerance: single ? 1e-2 : 1e-5);
                Assert.True(check.LocalDerivatives.All(e => e.Agrees), check.ToString());
            }
        }
    }
}
