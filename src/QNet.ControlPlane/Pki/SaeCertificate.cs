namespace QNet.ControlPlane.Pki;

/// <summary>An issued SAE client certificate.</summary>
/// <param name="CertificatePath">The PEM certificate (<c>NAME.crt</c>).</param>
/// <param name="KeyPath">The PEM private key (<c>NAME.key</c>, mode 0600).</param>
/// <param name="RevokedSerial">The serial of the certificate this one replaced and revoked, or null for a first issue.</param>
public sealed record SaeCertificate(string CertificatePath, string KeyPath, string? RevokedSerial);
