using QNet.Agent.Devices;
using QNet.Agent.Protocol.V1;
using QNet.Agent.Telemetry;
using WireDeviceKind = QNet.Agent.Protocol.V1.DeviceKind;

namespace QNet.Agent.Client;

/// <summary>Conversions between the agent's own types and the protocol's messages (the one place that knows both).</summary>
internal static class AgentWire
{
    public static Register Register(AgentOptions options, IReadOnlyList<DeviceInfo> devices, string instance)
    {
        var register = new Register { Version = AgentProtocol.Current, Node = options.Node, Agent = options.Description, Instance = instance };
        register.Devices.AddRange(devices.Select(d => new Device { Id = d.Id, Kind = Kind(d.Kind) }));
        return register;
    }

    public static TelemetryBatch Batch(TelemetryReading reading)
    {
        var batch = new TelemetryBatch();
        foreach (var s in reading.Samples)
        {
            var sample = new Sample { Metric = s.Metric, Value = s.Value, ReadAtUnixMs = s.ReadAt?.ToUnixTimeMilliseconds() ?? 0 };
            foreach (var (key, value) in s.Labels)
            {
                sample.Labels[key] = value;
            }
            batch.Samples.Add(sample);
        }
        batch.Heralds.AddRange(reading.Heralds.Select(h => new HeraldEvent { Device = h.Device, Success = h.Success, AtUnixMs = h.At.ToUnixTimeMilliseconds() }));
        return batch;
    }

    public static DeviceCommand? Command(Command command) => command.ActionCase switch
    {
        Protocol.V1.Command.ActionOneofCase.Calibrate => new CalibrateCommand(command.Id, command.Calibrate.Device),
        Protocol.V1.Command.ActionOneofCase.ResetDetector => new ResetDetectorCommand(command.Id, command.ResetDetector.Device),
        Protocol.V1.Command.ActionOneofCase.SetParameter => new SetParameterCommand(command.Id, command.SetParameter.Device, command.SetParameter.Name, command.SetParameter.Value),
        Protocol.V1.Command.ActionOneofCase.ReportState => new ReportStateCommand(command.Id),
        _ => null,
    };

    public static CommandResult Result(string id, CommandOutcome outcome)
    {
        var result = new CommandResult { Id = id, Ok = outcome.Ok, Message = outcome.Message };
        foreach (var (key, value) in outcome.State)
        {
            result.State[key] = value;
        }
        return result;
    }

    private static WireDeviceKind Kind(Devices.DeviceKind kind) => kind switch
    {
        Devices.DeviceKind.Detector => WireDeviceKind.Detector,
        Devices.DeviceKind.Memory => WireDeviceKind.Memory,
        Devices.DeviceKind.Source => WireDeviceKind.Source,
        _ => WireDeviceKind.Unspecified,
    };
}
