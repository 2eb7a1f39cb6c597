using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>
/// Session API on loopback against the metro twin at real time: each invocation sends <see cref="Requests"/>
/// requests from <see cref="Concurrency"/> concurrent clients (GET one session, or POST a session request that the
/// twin admits or refuses), so the mean per operation is the inverse throughput. Request latencies of every
/// invocation are collected and their p50/p99 printed at cleanup, with the process CPU time per request (server and
/// clients together: compare it with the GET row, which has the same HTTP and client cost) and the machine's load
/// average at start and end (the machine is shared). Targets: 2,000 requests/s, p99 under 20 ms.
/// Run: <c>dotnet run -c Release --project bench/QNet.Benchmarks -- --filter '*SessionApi*' --job short</c>.
/// </summary>
public class SessionApiBenchmarks
{
    public const int Requests = 2000;
    public const int Concurrency = 32;
    private BenchServer _server = null!;
    private readonly List<double> _latencies = [];
    private readonly List<double[]> _invocations = [];
    private int _next;
    private long _started;
    private TimeSpan _cpuBefore;
    private string _loadBefore = "";

    [Params("get", "create")]
    public string Operation { get; set; } = "get";

    [GlobalSetup]
    public void Setup() => _server = BenchServer.StartAsync(null, 1).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        double seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore).TotalMilliseconds;
        Console.WriteLine("// " + Summary(Operation, _latencies, seconds, cpuMs, _loadBefore, LoadAverage()));
        // The first invocations include JIT compilation and tier-up; the last three are the measured iterations of
        // the short job: their latencies are the steady-state figure.
        var steady = _invocations.Skip(Math.Max(0, _invocations.Count - 3)).SelectMany(x => x).ToList();
        steady.Sort();
        double P(double q) => steady[(int)Math.Min(steady.Count - 1, Math.Ceiling(q * steady.Count) - 1)];
        Console.WriteLine($"// session API {Operation}, last 3 invocations ({steady.Count} requests): p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms, max {steady[^1]:F2} ms");
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task Run()
    {
        if (_started == 0)
        {
            _started = Stopwatch.GetTimestamp();
            _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            _loadBefore = LoadAverage();
        }
        var latencies = await SendAsync(_server.Client, Operation, Requests, Concurrency, () => Interlocked.Increment(ref _next));
        _invocations.Add(latencies);
        _latencies.AddRange(latencies);
    }

    /// <summary>Sends <paramref name="requests"/> requests from <paramref name="concurrency"/> clients; returns each latency in ms.</summary>
    internal static async Task<double[]> SendAsync(HttpClient client, string operation, int requests, int concurrency, Func<int> nextId)
    {
        var latencies = new double[requests];
        int index = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref index)) < requests)
            {
                long t = Stopwatch.GetTimestamp();
                using var response = operation == "get"
                    ? await client.GetAsync("api/v1/sessions/metro-alice-bob")
                    : await client.PostAsync("api/v1/sessions", new StringContent(
                        $$"""{"id":"b{{nextId()}}","source":"alice","destination":"bob","minFidelity":0.9,"durationSeconds":0.01}""", Encoding.UTF8, "application/json"));
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict))
                {
                    throw new InvalidOperationException($"unexpected {response.StatusCode}");
                }

                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
        return latencies;
    }

    /// <summary>One line: count, requests/s, p50/p99/max, CPU-ms per request, load averages.</summary>
    internal static string Summary(string operation, List<double> latencies, double seconds, double cpuMs, string loadBefore, string loadAfter)
    {
        latencies.Sort();
        double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"session API {operation}: {latencies.Count} requests in {seconds:F1} s = {latencies.Count / seconds:F0}/s (wall, incl. pauses between iterations), " +
            $"p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms, max {latencies[^1]:F2} ms; process CPU {cpuMs / latencies.Count:F3} ms/request; load average {loadBefore} -> {loadAfter}");
    }

    /// <summary>The 1-minute load average (Linux), or "?".</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
