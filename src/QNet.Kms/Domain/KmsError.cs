namespace QNet.Kms.Domain;

/// <summary>The class of a refused request; maps one to one to the ETSI HTTP status codes 400, 401 and 503.</summary>
public enum KmsErrorKind
{
    /// <summary>Malformed or out-of-range request, or keys not found (HTTP 400).</summary>
    BadRequest,

    /// <summary>Caller not registered or not entitled to the keys (HTTP 401).</summary>
    Unauthorized,

    /// <summary>The pool cannot serve the request now (HTTP 503).</summary>
    Unavailable,
}

/// <summary>An expected refusal: a value, not an exception. <paramref name="Details"/> become the ETSI <c>details</c> array.</summary>
public sealed record KmsError(KmsErrorKind Kind, string Message, IReadOnlyList<KmsErrorDetail>? Details = null)
{
    /// <summary>A 400 refusal.</summary>
    public static KmsError Bad(string message, string? parameter = null, string? reason = null) =>
        new(KmsErrorKind.BadRequest, message, parameter is null ? null : [new KmsErrorDetail(parameter, reason ?? message)]);

    /// <summary>A 401 refusal.</summary>
    public static KmsError Unauthorized(string message) => new(KmsErrorKind.Unauthorized, message);

    /// <summary>A 503 refusal.</summary>
    public static KmsError Unavailable(string message) => new(KmsErrorKind.Unavailable, message);
}

/// <summary>One entry of the ETSI error <c>details</c> array: which parameter, and why.</summary>
public sealed record KmsErrorDetail(string Parameter, string Reason);
