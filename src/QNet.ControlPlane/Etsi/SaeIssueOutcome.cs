using QNet.ControlPlane.Pki;

namespace QNet.ControlPlane.Etsi;

/// <summary>What <see cref="KmsAdministration.IssueSaeAsync"/> did: issued a certificate, or refused (and changed nothing).</summary>
public sealed record SaeIssueOutcome
{
    private SaeIssueOutcome(SaeCertificate? certificate, string? previousKmeId, string? refusal)
    {
        Certificate = certificate;
        PreviousKmeId = previousKmeId;
        Refusal = refusal;
    }

    /// <summary>The issued certificate, or null when refused.</summary>
    public SaeCertificate? Certificate { get; }

    /// <summary>The KME the SAE was registered at before a forced replacement, or null.</summary>
    public string? PreviousKmeId { get; }

    /// <summary>Why nothing was issued (for the user), or null when issued.</summary>
    public string? Refusal { get; }

    /// <summary>An issued certificate.</summary>
    public static SaeIssueOutcome Issued(SaeCertificate certificate, string? previousKmeId) => new(certificate, previousKmeId, null);

    /// <summary>A refusal.</summary>
    public static SaeIssueOutcome Refused(string reason) => new(null, null, reason);
}
