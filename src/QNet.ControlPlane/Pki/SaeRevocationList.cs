using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace QNet.ControlPlane.Pki;

/// <summary>
/// The serial numbers of SAE client certificates that were superseded (<c>qnet pki issue-sae --force</c>) and must no
/// longer authenticate. One text file in the PKI folder, appended to and never rewritten: a line is
/// <c>SERIAL SAE-ID REVOKED-AT</c> (serial in upper-case hex as <see cref="X509Certificate.GetSerialNumberString"/>
/// gives it, time ISO 8601 UTC); lines starting with '#' are comments. The ETSI host reads it on every handshake and
/// every request, so a revocation made by another process takes effect at once, also on open keep-alive connections.
/// </summary>
public sealed class SaeRevocationList
{
    /// <summary>The file's name inside the PKI folder.</summary>
    public const string FileName = "revoked-serials.txt";

    private readonly object _writeLock = new();

    // The serials as last read, with the file's length and write time then: the file is re-read only when either changed
    // (an append always changes the length), so a check costs one stat of the file.
    private volatile Snapshot _current = Snapshot.Empty;

    /// <summary>Creates a handle on the list at <paramref name="path"/> (the file need not exist).</summary>
    public SaeRevocationList(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The list's file.</summary>
    public string Path { get; }

    /// <summary>Adds <paramref name="certificate"/>'s serial to the list; returns the serial.</summary>
    public string Revoke(X509Certificate2 certificate, string saeId, DateTimeOffset at)
    {
        var serial = certificate.SerialNumber;
        var line = string.Create(CultureInfo.InvariantCulture, $"{serial} {saeId} {at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        lock (_writeLock)
        {
            var isNew = !File.Exists(Path);
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(Path, options);
            using var writer = new StreamWriter(stream);
            if (isNew)
            {
                writer.Write("# Superseded SAE client certificates: SERIAL SAE-ID REVOKED-AT. Written by `qnet pki issue-sae --force`.\n");
            }

            writer.Write(line);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        return serial;
    }

    /// <summary>True when <paramref name="certificate"/>'s serial is on the list.</summary>
    public bool IsRevoked(X509Certificate2 certificate) => Current().Serials.Contains(certificate.SerialNumber);

    /// <summary>The serials on the list now.</summary>
    public IReadOnlySet<string> Serials => Current().Serials;

    private Snapshot Current()
    {
        var info = new FileInfo(Path);
        var length = info.Exists ? info.Length : -1;
        var written = info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue;
        var snapshot = _current;
        if (snapshot.Length == length && snapshot.Written == written)
        {
            return snapshot;
        }

        var serials = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (info.Exists)
        {
            foreach (var line in File.ReadLines(Path))
            {
                var text = line.Trim();
                if (text.Length == 0 || text[0] == '#')
                {
                    continue;
                }

                var end = text.IndexOf(' ', StringComparison.Ordinal);
                serials.Add(end < 0 ? text : text[..end]);
            }
        }
        snapshot = new Snapshot(length, written, serials);
        _current = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(long Length, DateTime Written, HashSet<string> Serials)
    {
        public static Snapshot Empty { get; } = new(-1, DateTime.MinValue, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
    }
}
