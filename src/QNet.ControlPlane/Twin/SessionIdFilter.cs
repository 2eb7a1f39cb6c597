namespace QNet.ControlPlane.Twin;

/// <summary>
/// A fixed-size Bloom filter of every session id the control plane has stored (1 MiB, whatever the number of
/// sessions). <c>POST /sessions</c> with a client's own id asks it first: "never seen" is certain, so the store is
/// queried only for ids that may exist (false positives: about 1 in 200,000 at 100,000 sessions, 2 % at a million;
/// beyond that the filter says "maybe" more and more often and the store answers, as without it). Until the ids
/// already in the store are loaded (<see cref="Complete"/>) it answers "maybe" for every id. Adds are thread-safe
/// (bits are only ever set); reads need no lock.
/// </summary>
internal sealed class SessionIdFilter
{
    private const int Bits = 1 << 23;
    private const int Hashes = 4;
    private readonly long[] _words = new long[Bits / 64];
    private volatile bool _complete;

    /// <summary>True once every stored id has been added.</summary>
    public bool Complete => _complete;

    /// <summary>Marks the ids already in the store as loaded.</summary>
    public void MarkComplete() => _complete = true;

    public void Add(string id)
    {
        var (h1, h2) = Hash(id);
        for (uint i = 0; i < Hashes; i++)
        {
            uint bit = (h1 + i * h2) % Bits;
            Interlocked.Or(ref _words[bit >> 6], 1L << (int)(bit & 63));
        }
    }

    /// <summary>False only when <paramref name="id"/> was certainly never added (and the stored ids are loaded).</summary>
    public bool MayContain(string id)
    {
        if (!_complete)
        {
            return true;
        }
        var (h1, h2) = Hash(id);
        for (uint i = 0; i < Hashes; i++)
        {
            uint bit = (h1 + i * h2) % Bits;
            if ((Volatile.Read(ref _words[bit >> 6]) & (1L << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }
        return true;
    }

    // FNV-1a over the UTF-16 code units, 64 bits, split into the two halves of double hashing (the second made odd).
    private static (uint, uint) Hash(string id)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in id)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return ((uint)h, (uint)(h >> 32) | 1);
    }
}
