using System.Diagnostics;
using System.Text.RegularExpressions;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Hosting;

/// <summary>A real <c>qnet up</c> child process on free ports; its URLs are read from what it prints.</summary>
internal sealed partial class QnetUpProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output;

    private QnetUpProcess(Process process, List<string> output, int apiPort, int etsiPort)
    {
        _process = process;
        _output = output;
        ApiPort = apiPort;
        EtsiPort = etsiPort;
    }

    public int ApiPort { get; }
    public int EtsiPort { get; }
    public Uri ApiUrl => new($"http://127.0.0.1:{ApiPort}/");
    public IReadOnlyList<string> Output => _output;

    public static async Task<QnetUpProcess> StartAsync(string data, string masterKeyFile, double timeFactor, params string[] extraArguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { QnetPaths.QnetDll(), "up", "--api-port", "0", "--etsi-port", "0", "--data", data, "--time-factor", timeFactor.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(extraArguments))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["QNET_KMS_MASTER_KEY_FILE"] = masterKeyFile;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start qnet");
        var seen = new List<string>();
        _ = Task.Run(async () => { while (await process.StandardError.ReadLineAsync() is { } l) { lock (seen) { seen.Add("stderr: " + l); } } });
        int api = 0, etsi = 0;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (seen)
            {
                seen.Add(line);
            }

            if (ApiLine().Match(line) is { Success: true } a)
            {
                api = int.Parse(a.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (EtsiLine().Match(line) is { Success: true } e)
            {
                etsi = int.Parse(e.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (api != 0 && etsi != 0 && line.StartsWith("dashboard:", StringComparison.Ordinal))
            {
                _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is { } l) { lock (seen) { seen.Add(l); } } });
                return new QnetUpProcess(process, seen, api, etsi);
            }
        }
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"qnet up exited ({process.ExitCode}) before printing its URLs:\n{string.Join('\n', seen)}");
    }

    /// <summary>SIGTERM, as a service manager stops it; waits for a clean exit and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a crash: no clean stop; waits until the process is gone (Dispose later only releases it).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"^API:\s+http://127\.0\.0\.1:(\d+)/")]
    private static partial Regex ApiLine();

    [GeneratedRegex(@"^ETSI keys:\s+https://127\.0\.0\.1:(\d+)/")]
    private static partial Regex EtsiLine();
}
