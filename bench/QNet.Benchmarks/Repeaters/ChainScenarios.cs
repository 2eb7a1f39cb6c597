using System.Globalization;
using System.Text;
using QNet.Network.Scenarios;

namespace QNet.Benchmarks.Repeaters;

/// <summary>Scenario texts for the repeater-chain benchmarks, parsed through the real loader.</summary>
internal static class ChainScenarios
{
    /// <summary>
    /// A chain of <paramref name="nodes"/> nodes, <paramref name="spanKm"/> km apart, one end-to-end session
    /// asking for <paramref name="slots"/> memory slots per link end; <paramref name="repetitionRate"/> limits the attempt rate (e.g. <c>2kHz</c>).
    /// </summary>
    public static Scenario Chain(int nodes, double spanKm, string heralding, int memorySlotsPerNode, int slots, double swapSuccess = 1.0, string? repetitionRate = null)
    {
        var yaml = new StringBuilder();
        string km = spanKm.ToString(CultureInfo.InvariantCulture);
        string a = swapSuccess.ToString(CultureInfo.InvariantCulture);
        yaml.AppendLine($"name: chain-{nodes}");
        yaml.AppendLine("duration: 1s");
        yaml.AppendLine("nodes:");
        for (int i = 0; i < nodes; i++)
        {
            bool end = i == 0 || i == nodes - 1;
            yaml.Append($"  - {{ id: n{i}, kind: {(end ? "end" : "repeater")}, memory: {{ slots: {memorySlotsPerNode}, t2: 10s }}");
            yaml.AppendLine(end ? " }" : $", swap: {{ protocol: asap, successProbability: {a}, gateDepolarizing: 0.001, readoutError: 0.001 }} }}");
        }
        yaml.AppendLine("links:");
        string extra = (heralding == "single-click" ? ", brightStatePopulation: 0.1" : "")
            + (repetitionRate is null ? "" : $", source: {{ efficiency: 1, repetitionRate: {repetitionRate} }}");
        for (int i = 0; i + 1 < nodes; i++)
        {
            yaml.AppendLine($"  - {{ id: l{i}, between: [n{i}, n{i + 1}], length: {km}km, heralding: {heralding}{extra}, detector: {{ efficiency: 0.9, darkCountRate: 10Hz }} }}");
        }
        yaml.AppendLine("sessions:");
        yaml.AppendLine($"  - {{ id: e2e, source: n0, destination: n{nodes - 1}, application: raw, memorySlots: {slots} }}");
        ScenarioLoadResult result = ScenarioLoader.Parse(yaml.ToString(), $"chain-{nodes}.yaml");
        return result.Scenario ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }
}
