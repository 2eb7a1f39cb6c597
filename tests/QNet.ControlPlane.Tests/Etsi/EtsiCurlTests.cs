using System.Diagnostics;
using System.Text.Json;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>An independent ETSI client: Debian's <c>curl</c> with client certificates, through the whole flow.</summary>
public sealed class EtsiCurlTests(EtsiTestServer server) : IClassFixture<EtsiTestServer>
{
    private const string CurlPath = "/usr/bin/curl";

    private (int Status, JsonElement Body) Curl(string sae, string path, string? postBody = null)
    {
        if (!File.Exists(CurlPath))
        {
            throw new InvalidOperationException("curl not found at /usr/bin/curl: install the Debian package 'curl'");
        }

        var pki = Path.Combine(server.DataDirectory, "pki");
        var info = new ProcessStartInfo(CurlPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-sS", "--cacert", Path.Combine(pki, "ca.crt"), "--cert", Path.Combine(pki, sae + ".crt"), "--key", Path.Combine(pki, sae + ".key"),
                     "-w", "\n%{http_code}", $"https://127.0.0.1:{server.Host.Port}/api/v1/keys/{path}" })
        {
            info.ArgumentList.Add(arg);
        }

        if (postBody is not null)
        {
            foreach (var arg in new[] { "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", postBody })
            {
                info.ArgumentList.Add(arg);
            }
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"curl failed ({process.ExitCode}): {error}");
        var split = output.LastIndexOf('\n');
        return (int.Parse(output[(split + 1)..], System.Globalization.CultureInfo.InvariantCulture), JsonDocument.Parse(output[..split]).RootElement);
    }

    [Fact]
    public void Curl_FullFlow_StatusEncDecReplayAndThirdSae()
    {
        var (status, body) = Curl("sae-alice", "sae-bob/status");
        Assert.Equal(200, status);
        Assert.Equal("bob", body.GetProperty("target_KME_ID").GetString());

        (status, var byGet) = Curl("sae-alice", "sae-bob/enc_keys?number=1&size=256");
        Assert.Equal(200, status);
        (status, var byPost) = Curl("sae-alice", "sae-bob/enc_keys", """{"number": 2, "size": 256}""");
        Assert.Equal(200, status);
        var getKey = byGet.GetProperty("keys")[0];
        var postKeys = byPost.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, postKeys.Count);

        (status, body) = Curl("sae-bob", $"sae-alice/dec_keys?key_ID={getKey.GetProperty("key_ID").GetString()}");
        Assert.Equal(200, status);
        Assert.Equal(getKey.GetProperty("key").GetString(), body.GetProperty("keys")[0].GetProperty("key").GetString());

        var ids = string.Join(", ", postKeys.Select(k => $$"""{"key_ID": "{{k.GetProperty("key_ID").GetString()}}"}"""));
        var request = $$"""{"key_IDs": [{{ids}}]}""";
        (status, var third) = Curl("sae-carol", "sae-alice/dec_keys", request);
        Assert.Equal(401, status);
        Assert.True(third.TryGetProperty("message", out _));

        (status, body) = Curl("sae-bob", "sae-alice/dec_keys", request);
        Assert.Equal(200, status);
        Assert.Equal(postKeys.Select(k => k.GetProperty("key").GetString()), body.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("key").GetString()));

        (status, body) = Curl("sae-bob", "sae-alice/dec_keys", request);
        Assert.Equal(400, status);
        Assert.Equal("one or more keys specified are not found on KME", body.GetProperty("message").GetString());
    }
}
