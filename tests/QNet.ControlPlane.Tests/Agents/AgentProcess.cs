using System.Diagnostics;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Agents;

/// <summary>A real <c>qnet agent</c> child process; its output lines are collected.</summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Task _readers;

    private AgentProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(Collect(process.StandardOutput, ""), Collect(process.StandardError, "stderr: "));
    }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public static AgentProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(QnetPaths.QnetDll());
        info.ArgumentList.Add("agent");
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["NO_COLOR"] = "1";
        return new AgentProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start qnet agent"));
    }

    /// <summary>Waits for the process to exit by itself (a refusal) and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(limit.Token);
        await _readers;
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager stops it; waits for the exit and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        return await ExitCodeAsync();
    }

    /// <summary>kill -9, as a crashed or unplugged site would vanish.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task Collect(StreamReader reader, string prefix)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.Add(prefix + line);
            }
        }
    }
}
