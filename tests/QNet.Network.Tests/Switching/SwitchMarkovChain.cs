namespace QNet.Network.Tests.Switching;

/// <summary>
/// The exact continuous-time Markov chain of a switch's buffer occupancies, the oracle of the switch
/// simulation. State: the vector (n_1..n_k), 0 ≤ n_i ≤ B. Leaf i delivers a qubit at rate μ_i (lost when
/// its buffer is full); each stored qubit is lost at rate α; an arrival that makes always-on requests
/// servable serves one of them at once (longest-queue: the largest total occupancy after the arrival,
/// ties to the first request; weighted: each with probability proportional to its weight), consuming
/// one qubit of each of its leaves. A swap succeeds with probability q, which scales the delivered rate
/// and leaves the occupancies alone. The stationary distribution solves πQ = 0, Σπ = 1 by Gaussian
/// elimination with partial pivoting. Written from the model's definition, sharing no code with the simulator.
/// </summary>
internal sealed class SwitchMarkovChain
{
    private readonly double[] _rates;
    private readonly int[][] _demands;
    private readonly double[] _weights;
    private readonly int _buffer;
    private readonly double _loss;
    private readonly bool _weighted;

    public SwitchMarkovChain(double[] rates, int[][] demands, int buffer, double lossRate, bool weighted = false, double[]? weights = null)
    {
        (_rates, _demands, _buffer, _loss, _weighted) = (rates, demands, buffer, lossRate, weighted);
        _weights = weights ?? [.. demands.Select(_ => 1.0)];
    }

    /// <summary>Delivered states per second of each request (before the swap success factor q).</summary>
    public double[] Capacity { get; private set; } = [];

    /// <summary>Mean occupancy of each leaf's buffer.</summary>
    public double[] MeanOccupancy { get; private set; } = [];

    public SwitchMarkovChain Solve()
    {
        // The states reachable from empty buffers (others, such as all buffers full, can never occur and some would be absorbing).
        var index = new Dictionary<int, int> { [0] = 0 };
        var order = new List<int> { 0 };
        for (int next = 0; next < order.Count; next++)
        {
            foreach (var (to, _, _) in Transitions(order[next]))
            {
                if (index.TryAdd(to, order.Count))
                {
                    order.Add(to);
                }
            }
        }
        int size = order.Count;
        var q = new double[size, size];
        var served = new double[size, _demands.Length];
        for (int s = 0; s < size; s++)
        {
            foreach (var (to, rate, demand) in Transitions(order[s]))
            {
                int t = index[to];
                if (t != s)
                {
                    q[s, t] += rate;
                    q[s, s] -= rate;
                }
                if (demand >= 0)
                {
                    served[s, demand] += rate;
                }
            }
        }
        double[] pi = Stationary(q, size);
        Capacity = [.. Enumerable.Range(0, _demands.Length).Select(d => Enumerable.Range(0, size).Sum(s => pi[s] * served[s, d]))];
        MeanOccupancy = [.. Enumerable.Range(0, _rates.Length).Select(i => Enumerable.Range(0, size).Sum(s => pi[s] * Decode(order[s])[i]))];
        return this;
    }

    // Every transition out of state s: (target state, rate, request served or -1).
    private IEnumerable<(int To, double Rate, int Demand)> Transitions(int s)
    {
        int[] n = Decode(s);
        for (int i = 0; i < n.Length; i++)
        {
            if (n[i] > 0 && _loss > 0)
            {
                int[] m = (int[])n.Clone();
                m[i]--;
                yield return (Encode(m), n[i] * _loss, -1);
            }
            if (n[i] == _buffer)
            {
                continue;
            }
            int[] after = (int[])n.Clone();
            after[i]++;
            int[] servable = [.. Enumerable.Range(0, _demands.Length).Where(d => _demands[d].Contains(i) && _demands[d].All(l => after[l] > 0))];
            if (servable.Length == 0)
            {
                yield return (Encode(after), _rates[i], -1);
                continue;
            }
            foreach ((int d, double share) in Choices(servable, after))
            {
                int[] m = (int[])after.Clone();
                foreach (int l in _demands[d])
                {
                    m[l]--;
                }
                yield return (Encode(m), _rates[i] * share, d);
            }
        }
    }

    private IEnumerable<(int Demand, double Share)> Choices(int[] servable, int[] occupancy)
    {
        if (_weighted)
        {
            double total = servable.Sum(d => _weights[d]);
            return servable.Select(d => (d, _weights[d] / total));
        }
        int best = servable.OrderByDescending(d => _demands[d].Sum(l => occupancy[l])).ThenBy(d => d).First();
        return [(best, 1.0)];
    }

    private static double[] Stationary(double[,] q, int size)
    {
        // Solve Qᵀπ = 0 with the last equation replaced by Σπ = 1.
        var a = new double[size, size + 1];
        for (int r = 0; r < size; r++)
        {
            for (int c = 0; c < size; c++)
            {
                a[r, c] = r == size - 1 ? 1 : q[c, r];
            }
            a[r, size] = r == size - 1 ? 1 : 0;
        }
        for (int col = 0; col < size; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < size; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }
            for (int c = 0; c <= size; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }
            for (int r = 0; r < size; r++)
            {
                if (r == col || a[r, col] == 0)
                {
                    continue;
                }
                double f = a[r, col] / a[col, col];
                for (int c = col; c <= size; c++)
                {
                    a[r, c] -= f * a[col, c];
                }
            }
        }
        return [.. Enumerable.Range(0, size).Select(r => a[r, size] / a[r, r])];
    }

    private int[] Decode(int s)
    {
        var n = new int[_rates.Length];
        for (int i = 0; i < n.Length; i++, s /= _buffer + 1)
        {
            n[i] = s % (_buffer + 1);
        }
        return n;
    }

    private int Encode(int[] n)
    {
        int s = 0;
        for (int i = n.Length - 1; i >= 0; i--)
        {
            s = s * (_buffer + 1) + n[i];
        }
        return s;
    }
}
