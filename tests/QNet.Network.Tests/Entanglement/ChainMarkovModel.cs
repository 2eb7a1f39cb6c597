namespace QNet.Network.Tests.Entanglement;

/// <summary>
/// Exact expected waiting time (in rounds, first round counted as 1) of a chain in the model of
/// Shchukin, Schmidt and van Loock: every uncovered segment attempts once per round with success p;
/// heralds of one round are handled in segment order, and each new pair swaps at its left end and
/// then its right end as the protocol allows, each swap succeeding with probability a and losing
/// both inputs on failure. Solved as an absorbing Markov chain over sets of pairs (intervals).
/// </summary>
internal static class ChainMarkovModel
{
    public static double ExpectedRounds(int n, double p, double a, bool nested)
    {
        var bounds = NestedBounds(n);
        bool Allows(int node, int left, int right) => !nested || (bounds[node].L == left && bounds[node].R == right);

        var index = new Dictionary<string, int>();
        var states = new List<SortedSet<(int L, int R)>>();
        var transitions = new List<Dictionary<int, double>>();
        int Intern(SortedSet<(int L, int R)> s)
        {
            string key = string.Join(";", s.Select(i => $"{i.L}-{i.R}"));
            if (!index.TryGetValue(key, out int id))
            {
                id = states.Count;
                index[key] = id;
                states.Add(s);
                transitions.Add(null!);
            }
            return id;
        }

        Intern([]);
        for (int s = 0; s < states.Count; s++)
        {
            var trans = new Dictionary<int, double>();
            var state = states[s];
            var uncovered = Enumerable.Range(0, n).Where(seg => !state.Any(i => i.L <= seg && seg < i.R)).ToArray();
            for (int mask = 0; mask < 1 << uncovered.Length; mask++)
            {
                double prob = 1;
                var successes = new List<int>();
                for (int b = 0; b < uncovered.Length; b++)
                {
                    bool ok = (mask >> b & 1) == 1;
                    prob *= ok ? p : 1 - p;
                    if (ok)
                    {
                        successes.Add(uncovered[b]);
                    }
                }
                foreach (var (next, q) in Process(new SortedSet<(int, int)>(state), successes, 0, a, n, Allows))
                {
                    if (next.Contains((0, n)))
                    {
                        continue; // absorbed: delivered this round
                    }
                    int id = Intern(next);
                    trans[id] = trans.GetValueOrDefault(id) + prob * q;
                }
            }
            transitions[s] = trans;
        }

        // E = 1 + P E over transient states: solve (I − P) E = 1.
        int m = states.Count;
        var A = new double[m, m + 1];
        for (int i = 0; i < m; i++)
        {
            A[i, i] += 1;
            foreach (var (j, q) in transitions[i])
            {
                A[i, j] -= q;
            }
            A[i, m] = 1;
        }
        for (int c = 0; c < m; c++)
        {
            int pivot = Enumerable.Range(c, m - c).MaxBy(r => Math.Abs(A[r, c]));
            for (int k = 0; k <= m; k++)
            {
                (A[c, k], A[pivot, k]) = (A[pivot, k], A[c, k]);
            }
            for (int r = 0; r < m; r++)
            {
                if (r == c)
                {
                    continue;
                }
                double f = A[r, c] / A[c, c];
                for (int k = c; k <= m; k++)
                {
                    A[r, k] -= f * A[c, k];
                }
            }
        }
        return A[0, m] / A[0, 0];
    }

    private static IEnumerable<(SortedSet<(int L, int R)>, double)> Process(
        SortedSet<(int L, int R)> state, List<int> successes, int next, double a, int n, Func<int, int, int, bool> allows)
    {
        if (next == successes.Count)
        {
            yield return (state, 1);
            yield break;
        }
        int seg = successes[next];
        var withNew = new SortedSet<(int, int)>(state) { (seg, seg + 1) };
        foreach (var (s, q) in Extend(withNew, (seg, seg + 1), a, n, allows))
        {
            foreach (var (s2, q2) in Process(s, successes, next + 1, a, n, allows))
            {
                yield return (s2, q * q2);
            }
        }
    }

    private static IEnumerable<(SortedSet<(int L, int R)>, double)> Extend(
        SortedSet<(int L, int R)> state, (int L, int R) pair, double a, int n, Func<int, int, int, bool> allows)
    {
        var left = state.Where(i => i.R == pair.L).Cast<(int L, int R)?>().FirstOrDefault();
        if (pair.L > 0 && left is { } l && allows(pair.L, l.L, pair.R))
        {
            foreach (var r in Branch(state, l, pair, a, n, allows))
            {
                yield return r;
            }
            yield break;
        }
        var right = state.Where(i => i.L == pair.R).Cast<(int L, int R)?>().FirstOrDefault();
        if (pair.R < n && right is { } rr && allows(pair.R, pair.L, rr.R))
        {
            foreach (var r in Branch(state, pair, rr, a, n, allows))
            {
                yield return r;
            }
            yield break;
        }
        yield return (state, 1);
    }

    private static IEnumerable<(SortedSet<(int L, int R)>, double)> Branch(
        SortedSet<(int L, int R)> state, (int L, int R) x, (int L, int R) y, double a, int n, Func<int, int, int, bool> allows)
    {
        var failed = new SortedSet<(int, int)>(state);
        failed.Remove(x);
        failed.Remove(y);
        if (a < 1)
        {
            yield return (failed, 1 - a);
        }
        var joined = new SortedSet<(int, int)>(failed) { (x.L, y.R) };
        foreach (var (s, q) in Extend(joined, (x.L, y.R), a, n, allows))
        {
            yield return (s, a * q);
        }
    }

    private static (int L, int R)[] NestedBounds(int n)
    {
        var b = new (int L, int R)[n + 1];
        void Split(int lo, int hi)
        {
            if (hi - lo < 2)
            {
                return;
            }
            int mid = lo + (hi - lo) / 2;
            b[mid] = (lo, hi);
            Split(lo, mid);
            Split(mid, hi);
        }
        Split(0, n);
        return b;
    }
}
