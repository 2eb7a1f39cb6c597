using System.Diagnostics;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>
/// Session API on loopback against the metro twin at real time: each invocation sends <see cref="Requests"/>
/// requests from <see cref="Concurrency"/> concurrent clients (GET one session, or POST a session request that the
/// twin admits or refuses), so the mean per operation is the inverse throughput. Request latencies of every
/// invocation are collected and their p50/p99 printed at cleanup. Targets: 2,000 requests/s, p99 under 20 ms.
/// </summary>
public class SessionApiBenchmarks
{
    public const int Requests = 2000;
    public const int Concurrency = 32;
    private BenchServer _server = null!;
    private readonly List<double> _latencies = [];
    private int _next;
    private long _started;
    private long _done;

    [Params("get", "create")]
    public string Operation { get; set; } = "get";

    [GlobalSetup]
    public void Setup() => _server = BenchServer.StartAsync(null, 1).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _latencies.Sort();
        double P(double q) => _latencies[(int)Math.Min(_latencies.Count - 1, Math.Ceiling(q * _latencies.Count) - 1)];
        double seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        Console.WriteLine($"// session API {Operation}: {_latencies.Count} requests, p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms, max {_latencies[^1]:F2} ms");
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task Run()
    {
        if (_started == 0) _started = Stopwatch.GetTimestamp();
        var latencies = new double[Requests];
        int index = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref index)) < Requests)
            {
                long t = Stopwatch.GetTimestamp();
                using var response = Operation == "get"
                    ? await _server.Client.GetAsync("api/v1/sessions/metro-alice-bob")
                    : await _server.Client.PostAsync("api/v1/sessions", new StringContent(
                        $$"""{"id":"b{{Interlocked.Increment(ref _next)}}","source":"alice","destination":"bob","minFidelity":0.9,"durationSeconds":0.01}""", Encoding.UTF8, "application/json"));
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict))
                    throw new InvalidOperationException($"unexpected {response.StatusCode}");
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Worker()));
        _latencies.AddRange(latencies);
        Interlocked.Add(ref _done, Requests);
    }
}
