using System.Globalization;
using System.Text;
using QNet.Network.Simulation;

namespace QNet.Cli.Output;

/// <summary>Writes <c>--out</c> files: result.json (as <c>--json</c>), links.csv (summary per link) and runs.csv (per run and link).</summary>
internal static class SimulationFiles
{
    public static void Write(string directory, SimulationDocument doc, SimulationSummary summary)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "result.json"), doc.ToJson());

        var links = new StringBuilder("id,scheme,attempts,pairs,pairsPerSecond,pairsPerSecondStdErr,successProbability,successProbabilityStdErr,meanFidelity,meanFidelityStdErr,meanHeraldingLatencySeconds,expectedPairsPerSecond,expectedSuccessProbability,expectedFidelity\n");
        foreach (LinkSummary l in summary.Links)
        {
            links.AppendLine(Csv(l.Id, l.Scheme, l.Attempts.Mean, l.Pairs.Mean, l.PairsPerSecond.Mean, l.PairsPerSecond.StandardError,
                l.SuccessProbability.Mean, l.SuccessProbability.StandardError, l.MeanFidelity.Mean, l.MeanFidelity.StandardError,
                l.MeanHeraldingLatencySeconds.Mean, l.ExpectedPairsPerSecond, l.ExpectedSuccessProbability, l.ExpectedFidelity));
        }
        File.WriteAllText(Path.Combine(directory, "links.csv"), links.ToString());

        var runs = new StringBuilder("run,seed,events,link,attempts,pairs,pairsPerSecond,successProbability,meanFidelity,meanHeraldingLatencySeconds\n");
        for (int i = 0; i < summary.Runs.Count; i++)
        {
            RunResult r = summary.Runs[i];
            foreach (LinkReport l in r.Links)
            {
                runs.AppendLine(Csv(i, r.Seed, r.Events, l.Id, l.Attempts, l.Pairs, l.PairsPerSecond, l.SuccessProbability, l.MeanFidelity, l.MeanHeraldingLatencySeconds));
            }
        }
        File.WriteAllText(Path.Combine(directory, "runs.csv"), runs.ToString());
    }

    /// <summary>One CSV row; numbers in invariant culture, NaN as empty, text quoted when needed.</summary>
    internal static string Csv(params object[] values) => string.Join(',', values.Select(v => v switch
    {
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s when s.IndexOfAny([',', '"', '\n']) >= 0 => "\"" + s.Replace("\"", "\"\"") + "\"",
        _ => v.ToString() ?? "",
    }));
}
