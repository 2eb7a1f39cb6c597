using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Twin;

/// <summary>A session the control plane knows: its request, trace id and when it was created (wall clock).</summary>
/// <param name="Spec">The request as submitted to the scheduler.</param>
/// <param name="TraceId">W3C trace id (32 hex digits) of the session's trace; every event of the session carries it.</param>
/// <param name="SpanId">Span id of the session's root span.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Origin"><c>scenario</c> for the network's own sessions, <c>api</c> for requests over HTTP.</param>
public sealed record TwinSession(SessionSpec Spec, string TraceId, string SpanId, DateTimeOffset CreatedAt, string Origin);
