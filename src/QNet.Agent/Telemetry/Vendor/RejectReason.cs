namespace QNet.Agent.Telemetry.Vendor;

/// <summary>Why a line of vendor telemetry could not become a sample.</summary>
public enum RejectReason
{
    /// <summary>The line is not valid in the vendor's format (bad JSON, a broken Prometheus sample line).</summary>
    Malformed,

    /// <summary>A key the mapping's <c>fields</c> names is missing or has the wrong type.</summary>
    MissingField,

    /// <summary>The value is NaN or infinite.</summary>
    NonFinite,

    /// <summary>The time is not unix seconds or an RFC 3339 time.</summary>
    BadTime,

    /// <summary>A label rule copies a vendor label the reading does not carry.</summary>
    MissingLabel,
}

/// <summary>Wire names of <see cref="RejectReason"/> (the <c>reason</c> label and messages).</summary>
public static class RejectReasonNames
{
    private static readonly Dictionary<RejectReason, string> Names = new()
    {
        [RejectReason.Malformed] = "malformed",
        [RejectReason.MissingField] = "missing-field",
        [RejectReason.NonFinite] = "non-finite",
        [RejectReason.BadTime] = "bad-time",
        [RejectReason.MissingLabel] = "missing-label",
    };

    /// <summary>The wire name of <paramref name="reason"/>.</summary>
    public static string Name(RejectReason reason) => Names[reason];
}
