using QNet.Network.Sessions;

namespace QNet.Network.Tests.Sessions;

/// <summary>The wire names of session enums: stored records, the API, events and metric labels depend on them never changing.</summary>
public sealed class SessionNamesTests
{
    [Fact]
    public void Of_EveryStatus_IsTheStoredName()
    {
        Assert.Equal(
            ["pending", "refused", "running", "completed", "failed", "cancelled", "degraded"],
            Enum.GetValues<SessionOutcome>().Select(SessionNames.Of));
    }

    [Fact]
    public void TryOutcome_EveryName_ReadsBackItsStatus()
    {
        foreach (SessionOutcome status in Enum.GetValues<SessionOutcome>())
        {
            Assert.True(SessionNames.TryOutcome(SessionNames.Of(status), out SessionOutcome read));
            Assert.Equal(status, read);
        }
        Assert.False(SessionNames.TryOutcome("Running", out _)); // names are case-sensitive, as stored
    }

    [Fact]
    public void Of_EveryChange_IsTheEventStreamName()
    {
        Assert.Equal(
            ["admitted", "refused", "rerouted", "restarted", "ended", "failed", "cancelled", "suspended", "readmitted", "degraded", "recovered"],
            Enum.GetValues<SessionChange>().Select(SessionNames.Of));
    }

    [Fact]
    public void Of_EveryLossReason_IsTheReportNameInOrdinalOrder()
    {
        string[] names = [.. SessionNames.AllLossReasons.Select(SessionNames.Of)];

        Assert.Equal(["below-fidelity", "cutoff", "purification-failed", "swap-failed"], names);
        // Reports list losses in enum order; the CLI's JSON always listed them sorted by name.
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }
}
