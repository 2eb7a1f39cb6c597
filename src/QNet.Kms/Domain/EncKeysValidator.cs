namespace QNet.Kms.Domain;

/// <summary>The value checks ETSI GS QKD 014 puts on an enc_keys request (number, size, multicast count, extensions).</summary>
internal static class EncKeysValidator
{
    /// <summary>Returns the first violation, or null when the request fits <paramref name="limits"/>.</summary>
    public static KmsError? Check(EncKeysRequest request, KmsLimits limits)
    {
        if (request.Number is { } number)
        {
            if (number <= 0)
            {
                return KmsError.Bad("number shall be a positive integer", "number", $"{number} is not positive");
            }

            if (number > limits.MaxKeyPerRequest)
            {
                return KmsError.Bad("requested parameters do not adhere to KME configuration", "number", $"{number} exceeds max_key_per_request {limits.MaxKeyPerRequest}");
            }
        }
        if (request.Size is { } size)
        {
            if (size <= 0)
            {
                return KmsError.Bad("size shall be a positive integer", "size", $"{size} is not positive");
            }

            if (size % 8 != 0)
            {
                return KmsError.Bad("size shall be a multiple of 8", "size", $"{size} is not a multiple of 8");
            }

            if (size < limits.MinKeySize || size > limits.MaxKeySize)
            {
                return KmsError.Bad("requested parameters do not adhere to KME configuration", "size", $"{size} is outside [{limits.MinKeySize}, {limits.MaxKeySize}]");
            }
        }
        if (request.AdditionalSlaveSaeIds.Count > limits.MaxSaeIdCount)
        {
            return KmsError.Bad("requested parameters do not adhere to KME configuration", "additional_slave_SAE_IDs",
                $"{request.AdditionalSlaveSaeIds.Count} exceeds max_SAE_ID_count {limits.MaxSaeIdCount}");
        }

        if (request.ExtensionMandatory.Count > 0)
        {
            return new KmsError(KmsErrorKind.BadRequest, "not all extension_mandatory parameters are supported",
                request.ExtensionMandatory.Select(name => new KmsErrorDetail("extension_mandatory", $"'{name}' is not supported")).ToList());
        }

        return null;
    }
}
