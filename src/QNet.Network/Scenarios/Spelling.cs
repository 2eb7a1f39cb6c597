namespace QNet.Network.Scenarios;

/// <summary>Finds the closest known word to a misspelt one, for "did you mean" hints.</summary>
internal static class Spelling
{
    /// <summary>
    /// The candidate with the smallest edit distance to <paramref name="word"/>, if that distance is
    /// small enough to be a plausible typo (at most a third of the longer word, at least 2); otherwise null.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates, bool ignoreCase = true)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(ignoreCase ? word.ToLowerInvariant() : word, ignoreCase ? candidate.ToLowerInvariant() : candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best is null)
        {
            return null;
        }
        int allowed = Math.Max(2, Math.Max(word.Length, best.Length) / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Levenshtein distance with adjacent transpositions counted as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
