using System.Net;
using System.Net.Sockets;

namespace QNet.Testing;

/// <summary>
/// A TCP forwarder on a loopback port that a test can cut and restore, to take a network path away from two running
/// processes without stopping either: <see cref="CutAsync"/> closes every forwarded connection (both ends) and refuses new
/// ones (nothing listens on the port), <see cref="Restore"/> listens on the same port again. The target port can change
/// while it runs (<see cref="Target"/>), so a client keeps one address across a server's restart on another port.
/// </summary>
public sealed class LoopbackTcpProxy : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Socket> _open = [];
    private TcpListener? _listener;
    private TaskCompletionSource _flowing = Completed();
    private Task _accepting = Task.CompletedTask;
    private int _target;
    private bool _disposed;

    /// <summary>Starts forwarding a free loopback port to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public LoopbackTcpProxy(int targetPort)
    {
        _target = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync(_listener);
    }

    /// <summary>The port clients connect to; the same for the proxy's whole life.</summary>
    public int Port { get; }

    /// <summary>The loopback port new connections are forwarded to (open ones keep theirs).</summary>
    public int Target
    {
        get => Volatile.Read(ref _target);
        set => Volatile.Write(ref _target, value);
    }

    /// <summary>Connections accepted and forwarded so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>True between <see cref="CutAsync"/> and <see cref="Restore"/>.</summary>
    public bool IsCut
    {
        get
        {
            lock (_lock)
            {
                return _listener is null;
            }
        }
    }

    /// <summary>Stops listening (a new connection is refused) and closes every forwarded connection on both sides.</summary>
    public async Task CutAsync()
    {
        TcpListener? listener;
        Socket[] open;
        lock (_lock)
        {
            listener = _listener;
            _listener = null;
            open = [.. _open];
            _open.Clear();
        }
        listener?.Stop();
        foreach (var socket in open)
        {
            Close(socket);
        }
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Holds every byte in both directions and forwards no new connection (they are accepted and wait), as a network
    /// path that silently stops carrying packets: neither end is told, each finds out only by its own timeouts.
    /// </summary>
    public void Freeze()
    {
        lock (_lock)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Ends a <see cref="Freeze"/> (held bytes flow on) and listens on <see cref="Port"/> again after a cut.</summary>
    public void Restore()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _flowing.TrySetResult();
            if (_listener is not null)
            {
                return;
            }
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Start();
            _listener = listener;
            _accepting = AcceptLoopAsync(listener);
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped by Cut or Dispose
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        lock (_lock)
        {
            _open.Add(client);
            _open.Add(server);
        }
        try
        {
            await FlowingAsync().ConfigureAwait(false);
            await server.ConnectAsync(IPAddress.Loopback, Target).ConfigureAwait(false);
            lock (_lock)
            {
                Accepted++;
            }
            await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Nothing listens at the target (a server restarting), or the proxy was cut: the client sees its connection closed.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
            Close(client);
            Close(server);
        }
    }

    private Task FlowingAsync()
    {
        lock (_lock)
        {
            return _flowing.Task;
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    // Copies one direction until its source ends; then the whole connection ends (HTTP/2 has no use for half-closed TCP).
    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                await FlowingAsync().ConfigureAwait(false);
                int read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                await FlowingAsync().ConfigureAwait(false);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closed by Cut, or by the other side.
        }
        Close(from);
        Close(to);
    }

    private static void Close(Socket socket)
    {
        try
        {
            // An abortive close (RST), as a dropped path looks to both ends once they next touch it.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _disposed = true;
            _flowing.TrySetResult();
        }
        await CutAsync().ConfigureAwait(false);
    }
}
