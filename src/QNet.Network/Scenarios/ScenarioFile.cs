using System.Runtime.InteropServices;
using System.Text;

namespace QNet.Network.Scenarios;

/// <summary>
/// Reads a scenario file's text with two guards that run before any parsing: the path must name a
/// regular file (not a directory, device such as <c>/dev/zero</c>, FIFO or socket), and the file
/// must hold at most <see cref="MaxBytes"/> bytes. The YAML parser keeps the whole tree in memory
/// (a 50 MB file took 2 GB), and a device never ends, so both are refused with a clear error.
/// </summary>
public static class ScenarioFile
{
    /// <summary>
    /// Largest scenario file accepted, in bytes: 8 MiB. The shipped scenarios are under 4 KB; a
    /// generated 100×100 grid (10 000 nodes) is 4.7 MiB and takes about 200 MB to load.
    /// </summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>The limit as written in errors and docs.</summary>
    public const string MaxSizeText = "8 MiB";

    /// <summary>
    /// Reads the file at <paramref name="path"/> as UTF-8. On failure <paramref name="error"/> says
    /// why (missing, not a regular file, too large, unreadable) and <paramref name="text"/> is empty.
    /// </summary>
    public static bool TryRead(string path, out string text, out ScenarioError? error)
    {
        text = "";
        error = null;
        if (Directory.Exists(path))
        {
            error = FileError(path, "is a directory, not a scenario file");
            return false;
        }
        if (!File.Exists(path))
        {
            error = FileError(path, "cannot read the file: no such file");
            return false;
        }
        if (UnixFileType(path) is { } type && type != RegularFile)
        {
            error = FileError(path, $"is {Describe(type)}, not a regular file; a scenario must be a regular YAML or JSON file");
            return false;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            // The size is checked on what is read, not only on the length the file system reports,
            // so a file that grows while it is read (or a device that slipped past the type check) still stops.
            byte[] buffer = new byte[MaxBytes + 1];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }
            if (total > MaxBytes)
            {
                error = FileError(path, $"is larger than {MaxSizeText}, the largest scenario file accepted (docs/scenarios.md)");
                return false;
            }
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(buffer, 0, total).TrimStart('\uFEFF');
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error = FileError(path, e is UnauthorizedAccessException ? "cannot read the file: permission denied" : "cannot read the file");
            return false;
        }
    }

    private static ScenarioError FileError(string path, string message) => new(path, 1, 1, ScenarioError.FileField, message);

    // File types as System.Native reports them (its PAL normalises st_mode to these values on every Unix).
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int DirectoryType = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int RegularFile = 0x8000;
    private const int Socket = 0xC000;

    private static string Describe(int type) => type switch
    {
        Fifo => "a FIFO (named pipe)",
        CharacterDevice => "a character device",
        BlockDevice => "a block device",
        DirectoryType => "a directory",
        Socket => "a socket",
        _ => "not a regular file",
    };

    /// <summary>
    /// The file type bits of <c>stat(path)</c> (links followed) on Unix, or null where they cannot be
    /// read (Windows, where devices are not paths a user passes by mistake). Opening a FIFO to find
    /// out would block until a writer appears, so the type must come from stat, before any open.
    /// </summary>
    private static int? UnixFileType(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        try
        {
            // SAFETY: SystemNative_Stat writes one FileStatus struct (about 120 bytes in .NET 10)
            // whose first two fields are int Flags and int Mode; the buffer is four times larger so a
            // grown struct cannot overrun it, and only Mode (offset 4) is read.
            byte[] status = new byte[512];
            return SystemNativeStat(path, status) == 0 ? BitConverter.ToInt32(status, 4) & TypeMask : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
