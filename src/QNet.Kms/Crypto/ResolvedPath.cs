namespace QNet.Kms.Crypto;

/// <summary>
/// A path with every symbolic link in it resolved, like POSIX <c>realpath</c> but also for paths whose last parts do
/// not exist yet (a key file about to be created). The master-key guard compares resolved paths, so a link cannot
/// smuggle the key into the data directory (or the data directory around the key).
/// </summary>
internal static class ResolvedPath
{
    /// <summary>Longest chain of links followed before giving up, as Linux's own limit (ELOOP).</summary>
    private const int MaxLinks = 40;

    /// <summary>The absolute, link-free form of <paramref name="path"/>.</summary>
    public static string Of(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? "";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            // FileInfo reads the entry itself (lstat): it reports a link whether it points to a file or a folder.
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new InvalidOperationException($"too many symbolic links while resolving {full}");
                }

                var targetPath = Path.GetFullPath(target, current);
                var rest = parts[(i + 1)..];
                return Resolve(rest.Length == 0 ? targetPath : Path.Combine([targetPath, .. rest]), ref links);
            }
            current = next;
        }
        return current;
    }
}
