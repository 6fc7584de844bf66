using System;
using System.IO;
using System.Linq;
using Quickstart;
using SourceAD;

const double x = 1, t = 0, eta = 0.1;
double w1 = 0.5, w2 = 0.5;

// 1. The generated LossBackward returns the loss and one gradient per differentiable parameter.
double loss = TwoWeightNetwork.LossBackward(w1, w2, x, t, out double dw1, out double dw2);
Console.WriteLine("Two-weight network, w1 = w2 = 0.5, x = 1, t = 0");
Console.WriteLine($"  L      = {loss,-22:R} (published 0.0484; exact 0.04843195237503251)");
Console.WriteLine($"  dL/dw2 = {dw2,-22:R} (published 0.1938; exact 0.19372780950013005)");
Console.WriteLine($"  dL/dw1 = {dw1,-22:R} (published 0.0365; exact 0.036570063381739404)");

// 2. Gradient descent: w ← w − η·∂L/∂w.
Console.WriteLine();
Console.WriteLine($"Ten SGD steps, learning rate {eta}");
for (int step = 1; step <= 10; step++)
{
    TwoWeightNetwork.LossBackward(w1, w2, x, t, out dw1, out dw2);
    w1 -= eta * dw1;
    w2 -= eta * dw2;
    Console.WriteLine($"  step {step,2}: L = {TwoWeightNetwork.Loss(w1, w2, x, t):F12}");
}

// 3. Check the generated gradient against central finite differences. LossGradient(x, t) is the gradient as a value:
//    a SourceAD.Gradient over (w1, w2) that keeps x and t, which GradCheck (and Sgd, Adam, LineSearch) take as it is.
Console.WriteLine();
Console.WriteLine($"Gradient check at w1 = {w1:F6}, w2 = {w2:F6}");
GradCheckReport report = GradCheck.Run(TwoWeightNetwork.LossGradient(x, t), [w1, w2], ["w1", "w2"]);
Console.WriteLine(report);
Console.WriteLine(report.Passed() ? "Gradient check passed." : "Gradient check FAILED.");

// 4. The generated code is ordinary C#: read it.
Console.WriteLine();
Console.WriteLine("Generated source:");
string? generated = FindGeneratedFile();
Console.WriteLine(generated is null
    ? "  not found; build the project first (EmitCompilerGeneratedFiles writes it under Generated/)"
    : "  " + Path.GetRelativePath(Environment.CurrentDirectory, generated));

static string? FindGeneratedFile()
{
    DirectoryInfo? project = new(AppContext.BaseDirectory);
    while (project is not null && !File.Exists(Path.Combine(project.FullName, "Quickstart.csproj")))
    {
        project = project.Parent;
    }
    if (project is null)
    {
        return null;
    }
    string folder = Path.Combine(project.FullName, "Generated", "SourceAD.Generator", "SourceAD.Generator.DifferentiableGenerator");
    return Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*.cs").OrderBy(f => f.Contains("TwoWeightNetwork", StringComparison.Ordinal) ? 0 : 1).FirstOrDefault()
        : null;
}
