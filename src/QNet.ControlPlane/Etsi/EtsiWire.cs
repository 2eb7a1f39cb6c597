using System.Text.Json;
using System.Text.Json.Serialization;

namespace QNet.ControlPlane.Etsi;

/// <summary>ETSI GS QKD 014 v1.1.1 "Status" data format.</summary>
public sealed record EtsiStatus(
    [property: JsonPropertyName("source_KME_ID")] string SourceKmeId,
    [property: JsonPropertyName("target_KME_ID")] string TargetKmeId,
    [property: JsonPropertyName("master_SAE_ID")] string MasterSaeId,
    [property: JsonPropertyName("slave_SAE_ID")] string SlaveSaeId,
    [property: JsonPropertyName("key_size")] int KeySize,
    [property: JsonPropertyName("stored_key_count")] long StoredKeyCount,
    [property: JsonPropertyName("max_key_count")] int MaxKeyCount,
    [property: JsonPropertyName("max_key_per_request")] int MaxKeyPerRequest,
    [property: JsonPropertyName("max_key_size")] int MaxKeySize,
    [property: JsonPropertyName("min_key_size")] int MinKeySize,
    [property: JsonPropertyName("max_SAE_ID_count")] int MaxSaeIdCount,
    [property: JsonPropertyName("status_extension")] JsonElement? StatusExtension);

/// <summary>ETSI "Key container": the keys of one enc_keys or dec_keys response.</summary>
public sealed record EtsiKeyContainer(
    [property: JsonPropertyName("keys")] IReadOnlyList<EtsiKey> Keys,
    [property: JsonPropertyName("key_container_extension")] JsonElement? KeyContainerExtension = null);

/// <summary>One key: UUID, base64 (with padding) material and the QNet origin in <c>key_extension</c>.</summary>
public sealed record EtsiKey(
    [property: JsonPropertyName("key_ID")] string KeyId,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("key_ID_extension")] JsonElement? KeyIdExtension = null,
    [property: JsonPropertyName("key_extension")] EtsiKeyExtension? KeyExtension = null);

/// <summary>QNet's <c>key_extension</c>: how the key was made (<c>qkd</c>, <c>hybrid</c> or <c>pqc</c>).</summary>
public sealed record EtsiKeyExtension([property: JsonPropertyName("origin")] string Origin);

/// <summary>ETSI "Key IDs" data format (dec_keys POST body).</summary>
public sealed record EtsiKeyIds(
    [property: JsonPropertyName("key_IDs")] IReadOnlyList<EtsiKeyIdEntry> KeyIds,
    [property: JsonPropertyName("key_IDs_extension")] JsonElement? KeyIdsExtension = null);

/// <summary>One entry of <see cref="EtsiKeyIds"/>.</summary>
public sealed record EtsiKeyIdEntry(
    [property: JsonPropertyName("key_ID")] string KeyId,
    [property: JsonPropertyName("key_ID_extension")] JsonElement? KeyIdExtension = null);

/// <summary>ETSI "Key request" data format (enc_keys POST body); every field optional.</summary>
public sealed record EtsiKeyRequest(
    [property: JsonPropertyName("number")] long? Number = null,
    [property: JsonPropertyName("size")] long? Size = null,
    [property: JsonPropertyName("additional_slave_SAE_IDs")] IReadOnlyList<string>? AdditionalSlaveSaeIds = null,
    [property: JsonPropertyName("extension_mandatory")] IReadOnlyList<JsonElement>? ExtensionMandatory = null,
    [property: JsonPropertyName("extension_optional")] IReadOnlyList<JsonElement>? ExtensionOptional = null);

/// <summary>ETSI "Error" data format.</summary>
public sealed record EtsiError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] IReadOnlyList<EtsiErrorDetail>? Details = null);

/// <summary>One entry of the error <c>details</c> array.</summary>
public sealed record EtsiErrorDetail(
    [property: JsonPropertyName("parameter")] string Parameter,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>Serializer settings of the ETSI API: exact field names, optional fields omitted when null.</summary>
public static class EtsiJson
{
    /// <summary>The options every ETSI body is written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        // Bodies are application/json, never HTML: keep '+' and '/' of base64 keys literal.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
