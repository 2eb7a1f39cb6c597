using QNet.ControlPlane.Events;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Tests.Twin;

/// <summary>
/// Stored sessions (SQLite or PostgreSQL rows written before and after the session model moved) read back as they were,
/// and stored events carry their own simulated time.
/// </summary>
public sealed class TwinPersistenceTests
{
    // A row as the store holds it: the request as JSON and the status by its wire name.
    private static SessionRecord Row(string outcome, string? reason = null) => new("s-1",
        """{"id":"s-1","source":"alice","destination":"bob","application":"qkd","minFidelity":0.9,"rateHz":null,"pairs":null,"durationSeconds":null,"priority":0,"cutoffSeconds":0.01}""",
        "0123456789abcdef0123456789abcdef", "0123456789abcdef", DateTimeOffset.UnixEpoch, "api", outcome, reason, 12, 0.5);

    [Theory]
    [InlineData("pending", SessionOutcome.Pending)]
    [InlineData("running", SessionOutcome.Running)]
    [InlineData("refused", SessionOutcome.Refused)]
    [InlineData("completed", SessionOutcome.Completed)]
    [InlineData("failed", SessionOutcome.Failed)]
    [InlineData("cancelled", SessionOutcome.Cancelled)]
    public void State_StoredOutcomeName_ReadsStatusAndWritesTheSameRow(string stored, SessionOutcome status)
    {
        SessionRecord row = Row(stored, "why");

        SessionState state = TwinPersistence.State(row)!;

        Assert.Equal(status, state.Outcome);
        Assert.Equal("why", state.Reason);
        Assert.Equal("qkd", state.SessionClass);
        Assert.Equal(12, state.Pairs);
        Assert.Equal(row with { RequestJson = TwinPersistence.Record(state).RequestJson }, TwinPersistence.Record(state));
    }

    [Fact]
    public void State_UnknownOutcomeName_IsUnreadable() => Assert.Null(TwinPersistence.State(Row("exploded")));

    [Fact]
    public void State_StoredIdOutsideIdRule_IsUnreadable() =>
        Assert.Null(TwinPersistence.State(Row("completed") with { Id = "a.b" }));

    [Fact]
    public void Record_EventMadeDuringAStep_IsStoredAtItsOwnSimulatedTimeNotTheClocks()
    {
        var epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new TwinClock(epoch);
        clock.Set(QNet.Kernel.SimTime.FromSeconds(100)); // where the clock was when the step began
        var e = new TwinEvent("mitigation", "s-1", "0123456789abcdef0123456789abcdef", 124.5, Target: "carol-hub");

        EventRecord stored = TwinPersistence.Record(e, clock);

        Assert.Equal(epoch.AddSeconds(124.5), stored.At);
        Assert.Equal(("s-1", "0123456789abcdef0123456789abcdef"), (stored.SessionId, stored.TraceId));
        Assert.Equal(e, System.Text.Json.JsonSerializer.Deserialize<TwinEvent>(stored.Json, TwinPersistence.Json));
    }
}
