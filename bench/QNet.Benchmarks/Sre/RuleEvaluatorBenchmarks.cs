using BenchmarkDotNet.Attributes;
using QNet.Sre.Evaluation;
using QNet.Sre.Rules;
using QNet.Sre.Specs;

namespace QNet.Benchmarks.Sre;

/// <summary>
/// One evaluation instant of every default SLO rule group (as <c>qnet up</c> runs each minute) over three days of
/// one-minute samples for <see cref="Groups"/> links, nodes and session classes.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluatorBenchmarks
{
    private const int Minutes = 3 * 24 * 60;
    private RuleEvaluator _evaluator = null!;
    private SloEvaluator _slo = null!;
    private long _t;

    [Params(10)]
    public int Groups { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var specs = SpecParser.ParseFiles(Directory.GetFiles(Path.Combine(BenchPaths.RepositoryRoot, "deploy", "slo"), "*.yaml")).Specs!;
        var history = new InMemoryMetricHistory();
        var rnd = new Random(7);
        var counters = new Dictionary<(string, int, string), double>();
        for (var m = 0; m <= Minutes; m++)
        {
            var t = m * 60_000L;
            for (var g = 0; g < Groups; g++)
            {
                Add(history, counters, "qnet_link_pairs_generated_total", g, "link", "", t, 600 + rnd.Next(60));
                Add(history, counters, "qnet_session_requests_total", g, "session_class", "failed", t, rnd.Next(2));
                Add(history, counters, "qnet_session_requests_total", g, "session_class", "ok", t, 60);
                Add(history, counters, "qnet_session_pairs_judged_total", g, "session_class", "missed", t, rnd.Next(2));
                Add(history, counters, "qnet_session_pairs_judged_total", g, "session_class", "met", t, 100);
                Add(history, counters, "qnet_swap_attempts_total", g, "node", "", t, 100);
                Add(history, counters, "qnet_swap_successes_total", g, "node", "", t, 45);
                history.Add("qnet_link_transmittance_ratio", new Dictionary<string, string> { ["link"] = "l" + g }, t, 0.1);
                history.Add("qnet_calibration_drift_ratio", new Dictionary<string, string> { ["node"] = "n" + g }, t, 0.01);
            }
        }

        _evaluator = new RuleEvaluator(RuleBuilder.Build(specs, RuleOptions.Default), history);
        _slo = new SloEvaluator(specs, history, new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(Minutes * 60_000L)));
        _t = (Minutes - 60) * 60_000L;
    }

    [Benchmark]
    public int EvaluateAllDefaultRulesOnce()
    {
        _t += 60_000;
        _evaluator.EvaluateAt(_t);
        return _evaluator.Alerts.Count;
    }

    /// <summary>Error budgets of every default SLO and group (28- and 30-day periods, 3 days of data, slices of 5 minutes).</summary>
    [Benchmark]
    public int StatusOfAllDefaultSlos() => _slo.Status().Count;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static void Add(InMemoryMetricHistory h, Dictionary<(string, int, string), double> c, string metric, int g, string label, string extra, long t, double inc)
    {
        var key = (metric, g, extra);
        var v = c.GetValueOrDefault(key) + inc;
        c[key] = v;
        var labels = new Dictionary<string, string> { [label] = label[0] + g.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (metric == "qnet_session_requests_total")
        {
            labels["outcome"] = extra;
        }
        else if (metric == "qnet_session_pairs_judged_total")
        {
            labels["target"] = extra;
        }
        else if (extra.Length > 0)
        {
            labels["le"] = extra;
        }

        h.Add(metric, labels, t, v);
    }
}
