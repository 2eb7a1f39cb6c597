using QNet.Agent.Devices;

namespace QNet.Agent.Emulation;

/// <summary>
/// The parameters set-parameter can change on an emulated node, by wire name (one name table), each in its base unit.
/// </summary>
internal static class EmulatorParameters
{
    public const string DarkCountRate = "dark_count_rate_hz";
    public const string DeadTime = "dead_time_seconds";
    public const string SignalRate = "signal_rate_hz";
    public const string DriftPerHour = "drift_per_hour";
    public const string CoherenceSeconds = "t2_seconds";

    /// <summary>Every detector parameter with its value.</summary>
    public static IEnumerable<(string Name, double Value)> Of(DetectorParameters p) =>
        [(DarkCountRate, p.DarkCountRateHertz), (DeadTime, p.DeadTimeSeconds), (SignalRate, p.SignalRateHertz), (DriftPerHour, p.DriftPerHour)];

    /// <summary>Applies <paramref name="command"/> to <paramref name="node"/>; a refusal names the field and the problem.</summary>
    public static CommandOutcome Set(NodeEmulator node, SetParameterCommand command)
    {
        if (command.Device == NodeEmulator.MemoryId)
        {
            if (command.Name != CoherenceSeconds)
            {
                return CommandOutcome.Refused($"name: a memory has one parameter, {CoherenceSeconds}, not '{command.Name}'");
            }
            if (node.Memory is null)
            {
                return CommandOutcome.Refused("device: the memory's coherence time is not known yet");
            }
            if (!(double.IsFinite(command.Value) && command.Value > 0))
            {
                return CommandOutcome.Refused($"value: {CoherenceSeconds} must be a finite number of seconds above 0");
            }
            node.Memory.CoherenceSeconds = command.Value;
            return CommandOutcome.Done($"{command.Device}.{command.Name} = {NodeEmulator.Format(command.Value)}");
        }
        if (node.Detector(command.Device) is not { } detector)
        {
            return CommandOutcome.Refused($"device: no device '{command.Device}' on this node");
        }
        var p = detector.Parameters;
        try
        {
            DetectorParameters? changed = command.Name switch
            {
                DarkCountRate => new DetectorParameters(p.Id, command.Value, p.DeadTimeSeconds, p.SignalRateHertz, p.DriftPerHour),
                DeadTime => new DetectorParameters(p.Id, p.DarkCountRateHertz, command.Value, p.SignalRateHertz, p.DriftPerHour),
                SignalRate => new DetectorParameters(p.Id, p.DarkCountRateHertz, p.DeadTimeSeconds, command.Value, p.DriftPerHour),
                DriftPerHour => new DetectorParameters(p.Id, p.DarkCountRateHertz, p.DeadTimeSeconds, p.SignalRateHertz, command.Value),
                _ => null,
            };
            if (changed is null)
            {
                return CommandOutcome.Refused($"name: unknown detector parameter '{command.Name}'; must be {DarkCountRate}, {DeadTime}, {SignalRate} or {DriftPerHour}");
            }
            detector.Change(changed);
            detector.Calibration.DriftPerHour = changed.DriftPerHour;
            return CommandOutcome.Done($"{command.Device}.{command.Name} = {NodeEmulator.Format(command.Value)}");
        }
        catch (ArgumentOutOfRangeException)
        {
            return CommandOutcome.Refused($"value: {command.Name} must be a finite number at least 0");
        }
    }
}
