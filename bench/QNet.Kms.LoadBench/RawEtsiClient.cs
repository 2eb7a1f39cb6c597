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
    private readonly SslStream _tls;
    private readonly string _host;
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawEtsiClient(SslStream tls, string host)
    {
        _tls = tls;
        _host = host;
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
        var request = Encoding.ASCII.GetBytes($"GET /{path} HTTP/1.1\r\nHost: {_host}\r\n\r\n");
        await _tls.WriteAsync(request);
        await _tls.FlushAsync();

        var headerEnd = await FillUntilAsync(HeaderEnd);
        var headers = _buffer.AsSpan(_start, headerEnd - _start);
        if (!Utf8Parser.TryParse(headers["HTTP/1.1 ".Length..], out int status, out _))
        {
            throw new InvalidDataException("malformed status line");
        }

        _start = headerEnd + 4;
        var lengthAt = IndexOfIgnoreCase(headers, "\r\ncontent-length:"u8);
        if (lengthAt >= 0)
        {
            var value = headers[(lengthAt + 17)..];
            value = value[..Math.Max(0, value.IndexOf("\r\n"u8) is var eol and >= 0 ? eol : value.Length)].Trim((byte)' ');
            if (!Utf8Parser.TryParse(value, out int length, out _))
            {
                throw new InvalidDataException("malformed Content-Length");
            }

            await FillAsync(length);
            var body = _buffer.AsMemory(_start, length).ToArray();
            _start += length;
            return (status, body);
        }
        if (IndexOfIgnoreCase(headers, "\r\ntransfer-encoding: chunked"u8) < 0)
        {
            throw new InvalidDataException("response has neither Content-Length nor chunked body");
        }

        using var chunks = new MemoryStream();
        while (true)
        {
            var lineEnd = await FillUntilAsync(LineEnd);
            var sizeText = Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start).Split(';')[0].Trim();
            var size = Convert.ToInt32(sizeText, 16);
            _start = lineEnd + 2;
            await FillAsync(size + 2);
            chunks.Write(_buffer, _start, size);
            _start += size + 2;
            if (size == 0)
            {
                return (status, chunks.ToArray());
            }
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
                if (c is >= (byte)'A' and <= (byte)'Z')
                {
                    c = (byte)(c + 32);
                }

                match = c == lowerNeedle[j];
            }
            if (match)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Reads until <paramref name="marker"/> is buffered; returns its absolute index.</summary>
    private async Task<int> FillUntilAsync(byte[] marker)
    {
        while (true)
        {
            var at = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
            if (at >= 0)
            {
                return _start + at;
            }

            await ReadMoreAsync();
        }
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered after <see cref="_start"/>.</summary>
    private async Task FillAsync(int count)
    {
        if (count > _buffer.Length)
        {
            throw new InvalidDataException($"response of {count} bytes exceeds the bench buffer");
        }

        while (_end - _start < count)
        {
            await ReadMoreAsync();
        }
    }

    private async Task ReadMoreAsync()
    {
        if (_start > 0 && (_end == _buffer.Length || _start == _end))
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = await _tls.ReadAsync(_buffer.AsMemory(_end));
        if (read == 0)
        {
            throw new IOException("server closed the connection");
        }

        _end += read;
    }

    public void Dispose() => _tls.Dispose();
}
