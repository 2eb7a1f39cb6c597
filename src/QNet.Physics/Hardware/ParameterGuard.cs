namespace QNet.Physics.Hardware;

/// <summary>Range checks shared by the hardware parameter records; each names the parameter it rejects.</summary>
internal static class ParameterGuard
{
    public static double Probability(double value, string name)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie between 0 and 1.");
        }
        return value;
    }

    public static double NonNegative(double value, string name)
    {
        if (double.IsNaN(value) || value < 0 || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite value of at least 0.");
        }
        return value;
    }

    public static double Positive(double value, string name, bool allowInfinity = false)
    {
        if (double.IsNaN(value) || value <= 0 || (!allowInfinity && double.IsPositiveInfinity(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than 0.");
        }
        return value;
    }
}
