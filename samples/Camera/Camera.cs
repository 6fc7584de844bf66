using System;
using SourceAD;

namespace CameraFit;

/// <summary>A point in world coordinates (x right, y up, z forward). A plain struct: parameters need not be partial.</summary>
public struct Vec3
{
    public double X;
    public double Y;
    public double Z;

    public Vec3(double x, double y, double z)
    {
        X = x;
        Y = y;
        Z = z;
    }
}

/// <summary>
/// A pinhole camera: where it stands, where it looks (a turn about the vertical axis) and its focal length, in units of
/// the image's half-width. Its reprojection error is an instance method, so the camera is the model: the gradient
/// with respect to it is a <see cref="Camera"/>, and it implements <c>IDifferentiableModel</c> for the optimisers.
/// </summary>
public partial struct Camera
{
    public Vec3 Position;
    public double Yaw;
    public double Focal;

    /// <summary>The mean squared distance, in the image, between where the points project and where they were seen.</summary>
    [Differentiable]
    public readonly double Reprojection(ReadOnlySpan<Vec3> points, [NoDiff] double[] u, [NoDiff] double[] v)
    {
        double sum = 0;
        for (int i = 0; i < points.Length; i++)
        {
            double du = Projection.U(this, points[i]) - u[i];
            double dv = Projection.V(this, points[i]) - v[i];
            sum += du * du + dv * dv;
        }
        return sum / points.Length;
    }
}

/// <summary>The projection, one image coordinate per method, each taking the camera and the point as structs.</summary>
public static partial class Projection
{
    /// <summary>The point's distance in front of the camera, along its viewing direction.</summary>
    [Differentiable]
    public static double Depth(Camera c, Vec3 p) => Math.Sin(c.Yaw) * (p.X - c.Position.X) + Math.Cos(c.Yaw) * (p.Z - c.Position.Z);

    [Differentiable]
    public static double U(Camera c, Vec3 p)
    {
        double right = Math.Cos(c.Yaw) * (p.X - c.Position.X) - Math.Sin(c.Yaw) * (p.Z - c.Position.Z);
        return c.Focal * right / Depth(c, p);
    }

    [Differentiable]
    public static double V(Camera c, Vec3 p) => c.Focal * (p.Y - c.Position.Y) / Depth(c, p);
}
