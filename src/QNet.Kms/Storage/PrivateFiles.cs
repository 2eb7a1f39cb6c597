namespace QNet.Kms.Storage;

/// <summary>
/// Creates the data directory and the store files readable by their owner only (0700 and 0600), as the private keys
/// already are: the stores hold sealed key material, token hashes and the audit trail. Existing folders and files keep
/// the mode they have. SQLite gives its <c>-wal</c> and <c>-shm</c> companions the mode of the database file.
/// </summary>
public static class PrivateFiles
{
    /// <summary>Owner read, write and search (0700).</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Owner read and write (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="directory"/> (and missing parents) with mode 0700 unless it exists.</summary>
    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }
    }

    /// <summary>
    /// Creates the folder of <paramref name="file"/> (0700) and the file itself, empty, with mode 0600 unless it
    /// exists. An empty file is a valid empty SQLite database, so SQLite then opens it instead of creating it 0644.
    /// </summary>
    public static void CreateFile(string file)
    {
        var full = Path.GetFullPath(file);
        CreateDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using var created = new FileStream(full, options);
        }
        catch (IOException) when (File.Exists(full))
        {
            // Another process created it between the check and the create: theirs is as good as ours.
        }
    }
}
