using System.Globalization;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>Reads sample values from Prometheus text exposition.</summary>
public static class PrometheusText
{
    /// <summary>Values of every sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    public static IReadOnlyList<double> Values(string text, string metric, params (string Name, string Value)[] labels) =>
        text.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(l => labels.All(p => l.Contains($"{p.Name}=\"{p.Value}\"", StringComparison.Ordinal)))
            .Select(l => double.Parse(l[(l.LastIndexOf('}') is var b and >= 0 ? b + 1 : metric.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .ToArray();
}
