using System.Text;

namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// A device controller that appends its telemetry to a file (JSON lines): each read returns the complete lines
/// appended since the last read. A partly written last line waits for its newline; a file that shrank (rotated or
/// truncated) is read again from its start; a file that does not exist yet reads as empty.
/// </summary>
public sealed class FileVendorFeed(string path) : IVendorFeed
{
    private long _offset;

    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _offset)
        {
            _offset = 0;
        }

        stream.Seek(_offset, SeekOrigin.Begin);
        var bytes = new byte[stream.Length - _offset];
        int read = 0;
        while (read < bytes.Length)
        {
            int n = await stream.ReadAsync(bytes.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        int end = read == 0 ? -1 : Array.LastIndexOf(bytes, (byte)'\n', read - 1);
        if (end < 0)
        {
            return "";
        }

        _offset += end + 1;
        return Encoding.UTF8.GetString(bytes, 0, end + 1);
    }
}
