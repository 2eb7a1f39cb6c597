using QNet.Sre.Evaluation;
using QNet.Sre.Rules;

namespace QNet.Sre.Generation;

/// <summary>Runs the in-process evaluator over a scenario and records the firing alerts at chosen instants.</summary>
internal static class AlertPredictor
{
    /// <summary>
    /// Evaluates <paramref name="groups"/> every group interval from time 0 to the last checkpoint and returns, for
    /// every checkpoint time and alert name, the alerts firing right after that evaluation (promtool's view).
    /// </summary>
    /// <param name="groups">Rule groups, all with the same interval.</param>
    /// <param name="scenario">Input series.</param>
    /// <param name="times">Checkpoints.</param>
    /// <param name="alertNames">Alerts reported at every checkpoint.</param>
    /// <param name="atEnd">Called with the evaluator after the last evaluation (to read recorded series).</param>
    public static List<Checkpoint> Predict(IReadOnlyList<RuleGroup> groups, TestScenario scenario, IReadOnlyList<TimeSpan> times, IReadOnlyList<string> alertNames,
        Action<RuleEvaluator>? atEnd = null)
    {
        var interval = groups[0].Interval;
        var evaluator = new RuleEvaluator(groups, scenario.ToHistory());
        var result = new List<Checkpoint>();
        var pending = times.Order().ToList();
        var step = (long)interval.TotalMilliseconds;
        var end = (long)pending[^1].TotalMilliseconds;
        for (long t = 0; t <= end; t += step)
        {
            evaluator.EvaluateAt(t);
            while (pending.Count > 0 && (long)pending[0].TotalMilliseconds >= t && (long)pending[0].TotalMilliseconds < t + step)
            {
                foreach (var name in alertNames)
                {
                    result.Add(new Checkpoint(pending[0], name, evaluator.Firing.Where(a => a.Name == name).OrderBy(a => string.Join(",", a.Labels.OrderBy(kv => kv.Key))).ToList()));
                }

                pending.RemoveAt(0);
            }
        }

        atEnd?.Invoke(evaluator);
        return result;
    }
}
