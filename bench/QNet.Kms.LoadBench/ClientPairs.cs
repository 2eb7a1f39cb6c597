using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Pki;

namespace QNet.Kms.LoadBench;

/// <summary>
/// N (sae-alice, sae-bob) client pairs on kept-alive mutual-TLS connections to one server: lean HTTP/1.1 clients
/// (<see cref="RawEtsiClient"/>) or HttpClient. Pair <c>i</c> does one enc_keys then the matching dec_keys.
/// </summary>
internal sealed class ClientPairs : IDisposable
{
    private readonly (HttpClient Alice, HttpClient Bob)[] _http;
    private readonly (RawEtsiClient Alice, RawEtsiClient Bob)[] _lean;

    private ClientPairs((HttpClient, HttpClient)[] http, (RawEtsiClient, RawEtsiClient)[] lean)
    {
        _http = http;
        _lean = lean;
    }

    /// <summary>Connects <paramref name="count"/> pairs to 127.0.0.1:<paramref name="port"/> with certificates from <paramref name="pki"/>.</summary>
    public static async Task<ClientPairs> ConnectAsync(int port, DevPki pki, int count, bool raw)
    {
        var ca = pki.LoadCaCertificate();
        if (raw)
        {
            var lean = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ => (
                await RawEtsiClient.ConnectAsync("127.0.0.1", port, pki.LoadSaeCertificate("sae-alice"), ca),
                await RawEtsiClient.ConnectAsync("127.0.0.1", port, pki.LoadSaeCertificate("sae-bob"), ca))));
            return new ClientPairs([], lean);
        }
        var uri = new Uri($"https://127.0.0.1:{port}/");
        var http = Enumerable.Range(0, count).Select(_ => (
            EtsiSaeClient.Create(uri, pki.LoadSaeCertificate("sae-alice"), ca),
            EtsiSaeClient.Create(uri, pki.LoadSaeCertificate("sae-bob"), ca))).ToArray();
        return new ClientPairs(http, []);
    }

    /// <summary>One enc_keys (1 × 256-bit key) by pair <paramref name="i"/>'s master, then dec_keys by its slave.</summary>
    public Task OnceAsync(int i) => _lean.Length > 0 ? LeanPairAsync(_lean[i].Alice, _lean[i].Bob) : HttpPairAsync(_http[i].Alice, _http[i].Bob);

    private static async Task HttpPairAsync(HttpClient alice, HttpClient bob)
    {
        using var enc = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
        if (enc.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw new LoadBench.PoolDryException();
        }

        enc.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await enc.Content.ReadAsStreamAsync());
        var id = doc.RootElement.GetProperty("keys")[0].GetProperty("key_ID").GetString();
        using var dec = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={id}");
        dec.EnsureSuccessStatusCode();
    }

    private static async Task LeanPairAsync(RawEtsiClient alice, RawEtsiClient bob)
    {
        var (status, body) = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
        if (status == (int)HttpStatusCode.ServiceUnavailable)
        {
            throw new LoadBench.PoolDryException();
        }

        if (status != 200)
        {
            throw new InvalidOperationException($"enc_keys answered {status}");
        }

        string? id;
        using (var doc = JsonDocument.Parse(body))
        {
            id = doc.RootElement.GetProperty("keys")[0].GetProperty("key_ID").GetString();
        }

        var (decStatus, _) = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={id}");
        if (decStatus != 200)
        {
            throw new InvalidOperationException($"dec_keys answered {decStatus}");
        }
    }

    public void Dispose()
    {
        foreach (var (a, b) in _http) { a.Dispose(); b.Dispose(); }
        foreach (var (a, b) in _lean) { a.Dispose(); b.Dispose(); }
    }
}
