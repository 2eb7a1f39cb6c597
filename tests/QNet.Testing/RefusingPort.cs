using System.Net;
using System.Net.Sockets;

namespace QNet.Testing;

/// <summary>
/// A loopback port where nothing listens, for tests of "the other side is down": a socket is bound to it and never
/// listens, so a connection is refused, and no other test or server can take the port while this is held.
/// </summary>
public sealed class RefusingPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>Binds a free loopback port without listening on it.</summary>
    public RefusingPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>Releases the port.</summary>
    public void Dispose() => _socket.Dispose();
}
