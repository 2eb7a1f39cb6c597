using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace QNet.Cli.Tests;

/// <summary>
/// A real <c>qnet up</c> child process on free ports with its own data folder, and an operator token created with
/// <c>qnet token create</c>, as an operator would start it for a live game day.
/// </summary>
internal sealed partial class QnetUpChild : IDisposable
{
    private readonly Process _process;

    private QnetUpChild(Process process, string root, Uri api, string token)
    {
        _process = process;
        Root = root;
        Api = api;
        Token = token;
    }

    public string Root { get; }

    public Uri Api { get; }

    public string Token { get; }

    public static QnetUpChild Start(double timeFactor)
    {
        string root = Path.Combine(Path.GetTempPath(), "qnet-live-" + Guid.NewGuid().ToString("N"));
        string data = Path.Combine(root, "data");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "qnet.dll"), "up", "--api-port", "0", "--etsi-port", "0", "--data", data,
            "--time-factor", timeFactor.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["QNET_KMS_MASTER_KEY_FILE"] = Path.Combine(root, "secrets", "master.key");
        info.Environment["NO_COLOR"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start qnet up");
        _ = process.StandardError.ReadToEndAsync();
        Uri? api = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (ApiLine().Match(line) is { Success: true } m)
            {
                api = new Uri(m.Groups[1].Value);
            }
            if (api is not null && line.StartsWith("dashboard:", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                var created = QnetProcess.Run("token", "create", "--role", "operator", "--data", data);
                string token = created.StdOut.Split('\n')[0].Trim();
                if (created.ExitCode != 0 || !token.StartsWith("qnet_", StringComparison.Ordinal))
                {
                    process.Kill(entireProcessTree: true);
                    throw new InvalidOperationException("qnet token create failed: " + created.StdOut + created.StdErr);
                }
                return new QnetUpChild(process, root, api, token);
            }
        }
        process.WaitForExit();
        throw new InvalidOperationException($"qnet up exited ({process.ExitCode}) before printing its URLs");
    }

    /// <summary>Stops the process (SIGSTOP): it keeps its sockets, so calls connect and then get no answer, as from a hung server.</summary>
    public void Freeze() => Signal("-STOP");

    /// <summary>Lets a frozen process run again (SIGCONT).</summary>
    public void Thaw() => Signal("-CONT");

    /// <summary>GET a JSON document from the API with the operator token.</summary>
    public JsonElement Get(string path)
    {
        using var http = new HttpClient { BaseAddress = Api };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        using var doc = JsonDocument.Parse(http.GetStringAsync(path).GetAwaiter().GetResult());
        return doc.RootElement.Clone();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    [GeneratedRegex(@"^API:\s+(http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ApiLine();
}
