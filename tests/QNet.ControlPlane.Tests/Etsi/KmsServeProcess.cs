using System.Diagnostics;
using System.Text.RegularExpressions;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>A real <c>qnet kms serve</c> child process (the CLI built next to this test project).</summary>
internal sealed partial class KmsServeProcess : IDisposable
{
    private readonly Process _process;

    public int Port { get; }

    private KmsServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>Starts the server on a free port and waits until it prints its listening address.</summary>
    /// <param name="store">A PostgreSQL connection string, or null for the SQLite file in the data directory.</param>
    public static async Task<KmsServeProcess> StartAsync(string dataDirectory, string masterKeyFile, string? store = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { QnetPaths.QnetDll(), "kms", "serve", "--data", dataDirectory, "--master-key", masterKeyFile, "--etsi-port", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        if (store is not null)
        {
            info.ArgumentList.Add("--store");
            info.ArgumentList.Add(store);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start qnet");
        _ = process.StandardError.ReadToEndAsync();
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            seen.Add(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new KmsServeProcess(process, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        throw new InvalidOperationException($"qnet kms serve exited ({process.ExitCode}) before listening: {string.Join('\n', seen)}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; the store must cope.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^listening on https://127\.0\.0\.1:(\d+)$")]
    private static partial Regex ListeningLine();
}
