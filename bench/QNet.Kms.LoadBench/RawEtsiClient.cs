using System.Buffers.Text;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace QNet.Kms.LoadBench;

/// <summary>
/// A lean HTTP/1.1 client over one kept-alive mutual-TLS connection, in the spirit of wrk or h2load: it writes a GET
/// request and reads one response (Content-Length or chunked), nothing more. A load generator on the same 2-core
/// machine as the server must cost little, or it measures itself; HttpClient spends more CPU per request than the
/// server does. It speaks real TLS with a real client certificate, so the server does all of its work.
/// </summary>
internal sealed class RawEtsiClient : IDisposable
{
    private readonly SslStream tls;
    private readonly string host;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    private RawEtsiClient(SslStream tls, string host)
    {
        this.tls = tls;
        this.host = host;
    }

    /// <summary>Connects and completes the TLS handshake (the session is then reused for every request).</summary>
    public static async Task<RawEtsiClient> ConnectAsync(string address, int port, X509Certificate2 clientCertificate, X509Certificate2 serverCa)
    {
        var socket = new TcpClient { NoDelay = true };
        await socket.ConnectAsync(address, port);
        var tls = new SslStream(socket.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = address,
            EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
            ClientCertificates = [clientCertificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => QNet.ControlPlane.Etsi.EtsiSaeClient.TrustsServer(certificate, errors, serverCa),
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
        return new RawEtsiClient(tls, $"{address}:{port}");
    }

    /// <summary>Sends <c>GET path</c> and returns the status code and the response body.</summary>
    public async Task<(int Status, ReadOnlyMemory<byte> Body)> GetAsync(string path)
    {
        var request = Encoding.ASCII.GetBytes($"GET /{path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
        await tls.WriteAsync(request);
        await tls.FlushAsync();

        var headerEnd = await FillUntilAsync(HeaderEnd);
        var headers = buffer.AsSpan(start, headerEnd - start);
        if (!Utf8Parser.TryParse(headers["HTTP/1.1 ".Length..], out int status, out _))
            throw new InvalidDataException("malformed status line");
        start = headerEnd + 4;
        var lengthAt = IndexOfIgnoreCase(headers, "\r\ncontent-length:"u8);
        if (lengthAt >= 0)
        {
            var value = headers[(lengthAt + 17)..];
            value = value[..Math.Max(0, value.IndexOf("\r\n"u8) is var eol and >= 0 ? eol : value.Length)].Trim((byte)' ');
            if (!Utf8Parser.TryParse(value, out int length, out _)) throw new InvalidDataException("malformed Content-Length");
            await FillAsync(length);
            var body = buffer.AsMemory(start, length).ToArray();
            start += length;
            return (status, body);
        }
        if (IndexOfIgnoreCase(headers, "\r\ntransfer-encoding: chunked"u8) < 0) throw new InvalidDataException("response has neither Content-Length nor chunked body");
        using var chunks = new MemoryStream();
        while (true)
        {
            var lineEnd = await FillUntilAsync(LineEnd);
            var sizeText = Encoding.ASCII.GetString(buffer, start, lineEnd - start).Split(';')[0].Trim();
            var size = Convert.ToInt32(sizeText, 16);
            start = lineEnd + 2;
            await FillAsync(size + 2);
            chunks.Write(buffer, start, size);
            start += size + 2;
            if (size == 0) return (status, chunks.ToArray());
        }
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var match = true;
            for (var j = 0; j < lowerNeedle.Length && match; j++)
            {
                var c = haystack[i + j];
                if (c is >= (byte)'A' and <= (byte)'Z') c = (byte)(c + 32);
                match = c == lowerNeedle[j];
            }
            if (match) return i;
        }
        return -1;
    }

    /// <summary>Reads until <paramref name="marker"/> is buffered; returns its absolute index.</summary>
    private async Task<int> FillUntilAsync(byte[] marker)
    {
        while (true)
        {
            var at = buffer.AsSpan(start, end - start).IndexOf(marker);
            if (at >= 0) return start + at;
            await ReadMoreAsync();
        }
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered after <see cref="start"/>.</summary>
    private async Task FillAsync(int count)
    {
        if (count > buffer.Length) throw new InvalidDataException($"response of {count} bytes exceeds the bench buffer");
        while (end - start < count) await ReadMoreAsync();
    }

    private async Task ReadMoreAsync()
    {
        if (start > 0 && (end == buffer.Length || start == end))
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        var read = await tls.ReadAsync(buffer.AsMemory(end));
        if (read == 0) throw new IOException("server closed the connection");
        end += read;
    }

    public void Dispose() => tls.Dispose();
}
