using System.Security.Cryptography.X509Certificates;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Pki;

namespace QNet.ControlPlane.Agents;

/// <summary>
/// Checks an agent's client certificate: issued by the control plane's CA for client authentication, marked as a
/// node certificate (<c>OU=qnet-node</c>, as <c>qnet pki issue-node</c> issues it), and naming (subject CN) the node the
/// agent claims. Each refusal says which of these failed.
/// </summary>
internal sealed class NodeCertificates(X509Certificate2 ca)
{
    /// <summary>Null when <paramref name="certificate"/> may speak for <paramref name="node"/>; else why not.</summary>
    public string? Refusal(X509Certificate2? certificate, string node)
    {
        if (certificate is null)
        {
            return "no client certificate: the agent endpoint needs a node certificate (qnet pki issue-node NAME)";
        }
        if (!EtsiMutualTls.IsIssuedBy(certificate, ca))
        {
            return $"client certificate '{certificate.Subject}' is not issued by this control plane's CA for client authentication";
        }
        if (!IsNodeCertificate(certificate))
        {
            return $"client certificate '{certificate.Subject}' is not a node certificate (OU={DevPki.NodeUnit}); issue one with qnet pki issue-node NAME";
        }
        var named = EtsiMutualTls.SaeIdOf(certificate);
        return named == node ? null : $"the certificate names node '{named}', but the agent claims node '{node}'";
    }

    private static bool IsNodeCertificate(X509Certificate2 certificate) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Any(rdn => rdn.GetSingleElementType().Value == "2.5.4.11" && rdn.GetSingleElementValue() == DevPki.NodeUnit);
}
