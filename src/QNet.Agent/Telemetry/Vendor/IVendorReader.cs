namespace QNet.Agent.Telemetry.Vendor;

/// <summary>Splits a payload in one vendor format into readings; a line it cannot read is rejected, never skipped.</summary>
public interface IVendorReader
{
    /// <summary>Adds each reading of <paramref name="payload"/> to <paramref name="readings"/>, each refused line to <paramref name="rejected"/>.</summary>
    void Read(string payload, ICollection<VendorReading> readings, ICollection<RejectedLine> rejected);
}
