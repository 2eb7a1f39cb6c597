namespace QNet.Agent.Telemetry.Vendor;

/// <summary>A line of vendor telemetry that was refused, and why.</summary>
/// <param name="Line">1-based line in the payload.</param>
/// <param name="Reason">The kind of problem.</param>
/// <param name="Detail">What exactly, in words.</param>
public sealed record RejectedLine(int Line, RejectReason Reason, string Detail)
{
    public override string ToString() => $"line {Line}: {RejectReasonNames.Name(Reason)}: {Detail}";
}
