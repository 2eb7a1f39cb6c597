using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Pki;

namespace QNet.ControlPlane.Tests.Hosting;

/// <summary>The HTTP clients tests use against a running <c>qnet up</c>: its API with a token, and its ETSI API as an SAE.</summary>
internal sealed partial class QnetUpProcess
{
    /// <summary>A client of the admin API with <paramref name="token"/> as its bearer token.</summary>
    public HttpClient ApiClient(string token)
    {
        var client = new HttpClient { BaseAddress = ApiUrl };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A mutual-TLS client of the ETSI API as <paramref name="sae"/>, with its certificate from the PKI under <paramref name="dataDirectory"/>.</summary>
    public HttpClient SaeClient(string dataDirectory, string sae)
    {
        var pki = new DevPki(Path.Combine(dataDirectory, "pki"), TimeProvider.System);
        return EtsiSaeClient.Create(new Uri($"https://127.0.0.1:{EtsiPort}/"), pki.LoadSaeCertificate(sae), pki.LoadCaCertificate());
    }
}
