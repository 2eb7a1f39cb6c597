namespace QNet.Agent.Telemetry.Vendor;

/// <summary>Where a real device's telemetry comes from: each call returns what is new since the last one.</summary>
public interface IVendorFeed
{
    /// <summary>The payload read now (empty when nothing is new).</summary>
    Task<string> ReadAsync(CancellationToken cancellationToken);
}
