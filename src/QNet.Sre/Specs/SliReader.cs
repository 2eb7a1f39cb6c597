using YamlDotNet.RepresentationModel;

namespace QNet.Sre.Specs;

/// <summary>Reads an OpenSLO SLI spec (ratioMetric or thresholdMetric with Prometheus metric sources).</summary>
internal static class SliReader
{
    public static Sli? Read(YamlFields f, YamlMappingNode? spec, string p, string name)
    {
        if (spec is null)
        {
            return null;
        }

        f.CheckKeys(spec, p, "description", "ratioMetric", "thresholdMetric");
        var ratio = f.Map(spec, "ratioMetric", p, required: false);
        var threshold = f.Map(spec, "thresholdMetric", p, required: false);
        if ((ratio is null) == (threshold is null))
        {
            f.Error(spec, p + ".ratioMetric", "exactly one of ratioMetric or thresholdMetric is required");
            return null;
        }

        if (threshold is not null)
        {
            var selector = ReadSource(f, threshold, p + ".thresholdMetric");
            return selector is null ? null : new ThresholdSli(name, selector);
        }

        var rp = p + ".ratioMetric";
        f.CheckKeys(ratio!, rp, "counter", "good", "bad", "total");
        if (f.Bool(ratio, "counter", rp) is false)
        {
            f.Error(YamlFields.Get(ratio, "counter"), rp + ".counter", "QNet reads ratio metrics as counters; counter must be true");
        }

        var goodNode = f.Map(ratio, "good", rp, required: false);
        var badNode = f.Map(ratio, "bad", rp, required: false);
        if ((goodNode is null) == (badNode is null))
        {
            f.Error(ratio, rp + ".good", "exactly one of good or bad is required");
        }

        var good = goodNode is null ? null : ReadSource(f, goodNode, rp + ".good");
        var bad = badNode is null ? null : ReadSource(f, badNode, rp + ".bad");
        var totalNode = f.Map(ratio, "total", rp, required: true);
        var total = totalNode is null ? null : ReadSource(f, totalNode, rp + ".total");
        foreach (var (sel, field) in new[] { (good, "good"), (bad, "bad"), (total, "total") })
        {
            if (sel is not null && !IsCounterName(sel.Metric))
            {
                f.Error(YamlFields.Get(ratio, field), $"{rp}.{field}", $"'{sel.Metric}' is not a counter (name ending in _total, _count or _bucket)");
            }
        }

        return total is null || (good is null && bad is null) ? null : new RatioSli(name, good, bad, total);
    }

    private static bool IsCounterName(string metric) =>
        metric.EndsWith("_total", StringComparison.Ordinal) || metric.EndsWith("_count", StringComparison.Ordinal) || metric.EndsWith("_bucket", StringComparison.Ordinal);

    private static MetricSelector? ReadSource(YamlFields f, YamlMappingNode holder, string p)
    {
        var source = f.Map(holder, "metricSource", p, required: true);
        if (source is null)
        {
            return null;
        }

        var sp = p + ".metricSource";
        f.CheckKeys(source, sp, "metricSourceRef", "type", "spec");
        var type = f.Str(source, "type", sp, required: true);
        if (type is not null && type != "Prometheus")
        {
            f.Error(YamlFields.Get(source, "type"), sp + ".type", $"'{type}' is not supported; QNet reads Prometheus metric sources");
        }

        var spec = f.Map(source, "spec", sp, required: true);
        var query = f.Str(spec, "query", sp + ".spec", required: spec is not null);
        if (query is null)
        {
            return null;
        }

        var selector = MetricSelector.TryParse(query, out var error);
        if (selector is null)
        {
            f.Error(YamlFields.Get(spec, "query"), sp + ".spec.query", error!);
        }

        return selector;
    }
}
