using System.Diagnostics;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Tests.Hosting;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary><c>qnet up --otlp-endpoint URL</c> as a real process: the scenario sessions' traces reach the collector.</summary>
[Collection("servers")]
public sealed class QnetUpOtlpTests
{
    [Fact]
    public async Task Up_OtlpEndpoint_ExportsSessionTracesAndEndsRunningRootsOnStop()
    {
        var root = Path.Combine(Path.GetTempPath(), $"qnet-up-otlp-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        await using var receiver = new OtlpReceiver();
        var up = await QnetUpProcess.StartAsync(data, ControlPlaneServer.MasterKeyFileUnder(root), 1, "--otlp-endpoint", receiver.Endpoint.ToString());
        try
        {
            // Printed after the dashboard line, where StartAsync returns; QnetUpProcess appends under this lock as it reads.
            string expected = $"traces:        OTLP/HTTP to {receiver.Endpoint}v1/traces";
            await ControlPlaneServer.EventuallyAsync(() =>
            {
                lock (up.Output)
                {
                    return Task.FromResult(up.Output.Contains(expected) ? expected : null);
                }
            }, "qnet up to print the traces URL");
            var token = await ControlPlaneAdministration.CreateTokenAsync(data, null, "viewer", "otlp-test", TimeProvider.System);
            using var viewer = new HttpClient { BaseAddress = up.ApiUrl };
            viewer.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var view = await ControlPlaneServer.ReadJsonAsync(await viewer.GetAsync("api/v1/sessions/metro-alice-bob"));
            string traceId = view.GetProperty("traceId").GetString()!;

            // Window spans close after 1 s and the exporter sends every 5 s.
            var heralds = await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(receiver.Spans.FirstOrDefault(s =>
                s.Name == "heralds" && s.Attributes.GetValueOrDefault("qnet.session") == "metro-alice-bob")), "a heralds span of metro-alice-bob");
            Assert.Equal(traceId, heralds.TraceId);
            Assert.DoesNotContain(receiver.Spans, s => s.Name == "session metro-alice-bob");
        }
        finally
        {
            Assert.Equal(0, await up.StopAsync());
            up.Dispose();
        }

        // On stop the running sessions' roots end (outcome running) and the tracer flushes them.
        var rootSpan = Assert.Single(receiver.Spans, s => s.Name == "session metro-alice-bob");
        Assert.Equal("running", rootSpan.Attributes["qnet.outcome"]);
        Assert.Equal("", rootSpan.ParentSpanId);
        Assert.All(receiver.Spans.Where(s => s.Attributes.GetValueOrDefault("qnet.session") == "metro-alice-bob"), s => Assert.Equal(rootSpan.TraceId, s.TraceId));
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Up_BadOtlpEndpoint_FailsNamingTheOption()
    {
        var data = Path.Combine(Path.GetTempPath(), $"qnet-otlp-bad-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { QNet.Testing.QnetPaths.QnetDll(), "up", "--api-port", "0", "--etsi-port", "0", "--data", data, "--otlp-endpoint", "grpc://collector:4317" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = System.Text.RegularExpressions.Regex.Replace(await stdout + await stderr, @"\s+", " ");

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("--otlp-endpoint must be an absolute http(s) URL, not 'grpc://collector:4317'", output);
        Assert.False(Directory.Exists(data), "nothing may be started or written before the options are valid");
    }
}
