namespace QNet.Qkd.Theory;

/// <summary>The binary Shannon entropy h(x) = −x·log2 x − (1−x)·log2(1−x), in bits.</summary>
public static class BinaryEntropy
{
    /// <summary>
    /// h(x) for x in [0, 1]; values above 1/2 are clamped to 1/2 (h = 1) because every caller
    /// passes an error rate, and an error rate above 1/2 leaves no secret either way.
    /// Negative or NaN inputs count as 0.
    /// </summary>
    public static double Of(double x)
    {
        if (!(x > 0))
        {
            return 0;
        }
        if (x >= 0.5)
        {
            return 1;
        }
        return -x * Math.Log2(x) - (1 - x) * Math.Log2(1 - x);
    }
}
