using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SourceAD.Samples.Mnist;

/// <summary>
/// Loss and test accuracy per epoch, drawable as an SVG chart: two panels with epoch ticks, gridlines, labelled axes,
/// a loss axis from 0 and an accuracy axis from 0% to 100%, so neither exaggerates the change.
/// </summary>
public sealed class TrainingHistory
{
    private const int PanelWidth = 460, PanelHeight = 300, Top = 78, Left = 84, Right = 24, Bottom = 48;
    private readonly List<(int Epoch, double Loss, double Accuracy)> _points = new();

    public IEnumerable<double> Accuracies => _points.Select(p => p.Accuracy);

    public void Add(int epoch, double loss, double accuracy) => _points.Add((epoch, loss, accuracy));

    /// <summary>Training loss (left) and test accuracy (right) against the epoch, under a title naming MNIST and <paramref name="setup"/>.</summary>
    public string ToSvg(string setup)
    {
        if (_points.Count == 0)
        {
            throw new InvalidOperationException("Expected at least one epoch to plot, but the history is empty.");
        }
        var svg = new StringBuilder();
        svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{2 * PanelWidth}\" height=\"{Top + PanelHeight + Bottom}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine($"<text x=\"{PanelWidth}\" y=\"22\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">MNIST handwritten digits: loss and test accuracy per epoch</text>");
        svg.AppendLine($"<text x=\"{PanelWidth}\" y=\"42\" text-anchor=\"middle\" font-size=\"12\">{Escape(setup)}</text>");
        int epochs = _points.Max(p => p.Epoch);
        double maxLoss = _points.Max(p => p.Loss);
        (int _, double lastLoss, double lastAccuracy) = _points[^1];
        Panel(svg, 0, "training loss (mean over the epoch's batches)", "loss", _points.Select(p => (p.Epoch, p.Loss)).ToList(), epochs,
            AxisTicks.Cover(0, maxLoss), "#d62728", Number, "final " + Number(lastLoss));
        Panel(svg, PanelWidth, "test accuracy", "accuracy", _points.Select(p => (p.Epoch, p.Accuracy)).ToList(), epochs,
            AxisTicks.Cover(0, 1, 10), "#1f77b4", v => (100 * v).ToString("0.#", CultureInfo.InvariantCulture) + "%",
            "final " + (100 * lastAccuracy).ToString("0.00", CultureInfo.InvariantCulture) + "%");
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, int offset, string title, string axis, List<(int Epoch, double Value)> points, int epochs,
        IReadOnlyList<double> yTicks, string colour, Func<double, string> label, string final)
    {
        double x0 = offset + Left, x1 = offset + PanelWidth - Right, y0 = Top + PanelHeight, y1 = Top + 10;
        double low = yTicks[0], high = yTicks[^1];
        double X(double epoch) => epochs == 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * (epoch - 1) / (epochs - 1);
        double Y(double v) => y0 - (y0 - y1) * (v - low) / (high - low);
        svg.AppendLine($"<text x=\"{F((x0 + x1) / 2)}\" y=\"{Top - 6}\" text-anchor=\"middle\" font-size=\"13\">{Escape(title)}</text>");
        foreach (double tick in yTicks)
        {
            svg.AppendLine($"<line x1=\"{F(x0)}\" y1=\"{F(Y(tick))}\" x2=\"{F(x1)}\" y2=\"{F(Y(tick))}\" stroke=\"#e0e0e0\"/>");
            svg.AppendLine($"<text x=\"{F(x0 - 6)}\" y=\"{F(Y(tick) + 4)}\" text-anchor=\"end\">{label(tick)}</text>");
        }
        foreach (double tick in AxisTicks.Epochs(epochs))
        {
            svg.AppendLine($"<line x1=\"{F(X(tick))}\" y1=\"{F(y0)}\" x2=\"{F(X(tick))}\" y2=\"{F(y1)}\" stroke=\"#eeeeee\"/>");
            svg.AppendLine($"<line x1=\"{F(X(tick))}\" y1=\"{F(y0)}\" x2=\"{F(X(tick))}\" y2=\"{F(y0 + 5)}\" stroke=\"black\"/>");
            svg.AppendLine($"<text x=\"{F(X(tick))}\" y=\"{F(y0 + 18)}\" text-anchor=\"middle\">{tick}</text>");
        }
        svg.AppendLine($"<line x1=\"{F(x0)}\" y1=\"{F(y0)}\" x2=\"{F(x1)}\" y2=\"{F(y0)}\" stroke=\"black\"/>");
        svg.AppendLine($"<line x1=\"{F(x0)}\" y1=\"{F(y0)}\" x2=\"{F(x0)}\" y2=\"{F(y1)}\" stroke=\"black\"/>");
        svg.AppendLine($"<text x=\"{F((x0 + x1) / 2)}\" y=\"{F(y0 + 38)}\" text-anchor=\"middle\">epoch</text>");
        svg.AppendLine($"<text transform=\"translate({F(offset + 18)},{F((y0 + y1) / 2)}) rotate(-90)\" text-anchor=\"middle\">{axis}</text>");
        string polyline = string.Join(" ", points.Select(p => $"{F(X(p.Epoch))},{F(Y(p.Value))}"));
        svg.AppendLine($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{polyline}\"/>");
        foreach ((int epoch, double value) in points)
        {
            svg.AppendLine($"<circle cx=\"{F(X(epoch))}\" cy=\"{F(Y(value))}\" r=\"3\" fill=\"{colour}\"><title>epoch {epoch}: {label(value)}</title></circle>");
        }
        (int lastEpoch, double last) = points[^1];
        svg.AppendLine($"<text x=\"{F(X(lastEpoch) - 4)}\" y=\"{F(Y(last) - 10)}\" text-anchor=\"end\" fill=\"{colour}\" font-weight=\"bold\">{Escape(final)}</text>");
    }

    private static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
