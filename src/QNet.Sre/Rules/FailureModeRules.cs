using QNet.Sre.Specs;

namespace QNet.Sre.Rules;

/// <summary>
/// The alerts of the failure modes that no SLO burn rate covers (docs/failure-modes.md): decoherence beyond its
/// threshold (F3, page), a detector clicking far above its expected rate (F5, ticket), key verification failing on a
/// QKD link (F7, page), and the predictive calibration ticket (F8). F1, F2, F4 and F6 alert through the link-down rule
/// and the SLO alerts labelled with their failure mode. Every alert carries <c>failure_mode</c> and a runbook link.
/// </summary>
internal static class FailureModeRules
{
    public const string GroupName = "qnet-failure-modes";
    public const string MemoryDecoherenceAlert = "MemoryDecoherence";
    public const string DetectorClickAnomalyAlert = "DetectorClickAnomaly";
    public const string KeyVerificationFailingAlert = "KeyVerificationFailing";
    public const string CalibrationDriftPredictedAlert = "CalibrationDriftPredicted";

    /// <summary>Measured coherence time below this share of the node's nominal T2 pages (F3).</summary>
    public const double CoherenceFloorShare = 0.5;

    /// <summary>Observed detector clicks above this multiple of the expected clicks open a ticket (F5).</summary>
    public const double ClickRatioCeiling = 2;

    /// <summary>How far ahead the calibration ticket looks: it opens this long before drift reaches its tolerance (F8).</summary>
    public static readonly TimeSpan CalibrationLookAhead = TimeSpan.FromHours(4);

    /// <summary>The trend window the calibration prediction fits its line through.</summary>
    public static readonly TimeSpan CalibrationTrendWindow = TimeSpan.FromHours(1);

    public static RuleGroup Build(RuleOptions options) => new(GroupName, options.EvaluationInterval,
    [
        MemoryDecoherence(options),
        DetectorClickAnomaly(options),
        KeyVerificationFailing(options),
        CalibrationDriftPredicted(options),
    ]);

    /// <summary>F3: <c>avg_over_time(M5[10m]) / nominal T2 &lt; 0.5</c> for 5 minutes. The 10-minute mean of the probe's estimates keeps its noise (a few %) far from the threshold.</summary>
    private static AlertingRule MemoryDecoherence(RuleOptions options)
    {
        var measured = new RangeExpr(RangeFunction.AvgOverTime, Selector(MetricCatalogue.MemoryCoherenceTimeSeconds), TimeSpan.FromMinutes(10));
        var share = new BinaryExpr(BinaryOp.Div, measured, new SelectorExpr(Selector(MetricCatalogue.MemoryCoherenceNominalSeconds)));
        return Alert(options, MemoryDecoherenceAlert, FailureMode.F3, "page", "device",
            new BinaryExpr(BinaryOp.Lt, share, new NumberExpr(CoherenceFloorShare)), TimeSpan.FromMinutes(5),
            "A node's memories decohere far faster than specified",
            $"The measured coherence time (M5, 10-minute mean) is below {PromQlText.Number(100 * CoherenceFloorShare)}% of the node's nominal T2: stored pairs lose fidelity or expire before use.");
    }

    /// <summary>F5: the 5-minute mean click ratio above 2 for 5 minutes (a healthy link reads 1 within a few %).</summary>
    private static AlertingRule DetectorClickAnomaly(RuleOptions options) => Alert(options, DetectorClickAnomalyAlert, FailureMode.F5, "ticket", "device",
        new BinaryExpr(BinaryOp.Gt, new RangeExpr(RangeFunction.AvgOverTime, Selector(MetricCatalogue.DetectorClickRatio), TimeSpan.FromMinutes(5)), new NumberExpr(ClickRatioCeiling)),
        TimeSpan.FromMinutes(5),
        "A link's detectors click far more than their parameters explain",
        $"The link's detectors click more than {PromQlText.Number(ClickRatioCeiling)} times as often as their nominal parameters explain for the photons that arrived: background light or a flash; false heralds raise QBER and lower fidelity.");

    /// <summary>F7: verification failures in every 5-minute window for 10 minutes (a single failed block that the compatibility check fixes does not page).</summary>
    private static AlertingRule KeyVerificationFailing(RuleOptions options) => Alert(options, KeyVerificationFailingAlert, FailureMode.F7, "page", "qkd",
        new BinaryExpr(BinaryOp.Gt,
            new AggregateExpr(Aggregation.Sum, ["link"], new RangeExpr(RangeFunction.Increase, Selector(MetricCatalogue.Total(MetricCatalogue.QkdKeyVerificationFailures)), TimeSpan.FromMinutes(5))),
            new NumberExpr(0)),
        TimeSpan.FromMinutes(10),
        "QKD key blocks keep failing verification on a link",
        "The two ends of the link produce different keys (post-processing configuration skew): no key from this link reaches the KMS.");

    /// <summary>
    /// F8: <c>predict_linear(drift[1h], 4h) &gt; tolerance and drift &lt;= tolerance</c> for 10 minutes: the linear trend
    /// of the last hour crosses the tolerance within the look-ahead, while the drift is still within it (past it, the
    /// calibration-drift SLO alert takes over).
    /// </summary>
    private static AlertingRule CalibrationDriftPredicted(RuleOptions options)
    {
        var drift = Selector(MetricCatalogue.CalibrationDriftRatio);
        var tolerance = new NumberExpr(MetricCatalogue.CalibrationDriftTolerance);
        var predicted = new RangeExpr(RangeFunction.PredictLinear, drift, CalibrationTrendWindow, CalibrationLookAhead);
        return Alert(options, CalibrationDriftPredictedAlert, FailureMode.F8, "ticket", "device",
            new BinaryExpr(BinaryOp.And, new BinaryExpr(BinaryOp.Gt, predicted, tolerance), new BinaryExpr(BinaryOp.Lte, new SelectorExpr(drift), tolerance)),
            TimeSpan.FromMinutes(10),
            "Calibration drift will cross its tolerance within hours",
            $"At the last hour's trend this device's drift reaches {PromQlText.Number(100 * MetricCatalogue.CalibrationDriftTolerance)}% within {DurationText.Format(CalibrationLookAhead)}: schedule a calibration job before then.");
    }

    private static MetricSelector Selector(string metric) => new(metric, []);

    private static AlertingRule Alert(RuleOptions options, string name, FailureMode mode, string severity, string layer, Expr expr, TimeSpan forDuration, string summary, string description) =>
        new(name, expr, forDuration,
            new Dictionary<string, string> { ["severity"] = severity, [RuleNames.LayerLabel] = layer, [RuleNames.FailureModeLabel] = mode.ToString() },
            new Dictionary<string, string> { ["summary"] = summary, ["description"] = description, ["runbook_url"] = options.RunbookBaseUrl + name + ".md" });
}
