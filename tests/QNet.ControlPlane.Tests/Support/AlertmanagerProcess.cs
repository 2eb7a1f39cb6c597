using System.Diagnostics;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>
/// A real Alertmanager (Debian's /usr/bin/prometheus-alertmanager) on a free loopback port, clustering off, with the
/// given configuration and files in a fresh folder; stopped and deleted on dispose. A missing binary fails the test.
/// </summary>
public sealed class AlertmanagerProcess : IDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly Process _process;
    private readonly string _root;

    private AlertmanagerProcess(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public HttpClient Api { get; }

    /// <summary>Writes <paramref name="files"/> (name, content; the configuration as <c>alertmanager.yaml</c>) and starts Alertmanager on them.</summary>
    public static async Task<AlertmanagerProcess> StartAsync(IReadOnlyDictionary<string, string> files)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: apt-get install prometheus-alertmanager (CI installs it)");
        var root = Path.Combine(Path.GetTempPath(), $"qnet-am-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        foreach (var (name, content) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(root, name), content);
        }

        var port = LoopbackPort.Free();
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { $"--config.file={Path.Combine(root, "alertmanager.yaml")}", $"--storage.path={Path.Combine(root, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=" })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start alertmanager");
        _ = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        var alertmanager = new AlertmanagerProcess(process, root, port);
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            Assert.False(process.HasExited, $"alertmanager exited: {(process.HasExited ? await log : "")}");
            try { return (await alertmanager.Api.GetAsync("-/ready")).IsSuccessStatusCode ? "ready" : null; }
            catch (HttpRequestException) { return null; }
        }, "Alertmanager to be ready");
        return alertmanager;
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
