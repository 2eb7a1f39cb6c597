using System.Diagnostics;
using QNet.ControlPlane.Etsi;
using QNet.Kms.Supply;

namespace QNet.Kms.LoadBench;

/// <summary>
/// Scenario benchmark of ETSI key delivery: a KMS (SQLite unless <c>--store</c> names another, mutual TLS on loopback)
/// and N SAE client pairs doing enc_keys (1 × 256-bit key) then dec_keys, on keep-alive connections so TLS sessions are
/// reused. Reports pairs per second, pair latency percentiles and CPU per pair.
/// <para>
/// Usage: <c>[--clients 8] [--seconds 15] [--warmup 8] [--client raw|httpclient] [--store LOCATION]
/// [--in-process | --direct | --external DATA --port P --server-pid PID]</c>. By default the server runs as its own
/// <c>qnet kms serve</c> process, as deployed, and its CPU is reported apart from the clients'. <c>--in-process</c> hosts
/// it inside the benchmark (server and clients then share one thread pool and one GC); <c>--direct</c> calls the
/// KeyManager without HTTP. <c>--client raw</c> (the default) drives the server with lean HTTP/1.1 clients
/// (<see cref="RawEtsiClient"/>), the way wrk or h2load would; <c>--client httpclient</c> uses HttpClient.
/// </para>
/// </summary>
internal static class LoadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = IntArg(args, "--clients", 8);
        var seconds = IntArg(args, "--seconds", 15);
        var warmup = IntArg(args, "--warmup", 8, min: 0);
        var store = StringArg(args, "--store");
        var direct = Array.IndexOf(args, "--direct") >= 0;
        var raw = (StringArg(args, "--client") ?? "raw") switch
        {
            "raw" => true,
            "httpclient" => false,
            var other => throw new ArgumentException($"--client must be raw or httpclient, not '{other}'"),
        };
        if (StringArg(args, "--external") is { } externalData)
        {
            return await ExternalAsync(externalData, IntArg(args, "--port", 8443), IntArg(args, "--server-pid", 0), clients, seconds, warmup, raw);
        }

        var spawn = !direct && Array.IndexOf(args, "--in-process") < 0;
        return await WithTwoSaesAsync(store, (data, masterKey) => spawn
            ? SpawnAsync(data, masterKey, store, clients, seconds, warmup, raw)
            : InProcessAsync(data, masterKey, store, clients, seconds, warmup, direct, raw));
    }

    /// <summary>Issues sae-alice@alice and sae-bob@bob into a fresh data directory, runs <paramref name="run"/> on it (data directory, master key file) and removes it.</summary>
    private static async Task<int> WithTwoSaesAsync(string? store, Func<string, string, Task<int>> run)
    {
        var root = Path.Combine(Path.GetTempPath(), $"qnet-loadbench-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        var masterKey = Path.Combine(root, "secrets", "master.key");
        try
        {
            await KmsAdministration.IssueSaeAsync(data, "sae-alice", "alice", store, masterKey, TimeProvider.System);
            await KmsAdministration.IssueSaeAsync(data, "sae-bob", "bob", store, masterKey, TimeProvider.System);
            return await run(data, masterKey);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Hosts the KMS inside this process and drives it over HTTPS, or calls it directly with <paramref name="direct"/>.</summary>
    private static async Task<int> InProcessAsync(string data, string masterKey, string? store, int clients, int seconds, int warmup, bool direct, bool raw)
    {
        // 64 KiB every 20 ms = 26 Mbit/s of development key per pair: supply never limits the measurement.
        var options = new EtsiKmsHostOptions(data, port: 0, store: store, masterKeyFile: masterKey,
            devSupply: new DevKeySupplyOptions(65536, TimeSpan.FromMilliseconds(20)));
        await using var host = await EtsiKmsHost.StartAsync(options, TimeProvider.System);
        using var pairs = direct ? null : await ClientPairs.ConnectAsync(host.Port, host.Pki, clients, raw);
        await Task.Delay(500);

        Console.WriteLine($"warm-up {warmup} s with {clients} client pairs ...");
        Func<int, Task> pairOnce = pairs is null ? _ => DirectPairAsync(host.Kms) : pairs.OnceAsync;
        await MeasureAsync(clients, pairOnce, TimeSpan.FromSeconds(warmup));
        Console.WriteLine($"measuring {seconds} s ...");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (latencies, unavailable, elapsed) = await MeasureAsync(clients, pairOnce, TimeSpan.FromSeconds(seconds));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        latencies.Sort();
        Console.WriteLine($"store: {(store is null ? "SQLite" : "custom")}, clients: {clients}, cores: {Environment.ProcessorCount}, path: {(direct ? "KeyManager calls (no HTTP/TLS)" : raw ? "HTTPS mutual TLS, keep-alive, lean HTTP/1.1 clients" : "HTTPS mutual TLS, keep-alive, HttpClient clients")}");
        Console.WriteLine($"pairs (enc_keys + dec_keys, 256-bit): {latencies.Count} in {elapsed.TotalSeconds:F1} s = {latencies.Count / elapsed.TotalSeconds:F0} pairs/s ({2 * latencies.Count / elapsed.TotalSeconds:F0} requests/s); 503s: {unavailable}");
        Console.WriteLine($"process CPU: {cpu.TotalSeconds:F1} s over {elapsed.TotalSeconds:F1} s wall = {cpu.TotalSeconds / elapsed.TotalSeconds:F2} cores busy; {cpu.TotalMilliseconds / Math.Max(1, latencies.Count):F3} CPU-ms per pair (server and clients together)");
        PrintLatencies(latencies);
        return 0;
    }

    /// <summary>
    /// Drives a separately running <c>qnet kms serve</c> (its data directory gives the PKI; SAEs sae-alice at alice and
    /// sae-bob at bob must be registered) and reads the server's own CPU time from /proc, so client cost is excluded.
    /// </summary>
    private static async Task<int> ExternalAsync(string data, int port, int serverPid, int clients, int seconds, int warmup, bool raw)
    {
        using var pairs = await ClientPairs.ConnectAsync(port, new QNet.ControlPlane.Pki.DevPki(Path.Combine(data, "pki"), TimeProvider.System), clients, raw);
        Func<int, Task> pairOnce = pairs.OnceAsync;
        await MeasureAsync(clients, pairOnce, TimeSpan.FromSeconds(warmup));
        var serverBefore = ServerCpuSeconds(serverPid);
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (latencies, unavailable, elapsed) = await MeasureAsync(clients, pairOnce, TimeSpan.FromSeconds(seconds));
        var serverCpu = ServerCpuSeconds(serverPid) - serverBefore;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
        latencies.Sort();
        Console.WriteLine($"server: separate process (pid {serverPid}, port {port}), clients: {clients} {(raw ? "lean HTTP/1.1" : "HttpClient")}, cores: {Environment.ProcessorCount}, path: HTTPS mutual TLS, keep-alive");
        Console.WriteLine($"pairs: {latencies.Count} in {elapsed.TotalSeconds:F1} s = {latencies.Count / elapsed.TotalSeconds:F0} pairs/s; 503s: {unavailable}");
        Console.WriteLine($"server CPU {serverCpu:F1} s = {1000 * serverCpu / Math.Max(1, latencies.Count):F3} ms per pair; client CPU {clientCpu:F1} s = {1000 * clientCpu / Math.Max(1, latencies.Count):F3} ms per pair");
        PrintLatencies(latencies);
        return 0;
    }

    /// <summary>
    /// Starts <c>qnet kms serve</c> on <paramref name="data"/> (from this program's directory, on a free port) and drives
    /// it as <see cref="ExternalAsync"/> does; the server is stopped afterwards.
    /// </summary>
    private static async Task<int> SpawnAsync(string data, string masterKey, string? store, int clients, int seconds, int warmup, bool raw)
    {
        var qnet = Path.Combine(AppContext.BaseDirectory, "qnet.dll");
        // The default development supply (8 KiB blocks, 3.3 Mbit/s = 12,800 keys of 256 bits a second per pair) keeps
        // ahead of the clients; the pool starts empty, and the warm-up fills it.
        string[] serve = [qnet, "kms", "serve", "--data", data, "--master-key", masterKey, "--etsi-port", "0"];
        var start = new ProcessStartInfo("dotnet", store is null ? serve : [.. serve, "--store", store])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var server = Process.Start(start) ?? throw new InvalidOperationException("could not start qnet kms serve");
        try
        {
            var port = await ListeningPortAsync(server);
            Console.WriteLine($"qnet kms serve (pid {server.Id}) listening on port {port}; warm-up {warmup} s with {clients} client pairs ...");
            return await ExternalAsync(data, port, server.Id, clients, seconds, warmup, raw);
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Reads the server's output until it prints <c>listening on https://127.0.0.1:PORT</c>.</summary>
    private static async Task<int> ListeningPortAsync(Process server)
    {
        const string Marker = "listening on https://127.0.0.1:";
        while (await server.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                return int.Parse(line[Marker.Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"qnet kms serve exited before listening: {await server.StandardError.ReadToEndAsync()}");
    }

    private static double ServerCpuSeconds(int pid)
    {
        if (pid <= 0)
        {
            return 0;
        }
        // /proc/PID/stat fields 14 and 15 (utime, stime) in clock ticks of 1/100 s; the command name may hold spaces, so split after ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>An enc_keys answered 503: the pool was dry; counted apart, not as a latency.</summary>
    internal sealed class PoolDryException : Exception;

    private static void PrintLatencies(List<double> sorted)
    {
        double Percentile(double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        Console.WriteLine($"pair latency ms: p50 {Percentile(0.50):F2}, p90 {Percentile(0.90):F2}, p99 {Percentile(0.99):F2}, max {sorted.LastOrDefault():F2}");
    }

    private static async Task DirectPairAsync(KeyManager kms)
    {
        var enc = await kms.GetEncKeysAsync("sae-alice", "sae-bob", QNet.Kms.Domain.EncKeysRequest.Default);
        if (!enc.IsOk)
        {
            throw new PoolDryException();
        }

        var dec = await kms.GetDecKeysAsync("sae-bob", "sae-alice", [enc.Value[0].KeyId.ToString()]);
        if (!dec.IsOk)
        {
            throw new InvalidOperationException(dec.Error!.Message);
        }
    }

    private static async Task<(List<double> LatenciesMs, int Unavailable, TimeSpan Elapsed)> MeasureAsync(int clients, Func<int, Task> pairOnce, TimeSpan duration)
    {
        var all = new List<double>();
        var unavailable = 0;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = new List<double>();
            var refused = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                var t0 = Stopwatch.GetTimestamp();
                try { await pairOnce(c); }
                catch (PoolDryException) { refused++; continue; }
                mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            return (mine, refused);
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var (mine, refused) in results)
        {
            all.AddRange(mine);
            unavailable += refused;
        }
        return (all, unavailable, elapsed);
    }

    private static int IntArg(string[] args, string name, int fallback, int min = 1)
    {
        if (StringArg(args, name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"{name} must be a whole number of at least {min}, not '{text}'");
    }

    private static string? StringArg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
