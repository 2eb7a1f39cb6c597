using System.Text.Json;
using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Storage;

namespace QNet.ControlPlane.Twin;

/// <summary>How twin state maps to store records.</summary>
internal static class TwinPersistence
{
    /// <summary>JSON settings of stored bodies (web defaults: camelCase).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static SessionRecord Record(SessionState s) => new(s.Info.Spec.Id, JsonSerializer.Serialize(SessionRequest.From(s.Info.Spec), Json),
        s.Info.TraceId, s.Info.SpanId, s.Info.CreatedAt, s.Info.Origin, s.Outcome, s.Reason, s.Pairs, s.MeanFidelity);
}
