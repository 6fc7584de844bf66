using System;

namespace SourceAD.GradBench.Evals.Ba;

/// <summary>
/// GradBench's <c>ba</c> residuals (<c>cpp/gradbench/evals/ba.hpp</c>, from ADBench). A camera is
/// [r (Rodrigues, 3), C (centre, 3), f, u0, v0, k1, k2]; an observation of point X with weight w and feature m has the
/// reprojection error w·(project(cam, X) − m) (2 values) and the weight error 1 − w².
/// </summary>
/// <remarks>
/// The generator differentiates scalar functions, so the reprojection error is one function of the component it
/// returns (0 or 1); the Jacobian takes one reverse sweep per component, as Enzyme's BA does.
/// </remarks>
public static partial class BaObjective
{
    /// <summary>Component <paramref name="component"/> (0 = x, 1 = y) of computeReprojError.</summary>
    [Differentiable]
    public static double ReprojectionError(ReadOnlySpan<double> cam, ReadOnlySpan<double> x, double w, [NoDiff] ReadOnlySpan<double> feat, int component)
    {
        // Xo = X − C
        double o0 = x[0] - cam[3];
        double o1 = x[1] - cam[4];
        double o2 = x[2] - cam[5];
        // rodrigues_rotate_point(rot, Xo)
        double sqTheta = cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2];
        double p0;
        double p1;
        double p2;
        if (sqTheta != 0)
        {
            double theta = Math.Sqrt(sqTheta);
            double cosTheta = Math.Cos(theta);
            double sinTheta = Math.Sin(theta);
            double thetaInverse = 1.0 / theta;
            double w0 = cam[0] * thetaInverse;
            double w1 = cam[1] * thetaInverse;
            double w2 = cam[2] * thetaInverse;
            double cross0 = w1 * o2 - w2 * o1;
            double cross1 = w2 * o0 - w0 * o2;
            double cross2 = w0 * o1 - w1 * o0;
            double tmp = (w0 * o0 + w1 * o1 + w2 * o2) * (1.0 - cosTheta);
            p0 = o0 * cosTheta + cross0 * sinTheta + w0 * tmp;
            p1 = o1 * cosTheta + cross1 * sinTheta + w1 * tmp;
            p2 = o2 * cosTheta + cross2 * sinTheta + w2 * tmp;
        }
        else
        {
            p0 = o0 + (cam[1] * o2 - cam[2] * o1);
            p1 = o1 + (cam[2] * o0 - cam[0] * o2);
            p2 = o2 + (cam[0] * o1 - cam[1] * o0);
        }
        // projective2euclidean, radial_distort, then focal length and principal point.
        double u = p0 / p2;
        double v = p1 / p2;
        double rsq = u * u + v * v;
        double distortion = 1.0 + cam[9] * rsq + cam[10] * rsq * rsq;
        if (component == 0)
        {
            return w * (u * distortion * cam[6] + cam[7] - feat[0]);
        }
        return w * (v * distortion * cam[6] + cam[8] - feat[1]);
    }

    /// <summary>computeZachWeightError: 1 − w².</summary>
    [Differentiable]
    public static double WeightError(double w)
    {
        return 1 - w * w;
    }
}
