using System.Globalization;
using System.Text.RegularExpressions;
using QNet.ControlPlane.Telemetry;
using QNet.Sre;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>The catalogue's thresholds are bucket bounds, the shipped SLOs ask only for those, and both measurement paths use its names.</summary>
public sealed class MetricCatalogueTests
{
    [Fact]
    public void Buckets_EveryThreshold_IsABucketBound()
    {
        Assert.Contains(MetricCatalogue.FidelityThreshold, MetricCatalogue.FidelityBuckets);
        Assert.Contains(MetricCatalogue.HeraldingLatencyThresholdSeconds, MetricCatalogue.LatencyBuckets);
    }

    [Fact]
    public void ShippedSlos_TwinHistogramBucketQueries_UseCatalogueBuckets()
    {
        var buckets = new Dictionary<string, double[]>
        {
            [MetricCatalogue.HeraldingLatencySeconds] = MetricCatalogue.LatencyBuckets,
            [MetricCatalogue.LinkPairFidelity] = MetricCatalogue.FidelityBuckets,
            [MetricCatalogue.SessionPairFidelity] = MetricCatalogue.FidelityBuckets,
        };
        var pattern = new Regex("(?<metric>qnet_[a-z_]+)_bucket\\{[^}]*le=\"(?<le>[^\"]+)\"");
        int found = 0;
        foreach (string file in Directory.GetFiles(Path.Combine(QnetPaths.RepositoryRoot, "deploy", "slo"), "*.yaml"))
        {
            foreach (Match m in pattern.Matches(File.ReadAllText(file)))
            {
                if (buckets.TryGetValue(m.Groups["metric"].Value, out double[]? bounds))
                {
                    found++;
                    Assert.Contains(double.Parse(m.Groups["le"].Value, CultureInfo.InvariantCulture), bounds);
                }
            }
        }
        Assert.True(found > 0, "no twin histogram bucket query found in deploy/slo");
    }

    [Fact]
    public void LinkPair_Tallies_UseCatalogueNamesAndThresholds()
    {
        using var metrics = new TwinMetrics();

        metrics.LinkPair("a-b", fidelity: 0.85, latencySeconds: 0.001);

        var series = metrics.Tallies.All.ToList();
        Assert.Equal(1, Assert.Single(series, s => s.Metric == "qnet_link_pairs_generated_total").Value);
        Assert.Equal(1, Assert.Single(series, s => s.Metric == "qnet_heralding_latency_seconds_bucket" && s.Labels["le"] == "0.005").Value);
        Assert.Equal(1, Assert.Single(series, s => s.Metric == "qnet_link_pair_fidelity_bucket" && s.Labels["le"] == "0.9").Value);
    }

    /// <summary>String literals starting with <c>qnet_</c> that are not metric names (an ETSI extension field, the API token prefix).</summary>
    private static readonly HashSet<string> NonMetricLiterals = new(StringComparer.Ordinal) { "qnet_key_policy", "qnet_" };

    [Fact]
    public void Sources_OutsideTheCatalogue_HoldNoMetricNameLiteral()
    {
        var literal = new Regex("[$@]*\"(?<name>qnet_[A-Za-z0-9_:]*)");
        var catalogue = Path.Combine("src", "QNet.Sre", "MetricCatalogue");
        var found = new List<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(QnetPaths.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(QnetPaths.RepositoryRoot, file);
            if (relative.StartsWith(catalogue, StringComparison.Ordinal) || relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match m in literal.Matches(lines[i]))
                {
                    if (!NonMetricLiterals.Contains(m.Groups["name"].Value))
                    {
                        found.Add($"{relative}:{i + 1}: {m.Groups["name"].Value}");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "metric names outside QNet.Sre.MetricCatalogue:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Contains_ExposedSuffixes_MapToCatalogueNames()
    {
        Assert.True(MetricCatalogue.Contains("qnet_link_pairs_generated_total"));
        Assert.True(MetricCatalogue.Contains("qnet_heralding_latency_seconds_bucket"));
        Assert.True(MetricCatalogue.Contains("qnet_detector_click_ratio"));
        Assert.False(MetricCatalogue.Contains("qnet_not_a_metric_total"));
    }
}
