using System.Net;
using System.Net.Sockets;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>
/// An HTTP listener on a free loopback port that hands every request to <see cref="HandleAsync"/> until disposed:
/// the common part of the tests' stand-ins for webhook receivers and trace collectors.
/// </summary>
public abstract class LoopbackHttpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private Task? _loop;

    protected LoopbackHttpReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
    }

    /// <summary>The prefix listened on, ending in '/'.</summary>
    public Uri BaseUri { get; }

    /// <summary>Starts serving; call once the subclass is constructed.</summary>
    protected void Serve() => _loop = Task.Run(LoopAsync);

    /// <summary>Handles one request; must close the response.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            await HandleAsync(context);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: Stop() then Close() makes the managed listener bind the port again for a moment to remove its
        // prefix, which fails with "Address already in use" when another test has taken the port in between.
        _listener.Close();
        if (_loop is not null)
        {
            await _loop;
        }

        GC.SuppressFinalize(this);
    }
}
