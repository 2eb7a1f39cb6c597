using System.Net;
using System.Net.Sockets;

namespace QNet.Testing;

/// <summary>Free TCP ports on loopback for the real servers the tests start (PostgreSQL, Prometheus, Alertmanager).</summary>
public static class LoopbackPort
{
    /// <summary>A port the system had free a moment ago (it asks for port 0 and releases what it got).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
