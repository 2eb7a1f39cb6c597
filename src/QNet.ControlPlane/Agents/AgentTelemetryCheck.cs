using System.Collections.Frozen;
using System.Reflection;
using QNet.Agent.Protocol.V1;
using QNet.Sre;

namespace QNet.ControlPlane.Agents;

/// <summary>
/// What the control plane accepts from an agent before it changes anything: the registration's devices, and each
/// telemetry batch whole (every sample a catalogue metric with a finite value, a node label if any naming the agent's
/// node, heralds from registered devices). A refusal names the field and the problem; a refused message changes nothing.
/// </summary>
internal static class AgentTelemetryCheck
{
    /// <summary>Most devices one node registers.</summary>
    public const int MaxDevices = 256;

    /// <summary>Most samples or heralds in one batch.</summary>
    public const int MaxBatchItems = 10_000;

    private static readonly FrozenSet<string> CatalogueNames = typeof(MetricCatalogue)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && ((string)f.GetRawConstantValue()!).StartsWith("qnet_", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Null when the registration is acceptable; else the field and problem.</summary>
    public static string? Problem(Register register)
    {
        if (string.IsNullOrWhiteSpace(register.Node))
        {
            return "register.node: is required";
        }
        if (register.Devices.Count > MaxDevices)
        {
            return $"register.devices: {register.Devices.Count} devices, at most {MaxDevices}";
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in register.Devices)
        {
            if (string.IsNullOrWhiteSpace(d.Id))
            {
                return "register.devices.id: is required";
            }
            if (!seen.Add(d.Id))
            {
                return $"register.devices.id: '{d.Id}' is registered twice";
            }
            if (d.Kind == DeviceKind.Unspecified)
            {
                return $"register.devices.kind: device '{d.Id}' has no kind";
            }
        }
        return null;
    }

    /// <summary>Null when the batch is acceptable from <paramref name="node"/>; else the field and problem.</summary>
    public static string? Problem(TelemetryBatch batch, AgentNode node)
    {
        if (batch.Sequence == 0)
        {
            return "telemetry.sequence: must be 1 or more";
        }
        if (batch.Samples.Count > MaxBatchItems || batch.Heralds.Count > MaxBatchItems)
        {
            return $"telemetry: at most {MaxBatchItems} samples and {MaxBatchItems} heralds per batch";
        }
        foreach (var s in batch.Samples)
        {
            if (!CatalogueNames.Contains(s.Metric))
            {
                return $"telemetry.samples.metric: '{s.Metric}' is not a metric of QNet's catalogue";
            }
            if (!double.IsFinite(s.Value))
            {
                return $"telemetry.samples.value: {s.Metric} is not a finite number";
            }
            if (s.Labels.TryGetValue("node", out var labelled) && labelled != node.Node)
            {
                return $"telemetry.samples.labels.node: '{labelled}' is not this agent's node '{node.Node}'";
            }
        }
        var devices = node.Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var h in batch.Heralds)
        {
            if (!devices.Contains(h.Device))
            {
                return $"telemetry.heralds.device: '{h.Device}' is not a registered device of node '{node.Node}'";
            }
        }
        return null;
    }
}
