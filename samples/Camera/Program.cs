using System;
using System.Linq;
using CameraFit;
using SourceAD;

// Twenty landmarks at known places, seen by a camera whose pose and focal length we recover from the image alone.
var rng = new Random(7);
Vec3[] points = Enumerable.Range(0, 20)
    .Select(_ => new Vec3(rng.NextDouble() * 4 - 2, rng.NextDouble() * 3, rng.NextDouble() * 4 + 2))
    .ToArray();
var truth = new Camera { Position = new Vec3(0.4, 1.2, -6), Yaw = 0.15, Focal = 1.3 };
double[] u = points.Select(p => Projection.U(truth, p) + 1e-4 * (rng.NextDouble() - 0.5)).ToArray();
double[] v = points.Select(p => Projection.V(truth, p) + 1e-4 * (rng.NextDouble() - 0.5)).ToArray();

var camera = new Camera { Position = new Vec3(0, 1, -5), Yaw = 0, Focal = 1 };
Console.WriteLine("Camera fit: position, yaw and focal length from 20 projected landmarks");
Console.WriteLine($"  start: reprojection error {camera.Reprojection(points, u, v):E3}");

// The gradient with respect to the camera is a Camera (dThis); the points' gradient is a span of Vec3.
var dpoints = new Vec3[points.Length];
var adam = new Adam(0.01f);
for (int step = 1; step <= 10000; step++)
{
    camera.ReprojectionBackward(points, u, v, out Camera dThis, dpoints);
    adam.Step(ref camera, dThis);   // every differentiable member, through the generated visitor
    if (step % 2500 == 0)   // the noise alone leaves about 1.7E-009 (twice the variance of a uniform on ±5E-5)
    {
        Console.WriteLine($"  step {step}: reprojection error {camera.Reprojection(points, u, v):E3}");
    }
}
Console.WriteLine($"  fitted:  position ({camera.Position.X:F4}, {camera.Position.Y:F4}, {camera.Position.Z:F4}), yaw {camera.Yaw:F4}, focal {camera.Focal:F4}");
Console.WriteLine($"  truth:   position ({truth.Position.X:F4}, {truth.Position.Y:F4}, {truth.Position.Z:F4}), yaw {truth.Yaw:F4}, focal {truth.Focal:F4}");

// Check the struct gradient against central differences, member by member.
Console.WriteLine();
GradCheckReport report = GradCheck.Run(
    c => c.Reprojection(points, u, v),
    c =>
    {
        c.ReprojectionBackward(points, u, v, out Camera d, new Vec3[points.Length]);
        return d;
    },
    new Camera { Position = new Vec3(0, 1, -5), Yaw = 0.1, Focal = 1 });
Console.WriteLine(report);
return report.Passed(1e-6) ? 0 : 1;
