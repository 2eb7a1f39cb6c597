using QNet.Physics.Hardware;

namespace QNet.Qkd.Tests;

/// <summary>The link of the decoy-state papers' GYS experiment, as in the issue: 0.21 dB/km, η_Bob 4.5 %, Y0 1.7e-6, e_d 3.3 %.</summary>
internal static class QkdTestLinks
{
    public static QkdLink Gys(double km) =>
        new(new FiberChannel(km * 1000, 0.21), Detector.WithDarkCountProbability(0.045, 1.7e-6, 0.033));
}
