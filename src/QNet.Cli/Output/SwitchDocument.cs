using QNet.Network.Scenarios;
using QNet.Network.Simulation;
using QNet.Network.Switching;

namespace QNet.Cli.Output;

/// <summary>
/// One switch in <see cref="SimulationDocument"/>: capacity (pairs delivered per second, total and per request),
/// buffer occupancy per leaf and the waiting time of requests. With several runs every figure is the mean over
/// the runs and <c>pairsPerSecondError</c> the standard error of the capacity.
/// </summary>
internal sealed record SwitchDocument(
    string Id,
    string Policy,
    int Buffer,
    double PairsPerSecond,
    double? PairsPerSecondError,
    double GhzPerSecond,
    IReadOnlyList<SwitchLeafDocument> Leaves,
    IReadOnlyList<SwitchRequestDocument> Requests)
{
    /// <summary>The switches of every run, averaged over runs; null when the scenario has none.</summary>
    public static IReadOnlyList<SwitchDocument>? From(IReadOnlyList<RunResult> runs)
    {
        if (runs.Count == 0 || runs[0].Switches.Count == 0)
        {
            return null;
        }
        return [.. runs[0].Switches.Select((first, s) => Of([.. runs.Select(r => r.Switches[s])]))];
    }

    private static SwitchDocument Of(SwitchReport[] runs)
    {
        SwitchReport first = runs[0];
        double[] capacity = [.. runs.Select(r => r.PairsPerSecond)];
        Estimate estimate = Estimate.Of(capacity);
        return new SwitchDocument(
            first.Id,
            ScenarioNames.Of(first.Policy),
            first.Buffer,
            estimate.Mean,
            runs.Length > 1 ? SimulationDocument.Finite(estimate.StandardError) : null,
            runs.Average(r => r.GhzPerSecond),
            [.. first.Leaves.Select((l, i) => new SwitchLeafDocument(
                l.Node,
                l.Link,
                runs.Average(r => (double)r.Leaves[i].Generated),
                runs.Average(r => (double)r.Leaves[i].Dropped),
                runs.Average(r => (double)r.Leaves[i].Lost),
                runs.Average(r => (double)r.Leaves[i].Expired),
                runs.Average(r => (double)r.Leaves[i].Used),
                runs.Average(r => r.Leaves[i].MeanOccupancy)))],
            [.. first.Demands.Select((d, i) => new SwitchRequestDocument(
                d.Session,
                d.Leaves,
                runs.Average(r => (double)r.Demands[i].Requests),
                runs.Average(r => (double)r.Demands[i].Served),
                runs.Average(r => (double)r.Demands[i].FailedSwaps),
                runs.Average(r => r.Demands[i].ServedPerSecond),
                FiniteMean(runs.Select(r => r.Demands[i].MeanWaitSeconds)),
                FiniteMean(runs.Select(r => r.Demands[i].MeanQubitAgeSeconds)),
                d.Fidelity))]);
    }

    // The mean over the runs where the figure is defined, or null when it is in none.
    private static double? FiniteMean(IEnumerable<double> values)
    {
        double[] defined = [.. values.Where(double.IsFinite)];
        return defined.Length == 0 ? null : defined.Average();
    }
}

/// <summary>One leaf's buffer at a switch: pairs heralded, dropped (buffer full), lost (lifetime), expired (cut-off), used, and mean occupancy.</summary>
internal sealed record SwitchLeafDocument(string Node, string Link, double Generated, double Dropped, double Lost, double Expired, double Used, double MeanOccupancy);

/// <summary>One request class (session) at a switch: requests, deliveries, failed swaps, rate, mean wait, mean storage time of the qubits used, and the delivered fidelity.</summary>
internal sealed record SwitchRequestDocument(
    string Session,
    IReadOnlyList<string> Leaves,
    double Requests,
    double Served,
    double FailedSwaps,
    double ServedPerSecond,
    double? MeanWaitSeconds,
    double? MeanQubitAgeSeconds,
    double Fidelity);
