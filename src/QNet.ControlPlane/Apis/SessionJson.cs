using System.Text.Json;
using System.Text.Json.Serialization;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// Source-generated JSON for the session API's wire types (web defaults: camelCase; NaN and infinities allowed as
/// named literals, as the host's HTTP options), so the hot <c>POST /sessions</c> path reads and writes without
/// reflection-based metadata.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(SessionView[]))]
internal sealed partial class SessionJson : JsonSerializerContext;
