using System.Globalization;
using System.Xml.Linq;
using SourceAD.Graphs;
using SourceAD.Samples.Graphs;
using SourceAD.Samples.Mnist;

namespace SourceAD.Browser.Tests;

/// <summary>The SVGs as a person sees them: rendered by headless Chromium to a PNG, at their size, not blank, with the labels in the text.</summary>
public sealed class SvgInBrowserTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly (byte, byte, byte) DerivativePurple = (0x6a, 0x1b, 0x9a), ResultGreen = (0x1b, 0x5e, 0x20), NonFiniteRed = (0xd3, 0x2f, 0x2f);

    [Fact]
    public void SeedGraph_RendersAtItsSizeWithTextInEveryNode()
    {
        string svg = Seeds.JGraph(5, 3, 2).ToSvg();
        XDocument document = XDocument.Parse(svg);
        string[] texts = document.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        foreach (string label in new[] { "u = b * c", "v = a + u", "return 3 * v", "= 33", "∂J/∂a = 3", "∂J/∂b = 6", "∂J/∂c = 9", "∂u/∂b = 2" })
        {
            Assert.Contains(label, texts);
        }

        (Png png, int width, int height) = Render(svg, document);
        Assert.Equal((width, height), (png.Width, png.Height));
        double ink = png.InkIn(0, 0, png.Width, png.Height);
        Assert.InRange(ink, 0.02, 0.6);
        foreach (XElement rect in document.Descendants(Svg + "g").Where(g => g.Attribute("data-node") is not null).Select(g => g.Element(Svg + "rect")!))
        {
            int x = Coordinate(rect, "x"), y = Coordinate(rect, "y"), w = Coordinate(rect, "width"), h = Coordinate(rect, "height");
            Assert.True(png.InkIn(x + 6, y + 6, w - 12, h - 12) > 0.03, $"no text drawn in the node at {x},{y}");
        }
        Assert.True(png.Contains(DerivativePurple), "the derivatives (purple) are not drawn");
        Assert.True(png.Contains(ResultGreen), "the result's outline (green) is not drawn");
        Assert.False(png.Contains(NonFiniteRed), "a finite graph has red in it");
    }

    [Fact]
    public void NonFiniteGraph_ShowsRed()
    {
        var g = new GraphBuilder("F");
        int x = g.Input("x", -1.0);
        int r = g.Operation("r = Math.Sqrt(x)", "Math.Sqrt", Math.Sqrt(-1.0), [(x, 0.5 / Math.Sqrt(-1.0))]);
        int f = g.Operation("return 2 * r", "*", 2 * Math.Sqrt(-1.0), [(r, 2.0)], variable: "F");
        string svg = g.Build(f).ToSvg();
        (Png png, _, _) = Render(svg, XDocument.Parse(svg));
        Assert.True(png.Contains(NonFiniteRed));
    }

    [Fact]
    public void MnistPlot_HasTicksGridlinesLabelledAxesAndAnHonestAccuracyAxis()
    {
        var history = new TrainingHistory();
        for (int epoch = 1; epoch <= 10; epoch++)
        {
            history.Add(epoch, 0.02 + 0.13 / epoch, 0.90 + 0.004 * epoch);
        }
        string svg = history.ToSvg("8,000 training and 2,000 test digits, SGD");
        XDocument document = XDocument.Parse(svg);
        string[] texts = document.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.Contains(texts, t => t.Contains("MNIST", StringComparison.Ordinal));
        Assert.Contains("epoch", texts);
        Assert.Contains("loss", texts);
        Assert.Contains("accuracy", texts);
        Assert.Contains("0%", texts);
        Assert.Contains("100%", texts);
        Assert.Contains("50%", texts);
        Assert.All(Enumerable.Range(1, 10), e => Assert.True(texts.Count(t => t == e.ToString(CultureInfo.InvariantCulture)) >= 2, $"epoch tick {e}"));
        Assert.True(document.Descendants(Svg + "line").Count(l => (string?)l.Attribute("stroke") is "#e0e0e0") >= 10, "gridlines");

        (Png png, int width, int height) = Render(svg, document);
        Assert.Equal((width, height), (png.Width, png.Height));
        Assert.InRange(png.InkIn(0, 0, png.Width, png.Height), 0.01, 0.5);
        Assert.True(png.Contains((0xd6, 0x27, 0x28)) && png.Contains((0x1f, 0x77, 0xb4)), "both curves are drawn");
    }

    [Fact]
    public void Sample_WritesEveryFileAndAPageThatRenders()
    {
        string output = Directory.CreateTempSubdirectory("sourcead-graphs-").FullName;
        var (exitCode, stdout, error) = ExternalProgram.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Graphs.dll"), "--out", output]);
        Assert.True(exitCode == 0, error);
        Assert.Contains("seed-graph: J = 33", stdout);
        foreach (string name in new[] { "seed-graph", "two-weight-network", "logistic-regression" })
        {
            foreach (string extension in new[] { ".svg", ".dot", ".mmd" })
            {
                Assert.True(File.Exists(Path.Combine(output, name + extension)), name + extension);
            }
        }
        string page = Path.Combine(output, "index.html");
        Assert.Equal(4, File.ReadAllText(page).Split("<svg ").Length - 1);
        Png png = Chromium.Screenshot(page, 1400, 1800);
        Assert.InRange(png.InkIn(0, 0, png.Width, png.Height), 0.01, 0.6);
        Assert.True(png.Contains(DerivativePurple));
        Directory.Delete(output, recursive: true);
    }

    private static (Png Png, int Width, int Height) Render(string svg, XDocument document)
    {
        int width = Coordinate(document.Root!, "width"), height = Coordinate(document.Root!, "height");
        string file = Path.Combine(Directory.CreateTempSubdirectory("sourcead-svg-").FullName, "picture.svg");
        File.WriteAllText(file, svg);
        try
        {
            return (Chromium.Screenshot(file, width, height), width, height);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private static int Coordinate(XElement element, string attribute) =>
        (int)Math.Ceiling(double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture));
}
