using System.Globalization;
using QNet.Agent.Devices;
using QNet.Agent.Telemetry;
using QNet.Kernel;
using QNet.Sre;

namespace QNet.Agent.Emulation;

/// <summary>
/// The emulated hardware of one node until real devices are on the desk: detectors with dark counts and dead time
/// whose calibration offsets drift, and a memory whose T2 the node measures with test qubits. Every random draw comes
/// from streams derived from one seed; time is what the caller passes in, never the wall clock.
/// </summary>
internal sealed class NodeEmulator : ITelemetrySource, IDeviceControl
{
    /// <summary>Heralding attempts reported per detector and read.</summary>
    public const int HeraldsPerRead = 8;

    /// <summary>Coincidence window of a heralding attempt, s.</summary>
    public const double HeraldWindowSeconds = 1e-6;

    private readonly string _node;
    private readonly DateTimeOffset _start;
    private readonly RandomStream _heralds;
    private readonly List<EmulatedDetector> _detectors;
    private readonly RandomStream _memoryRandom;
    private EmulatedMemory? _memory;
    private double _lastSeconds;

    public NodeEmulator(string node, ulong seed, IReadOnlyList<DetectorParameters> detectors, double? memoryCoherenceSeconds, DateTimeOffset start)
    {
        _node = node;
        _start = start;
        var root = new RandomStream(seed).Derive("node:" + node);
        _heralds = root.Derive("heralds");
        _detectors = detectors.Select(d => new EmulatedDetector(d, root.Derive("detector:" + d.Id))).ToList();
        _memoryRandom = root.Derive("memory:" + MemoryId);
        if (memoryCoherenceSeconds is { } t2)
        {
            _memory = new EmulatedMemory(MemoryId, t2, _memoryRandom);
        }
    }

    /// <summary>Id of the node's memory device.</summary>
    public const string MemoryId = "memory-0";

    /// <summary>The emulated memory, once its T2 is known.</summary>
    public EmulatedMemory? Memory => _memory;

    /// <summary>The emulated detectors.</summary>
    public IReadOnlyList<EmulatedDetector> Detectors => _detectors;

    public IReadOnlyList<DeviceInfo> Devices =>
        [.. _detectors.Select(d => new DeviceInfo(d.Parameters.Id, DeviceKind.Detector)), new DeviceInfo(MemoryId, DeviceKind.Memory)];

    /// <summary>
    /// Gives the memory its T2 from the control plane's nominal value when none was set at start (so an emulated node
    /// starts as the twin's node); later calls change nothing.
    /// </summary>
    public void UseNominalCoherence(double seconds)
    {
        if (_memory is null && double.IsFinite(seconds) && seconds > 0)
        {
            _memory = new EmulatedMemory(MemoryId, seconds, _memoryRandom);
        }
    }

    public TelemetryReading Read(DateTimeOffset now)
    {
        double t = Seconds(now);
        var samples = new List<TelemetrySample>();
        var heralds = new List<HeraldingEvent>();
        foreach (var d in _detectors)
        {
            d.Run(_lastSeconds, t);
            samples.Add(Sample(MetricCatalogue.DetectorClicks, d.Clicks, d.Parameters.Id, now));
            samples.Add(Sample(MetricCatalogue.CalibrationDriftRatio, d.Calibration.At(t), d.Parameters.Id, now));
            double p = 1 - Math.Exp(-d.Parameters.MeasuredRate(d.TrueRateHertz) * HeraldWindowSeconds);
            for (int i = 0; i < HeraldsPerRead; i++)
            {
                heralds.Add(new HeraldingEvent(d.Parameters.Id, _heralds.NextBernoulli(p), now));
            }
        }
        if (_memory is not null)
        {
            var m = _memory.Measure();
            if (double.IsFinite(m.Seconds) && m.Seconds > 0)
            {
                samples.Add(Sample(MetricCatalogue.MemoryCoherenceTimeSeconds, m.Seconds, MemoryId, now));
            }
        }
        _lastSeconds = Math.Max(_lastSeconds, t);
        return new TelemetryReading(samples, heralds);
    }

    public CommandOutcome Execute(DeviceCommand command, DateTimeOffset now)
    {
        double t = Seconds(now);
        switch (command)
        {
            case CalibrateCommand c:
                var targets = _detectors.Where(d => c.Device.Length == 0 || d.Parameters.Id == c.Device).ToList();
                if (targets.Count == 0)
                {
                    return CommandOutcome.Refused($"device: no detector '{c.Device}' on node {_node}");
                }
                targets.ForEach(d => d.Calibration.Calibrate(t));
                return CommandOutcome.Done($"calibrated {string.Join(", ", targets.Select(d => d.Parameters.Id))}");
            case ResetDetectorCommand r:
                if (Detector(r.Device) is not { } reset)
                {
                    return CommandOutcome.Refused($"device: no detector '{r.Device}' on node {_node}");
                }
                reset.Reset();
                return CommandOutcome.Done($"reset {r.Device}");
            case SetParameterCommand s:
                return EmulatorParameters.Set(this, s);
            case ReportStateCommand:
                return CommandOutcome.Done("state", State(t));
            default:
                return CommandOutcome.Refused("command: not known to this agent");
        }
    }

    internal EmulatedDetector? Detector(string id) => _detectors.FirstOrDefault(d => d.Parameters.Id == id);

    private Dictionary<string, double> State(double t)
    {
        var state = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var d in _detectors)
        {
            foreach (var (name, value) in EmulatorParameters.Of(d.Parameters))
            {
                state[d.Parameters.Id + "." + name] = value;
            }
            state[d.Parameters.Id + ".clicks"] = d.Clicks;
            state[d.Parameters.Id + ".calibration_offset"] = d.Calibration.At(t);
        }
        if (_memory is not null)
        {
            state[MemoryId + "." + EmulatorParameters.CoherenceSeconds] = _memory.CoherenceSeconds;
        }
        return state;
    }

    private double Seconds(DateTimeOffset now) => Math.Max(0, (now - _start).TotalSeconds);

    private TelemetrySample Sample(string metric, double value, string device, DateTimeOffset at) =>
        new(metric, value, new Dictionary<string, string>(StringComparer.Ordinal) { ["node"] = _node, ["device"] = device }, at);

    /// <summary>Formats a value for a command message.</summary>
    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
