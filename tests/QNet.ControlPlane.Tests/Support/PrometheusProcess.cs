using System.Diagnostics;
using System.Net;
using System.Text.Json;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>
/// A real Prometheus (Debian's /usr/bin/prometheus) on a free loopback port, scraping one target every second with a
/// generated config and a fresh TSDB folder; stopped and deleted on dispose. A missing binary fails the test.
/// </summary>
public sealed class PrometheusProcess : IDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    public const string Promtool = "/usr/bin/promtool";

    private readonly Process _process;
    private readonly string _root;

    private PrometheusProcess(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public HttpClient Api { get; }

    /// <summary>Starts Prometheus scraping <paramref name="targetPort"/>; <paramref name="features"/> go to <c>--enable-feature</c> (e.g. exemplar-storage).</summary>
    public static async Task<PrometheusProcess> StartAsync(int targetPort, params string[] features)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: apt-get install prometheus (CI installs it)");
        var root = Path.Combine(Path.GetTempPath(), $"qnet-prom-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        int port = LoopbackPort.Free();
        var config = Path.Combine(root, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 2s
              scrape_timeout: 2s
            scrape_configs:
              - job_name: qnet
                static_configs:
                  - targets: ["127.0.0.1:{targetPort}"]
            """);
        return await LaunchAsync(root, config, port, features);
    }

    /// <summary>
    /// Starts Prometheus on a free loopback port with the configuration file <paramref name="configFile"/> as it is
    /// (relative rule paths resolve against its folder) and a fresh TSDB folder.
    /// </summary>
    public static async Task<PrometheusProcess> StartWithConfigAsync(string configFile)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: apt-get install prometheus (CI installs it)");
        var root = Path.Combine(Path.GetTempPath(), $"qnet-prom-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        return await LaunchAsync(root, configFile, LoopbackPort.Free(), []);
    }

    private static async Task<PrometheusProcess> LaunchAsync(string root, string config, int port, string[] features)
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(root, "tsdb")}", $"--web.listen-address=127.0.0.1:{port}" }
            .Concat(features.Select(f => $"--enable-feature={f}")))
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start prometheus");
        _ = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        var prometheus = new PrometheusProcess(process, root, port);
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            Assert.False(process.HasExited, $"prometheus exited: {(process.HasExited ? await log : "")}");
            try { return (await prometheus.Api.GetAsync("-/ready")).IsSuccessStatusCode ? "ready" : null; }
            catch (HttpRequestException) { return null; }
        }, "Prometheus to be ready");
        return prometheus;
    }

    /// <summary>The result vector of an instant query.</summary>
    public async Task<JsonElement[]> QueryAsync(string query)
    {
        var body = JsonDocument.Parse(await Api.GetStringAsync("api/v1/query?query=" + WebUtility.UrlEncode(query))).RootElement;
        Assert.Equal("success", body.GetProperty("status").GetString());
        return body.GetProperty("data").GetProperty("result").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary>The scrape targets' state (health, last error), for failure messages.</summary>
    public Task<string> TargetsAsync() => Api.GetStringAsync("api/v1/targets");

    /// <summary>Runs <c>promtool check metrics</c> on <paramref name="exposition"/>; returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: apt-get install prometheus (CI installs it)");
        var info = new ProcessStartInfo(Promtool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("check");
        info.ArgumentList.Add("metrics");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        Api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
