using System.Text.Json;
using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Storage;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Twin;

/// <summary>How twin state maps to store records.</summary>
internal static class TwinPersistence
{
    /// <summary>JSON settings of stored bodies (web defaults: camelCase).</summary>
    /// <remarks>The session API's types resolve from the source-generated <see cref="SessionJson"/>, the rest by reflection.</remarks>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(SessionJson.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    /// <summary>A stored session as a state (ended, or as it was last stored); null when its request cannot be read.</summary>
    public static SessionState? State(SessionRecord record)
    {
        SessionRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SessionRequest>(record.RequestJson, Json);
        }
        catch (JsonException)
        {
            return null;
        }
        if (request?.Source is null || request.Destination is null)
        {
            return null;
        }
        // Records hold the status's wire name (SessionNames), as they always have.
        if (!SessionNames.TryOutcome(record.Outcome, out var outcome))
        {
            return null;
        }
        SessionSpec spec;
        try
        {
            spec = request.ToSpec(record.Id);
        }
        catch (ArgumentException)
        {
            return null; // written before today's rules (an id the network refuses)
        }
        var state = new SessionState(new TwinSession(spec, record.TraceId, record.SpanId, record.CreatedAt, record.Origin))
        {
            StoredOutcome = outcome,
            StoredReason = record.Reason,
        };
        state.Restore(record.Pairs, record.MeanFidelity);
        return state;
    }

    public static SessionRecord Record(SessionState s) => new(s.Info.Spec.Id, JsonSerializer.Serialize(SessionRequest.From(s.Info.Spec), Json),
        s.Info.TraceId, s.Info.SpanId, s.Info.CreatedAt, s.Info.Origin, SessionNames.Of(s.Outcome), s.Reason, s.Pairs, s.MeanFidelity);

    /// <summary>
    /// A twin event as stored, at its own simulated time on <paramref name="clock"/>: the twin clock moves only between
    /// steps, so an event made during a long step would otherwise carry the step's start, and a reader polling
    /// <c>?since=</c> a moment back could miss it.
    /// </summary>
    public static EventRecord Record(TwinEvent e, TwinClock clock) =>
        new(TwinClock.At(clock.Epoch, e.SimulatedSeconds), e.SessionId, e.TraceId, JsonSerializer.Serialize(e, Json));
}
