namespace QNet.Agent.Telemetry.Vendor;

/// <summary>How a vendor's device controller writes its telemetry.</summary>
public enum VendorFormat
{
    /// <summary>One JSON object per line; the mapping's <c>fields</c> say which keys hold the metric, value, time and labels.</summary>
    JsonLines,

    /// <summary>The Prometheus text exposition format (version 0.0.4), as a device's own <c>/metrics</c> page serves it.</summary>
    PrometheusText,
}

/// <summary>Wire names of <see cref="VendorFormat"/> as mapping files write them.</summary>
public static class VendorFormatNames
{
    private static readonly Dictionary<VendorFormat, string> Names = new()
    {
        [VendorFormat.JsonLines] = "json-lines",
        [VendorFormat.PrometheusText] = "prometheus-text",
    };

    /// <summary>Every wire name, for error messages.</summary>
    public static IReadOnlyCollection<string> All => Names.Values;

    /// <summary>The wire name of <paramref name="format"/>.</summary>
    public static string Name(VendorFormat format) => Names[format];

    /// <summary>The format a wire name names, or null.</summary>
    public static VendorFormat? Parse(string text)
    {
        foreach (var (format, name) in Names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                return format;
            }
        }

        return null;
    }
}
