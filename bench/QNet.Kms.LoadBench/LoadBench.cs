using System.Diagnostics;
using System.Net;
using System.Text.Json;
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
        var warmup = IntArg(args, "--warmup", 8);
        var store = StringArg(args, "--store");
        var direct = Array.IndexOf(args, "--direct") >= 0;
        var raw = (StringArg(args, "--client") ?? "raw") switch
        {
            "raw" => true,
            "httpclient" => false,
            var other => throw new ArgumentException($"--client must be raw or httpclient, not '{other}'"),
        };
        if (StringArg(args, "--external") is { } externalData)
            return await ExternalAsync(externalData, IntArg(args, "--port", 8443), IntArg(args, "--server-pid", 0), clients, seconds, warmup, raw);
        if (!direct && Array.IndexOf(args, "--in-process") < 0) return await SpawnAsync(clients, seconds, warmup, raw, store);
        var root = Path.Combine(Path.GetTempPath(), $"qnet-loadbench-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        var masterKey = Path.Combine(root, "secrets", "master.key");
        try
        {
            await KmsAdministration.IssueSaeAsync(data, "sae-alice", "alice", store, masterKey, TimeProvider.System);
            await KmsAdministration.IssueSaeAsync(data, "sae-bob", "bob", store, masterKey, TimeProvider.System);
            // 64 KiB every 20 ms = 26 Mbit/s of development key per pair: supply never limits the measurement.
            var options = new EtsiKmsHostOptions(data, port: 0, store: store, masterKeyFile: masterKey,
                devSupply: new DevKeySupplyOptions(65536, TimeSpan.FromMilliseconds(20)));
            await using var host = await EtsiKmsHost.StartAsync(options, TimeProvider.System);
            var uri = new Uri($"https://127.0.0.1:{host.Port}/");
            var ca = host.Pki.LoadCaCertificate();
            var pairs = Enumerable.Range(0, clients).Select(_ => (
                Alice: EtsiSaeClient.Create(uri, host.Pki.LoadSaeCertificate("sae-alice"), ca),
                Bob: EtsiSaeClient.Create(uri, host.Pki.LoadSaeCertificate("sae-bob"), ca))).ToArray();
            var rawPairs = raw
                ? await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ => (
                    Alice: await RawEtsiClient.ConnectAsync("127.0.0.1", host.Port, host.Pki.LoadSaeCertificate("sae-alice"), ca),
                    Bob: await RawEtsiClient.ConnectAsync("127.0.0.1", host.Port, host.Pki.LoadSaeCertificate("sae-bob"), ca))))
                : [];
            await Task.Delay(500);

            Console.WriteLine($"warm-up {warmup} s with {clients} client pairs ...");
            Func<int, Task> pairOnce = direct ? _ => DirectPairAsync(host.Kms)
                : raw ? i => RawPairAsync(rawPairs[i].Alice, rawPairs[i].Bob)
                : i => HttpPairAsync(pairs[i].Alice, pairs[i].Bob);
            await MeasureAsync(clients, pairOnce, TimeSpan.FromSeconds(warmup));
            Console.WriteLine($"measuring {seconds} s ...");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (latencies, unavailable, elapsed) = await MeasureAsync(clients, pairOnce, TimeSpan.FromSeconds(seconds));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            latencies.Sort();
            double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
            Console.WriteLine($"store: {(store is null ? "SQLite" : "custom")}, clients: {clients}, cores: {Environment.ProcessorCount}, path: {(direct ? "KeyManager calls (no HTTP/TLS)" : raw ? "HTTPS mutual TLS, keep-alive, lean HTTP/1.1 clients" : "HTTPS mutual TLS, keep-alive, HttpClient clients")}");
            Console.WriteLine($"pairs (enc_keys + dec_keys, 256-bit): {latencies.Count} in {elapsed.TotalSeconds:F1} s = {latencies.Count / elapsed.TotalSeconds:F0} pairs/s ({2 * latencies.Count / elapsed.TotalSeconds:F0} requests/s); 503s: {unavailable}");
            Console.WriteLine($"process CPU: {cpu.TotalSeconds:F1} s over {elapsed.TotalSeconds:F1} s wall = {cpu.TotalSeconds / elapsed.TotalSeconds:F2} cores busy; {cpu.TotalMilliseconds / Math.Max(1, latencies.Count):F3} CPU-ms per pair (server and clients together)");
            Console.WriteLine($"pair latency ms: p50 {Percentile(0.50):F2}, p90 {Percentile(0.90):F2}, p99 {Percentile(0.99):F2}, max {latencies.LastOrDefault():F2}");
            foreach (var (a, b) in pairs) { a.Dispose(); b.Dispose(); }
            foreach (var (a, b) in rawPairs) { a.Dispose(); b.Dispose(); }
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Drives a separately running <c>qnet kms serve</c> (its data directory gives the PKI; SAEs sae-alice at alice and
    /// sae-bob at bob must be registered) and reads the server's own CPU time from /proc, so client cost is excluded.
    /// </summary>
    private static async Task<int> ExternalAsync(string data, int port, int serverPid, int clients, int seconds, int warmup, bool raw)
    {
        var pki = new QNet.ControlPlane.Pki.DevPki(Path.Combine(data, "pki"), TimeProvider.System);
        var uri = new Uri($"https://127.0.0.1:{port}/");
        var ca = pki.LoadCaCertificate();
        var pairs = raw ? [] : Enumerable.Range(0, clients).Select(_ => (
            Alice: EtsiSaeClient.Create(uri, pki.LoadSaeCertificate("sae-alice"), ca),
            Bob: EtsiSaeClient.Create(uri, pki.LoadSaeCertificate("sae-bob"), ca))).ToArray();
        var rawPairs = raw
            ? await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ => (
                Alice: await RawEtsiClient.ConnectAsync("127.0.0.1", port, pki.LoadSaeCertificate("sae-alice"), ca),
                Bob: await RawEtsiClient.ConnectAsync("127.0.0.1", port, pki.LoadSaeCertificate("sae-bob"), ca))))
            : [];
        Func<int, Task> pairOnce = raw ? i => RawPairAsync(rawPairs[i].Alice, rawPairs[i].Bob) : i => HttpPairAsync(pairs[i].Alice, pairs[i].Bob);
        await MeasureAsync(clients, pairOnce, TimeSpan.FromSeconds(warmup));
        var serverBefore = ServerCpuSeconds(serverPid);
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (latencies, unavailable, elapsed) = await MeasureAsync(clients, pairOnce, TimeSpan.FromSeconds(seconds));
        var serverCpu = ServerCpuSeconds(serverPid) - serverBefore;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"server: separate process (pid {serverPid}, port {port}), clients: {clients} {(raw ? "lean HTTP/1.1" : "HttpClient")}, cores: {Environment.ProcessorCount}, path: HTTPS mutual TLS, keep-alive");
        Console.WriteLine($"pairs: {latencies.Count} in {elapsed.TotalSeconds:F1} s = {latencies.Count / elapsed.TotalSeconds:F0} pairs/s; 503s: {unavailable}");
        Console.WriteLine($"server CPU {serverCpu:F1} s = {1000 * serverCpu / Math.Max(1, latencies.Count):F3} ms per pair; client CPU {clientCpu:F1} s = {1000 * clientCpu / Math.Max(1, latencies.Count):F3} ms per pair");
        Console.WriteLine($"pair latency ms: p50 {Percentile(0.50):F2}, p90 {Percentile(0.90):F2}, p99 {Percentile(0.99):F2}, max {latencies.LastOrDefault():F2}");
        foreach (var (a, b) in pairs) { a.Dispose(); b.Dispose(); }
        foreach (var (a, b) in rawPairs) { a.Dispose(); b.Dispose(); }
        return 0;
    }

    /// <summary>
    /// Issues sae-alice@alice and sae-bob@bob into a fresh data directory, starts <c>qnet kms serve</c> on it (from this
    /// program's directory, on a free port) and drives it as <see cref="ExternalAsync"/> does; the server is stopped
    /// and the directory removed afterwards.
    /// </summary>
    private static async Task<int> SpawnAsync(int clients, int seconds, int warmup, bool raw, string? store)
    {
        var root = Path.Combine(Path.GetTempPath(), $"qnet-loadbench-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        var masterKey = Path.Combine(root, "secrets", "master.key");
        try
        {
            await KmsAdministration.IssueSaeAsync(data, "sae-alice", "alice", store, masterKey, TimeProvider.System);
            await KmsAdministration.IssueSaeAsync(data, "sae-bob", "bob", store, masterKey, TimeProvider.System);
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
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Reads the server's output until it prints <c>listening on https://127.0.0.1:PORT</c>.</summary>
    private static async Task<int> ListeningPortAsync(Process server)
    {
        const string Marker = "listening on https://127.0.0.1:";
        while (await server.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal)) return int.Parse(line[Marker.Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"qnet kms serve exited before listening: {await server.StandardError.ReadToEndAsync()}");
    }

    private static double ServerCpuSeconds(int pid)
    {
        if (pid <= 0) return 0;
        // /proc/PID/stat fields 14 and 15 (utime, stime) in clock ticks of 1/100 s; the command name may hold spaces, so split after ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    private sealed class PoolDryException : Exception;

    private static async Task HttpPairAsync(HttpClient alice, HttpClient bob)
    {
        using var enc = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
        if (enc.StatusCode == HttpStatusCode.ServiceUnavailable) throw new PoolDryException();
        enc.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await enc.Content.ReadAsStreamAsync());
        var id = doc.RootElement.GetProperty("keys")[0].GetProperty("key_ID").GetString();
        using var dec = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={id}");
        dec.EnsureSuccessStatusCode();
    }

    private static async Task RawPairAsync(RawEtsiClient alice, RawEtsiClient bob)
    {
        var (status, body) = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
        if (status == (int)HttpStatusCode.ServiceUnavailable) throw new PoolDryException();
        if (status != 200) throw new InvalidOperationException($"enc_keys answered {status}");
        string? id;
        using (var doc = JsonDocument.Parse(body)) id = doc.RootElement.GetProperty("keys")[0].GetProperty("key_ID").GetString();
        var (decStatus, _) = await bob.GetAsync($"api/v1/keys/sae-alice/dec_keys?key_ID={id}");
        if (decStatus != 200) throw new InvalidOperationException($"dec_keys answered {decStatus}");
    }

    private static async Task DirectPairAsync(KeyManager kms)
    {
        var enc = await kms.GetEncKeysAsync("sae-alice", "sae-bob", QNet.Kms.Domain.EncKeysRequest.Default);
        if (!enc.IsOk) throw new PoolDryException();
        var dec = await kms.GetDecKeysAsync("sae-bob", "sae-alice", [enc.Value[0].KeyId.ToString()]);
        if (!dec.IsOk) throw new InvalidOperationException(dec.Error!.Message);
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

    private static int IntArg(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static string? StringArg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
