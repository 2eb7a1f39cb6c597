using System.Text.Json;
using QNet.Kms.Domain;

namespace QNet.ControlPlane.Etsi;

/// <summary>Turns ETSI query strings and JSON bodies into domain requests, or into a 400 refusal that names the field.</summary>
internal static class EtsiRequestParser
{
    /// <summary>Largest accepted request body, in bytes.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public static KmsResult<EncKeysRequest> EncKeysFromQuery(string? number, string? size)
    {
        long? n = null, s = null;
        if (number is not null)
        {
            if (!long.TryParse(number, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return KmsError.Bad("number shall be a positive integer", "number", $"'{number}' is not an integer");
            }

            n = value;
        }
        if (size is not null)
        {
            if (!long.TryParse(size, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return KmsError.Bad("size shall be a positive integer", "size", $"'{size}' is not an integer");
            }

            s = value;
        }
        return KmsResult<EncKeysRequest>.Ok(new EncKeysRequest(n, s, [], []));
    }

    public static KmsResult<EncKeysRequest> EncKeysFromBody(ReadOnlyMemory<byte> body)
    {
        if (IsBlank(body.Span))
        {
            return KmsResult<EncKeysRequest>.Ok(EncKeysRequest.Default);
        }

        var parsed = Deserialize<EtsiKeyRequest>(body);
        if (!parsed.IsOk)
        {
            return parsed.Error!;
        }

        var request = parsed.Value;
        var mandatory = new List<string>();
        foreach (var extension in request.ExtensionMandatory ?? [])
        {
            if (extension.ValueKind != JsonValueKind.Object)
            {
                return KmsError.Bad("request body is malformed", "extension_mandatory", "each entry shall be an object");
            }

            mandatory.AddRange(extension.EnumerateObject().Select(p => p.Name));
        }
        foreach (var extension in request.ExtensionOptional ?? [])
        {
            if (extension.ValueKind != JsonValueKind.Object)
            {
                return KmsError.Bad("request body is malformed", "extension_optional", "each entry shall be an object");
            }
        }
        var additional = request.AdditionalSlaveSaeIds ?? [];
        if (additional.Any(id => id is null))
        {
            return KmsError.Bad("request body is malformed", "additional_slave_SAE_IDs", "entries shall be strings");
        }

        return KmsResult<EncKeysRequest>.Ok(new EncKeysRequest(request.Number, request.Size, additional, mandatory));
    }

    public static KmsResult<IReadOnlyList<string>> KeyIdsFromBody(ReadOnlyMemory<byte> body)
    {
        if (IsBlank(body.Span))
        {
            return KmsError.Bad("request body shall contain key_IDs", "key_IDs", "body is empty");
        }

        var parsed = Deserialize<EtsiKeyIds>(body);
        if (!parsed.IsOk)
        {
            return parsed.Error!;
        }

        if (parsed.Value.KeyIds is null)
        {
            return KmsError.Bad("request body shall contain key_IDs", "key_IDs", "missing");
        }

        if (parsed.Value.KeyIds.Any(e => e?.KeyId is null))
        {
            return KmsError.Bad("request body is malformed", "key_ID", "every entry shall have a key_ID string");
        }

        return KmsResult<IReadOnlyList<string>>.Ok(parsed.Value.KeyIds.Select(e => e.KeyId).ToList());
    }

    private static KmsResult<T> Deserialize<T>(ReadOnlyMemory<byte> body) where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return KmsError.Bad("request body is malformed", "body", "shall be a JSON object");
            }

            var value = document.RootElement.Deserialize<T>(EtsiJson.Options);
            return value is null ? KmsError.Bad("request body is malformed", "body", "null") : KmsResult<T>.Ok(value);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.').Split('[', '.')[0] : "body";
            return KmsError.Bad("request body is malformed", field, e.Path is { Length: > 2 } ? $"wrong type or value at {e.Path}" : "not valid JSON");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
