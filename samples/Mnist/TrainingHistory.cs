using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SourceAD.Samples.Mnist;

/// <summary>Loss and test accuracy per epoch, drawable as an SVG line chart.</summary>
public sealed class TrainingHistory
{
    private readonly List<(int Epoch, double Loss, double Accuracy)> _points = new();

    public IEnumerable<double> Accuracies => _points.Select(p => p.Accuracy);

    public void Add(int epoch, double loss, double accuracy) => _points.Add((epoch, loss, accuracy));

    /// <summary>Two panels side by side: training loss and test accuracy against the epoch.</summary>
    public string ToSvg(string title)
    {
        const int panelWidth = 420, height = 300, margin = 50;
        var svg = new StringBuilder();
        svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{2 * panelWidth}\" height=\"{height + 40}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine($"<text x=\"{panelWidth}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>");
        Panel(svg, 0, "training loss", _points.Select(p => p.Loss).ToList(), "#d62728", panelWidth, height, margin, percent: false);
        Panel(svg, panelWidth, "test accuracy", _points.Select(p => p.Accuracy).ToList(), "#1f77b4", panelWidth, height, margin, percent: true);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, int left, string label, List<double> values, string colour, int width, int height, int margin, bool percent)
    {
        double min = values.Min(), max = values.Max();
        if (max - min < 1e-12) { min -= 0.5; max += 0.5; }
        double x0 = left + margin, x1 = left + width - 20, y0 = height, y1 = 40;
        double X(int i) => values.Count == 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * i / (values.Count - 1);
        double Y(double v) => y0 - (y0 - y1) * (v - min) / (max - min);
        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        string Label(double v) => percent ? v.ToString("P1", CultureInfo.InvariantCulture) : v.ToString("F4", CultureInfo.InvariantCulture);
        svg.AppendLine($"<line x1=\"{F(x0)}\" y1=\"{F(y0)}\" x2=\"{F(x1)}\" y2=\"{F(y0)}\" stroke=\"black\"/>");
        svg.AppendLine($"<line x1=\"{F(x0)}\" y1=\"{F(y0)}\" x2=\"{F(x0)}\" y2=\"{F(y1)}\" stroke=\"black\"/>");
        svg.AppendLine($"<text x=\"{F((x0 + x1) / 2)}\" y=\"{height + 30}\" text-anchor=\"middle\">epoch — {label}</text>");
        svg.AppendLine($"<text x=\"{F(x0 - 4)}\" y=\"{F(y0)}\" text-anchor=\"end\">{Label(min)}</text>");
        svg.AppendLine($"<text x=\"{F(x0 - 4)}\" y=\"{F(y1 + 4)}\" text-anchor=\"end\">{Label(max)}</text>");
        string points = string.Join(" ", values.Select((v, i) => $"{F(X(i))},{F(Y(v))}"));
        svg.AppendLine($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"/>");
        for (int i = 0; i < values.Count; i++)
        {
            svg.AppendLine($"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(values[i]))}\" r=\"3\" fill=\"{colour}\"/>");
        }
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
