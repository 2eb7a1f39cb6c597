namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// How <c>qnet up --kubernetes</c> reaches the Kubernetes API. With neither <see cref="ApiUrl"/> nor <see cref="Kubeconfig"/>
/// it uses the in-cluster configuration (the pod's service account token and CA, KUBERNETES_SERVICE_HOST/PORT).
/// </summary>
public sealed record KubernetesOptions
{
    /// <summary>Namespace whose QuantumSession and QuantumLink objects are reconciled.</summary>
    public string Namespace { get; }

    /// <summary>Explicit API server URL without credentials (tests, <c>kubectl proxy</c>); null otherwise.</summary>
    public Uri? ApiUrl { get; }

    /// <summary>Kubeconfig file (its current context); null otherwise.</summary>
    public string? Kubeconfig { get; }

    /// <summary>Longest time between two passes without a watch event: statuses carry live counters (pairs, rate, fidelity).</summary>
    public TimeSpan Resync { get; }

    /// <summary>Creates validated options.</summary>
    public KubernetesOptions(string @namespace, Uri? apiUrl = null, string? kubeconfig = null, TimeSpan? resync = null)
    {
        if (string.IsNullOrWhiteSpace(@namespace) || @namespace.Length > 63 || !@namespace.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"kubernetes namespace must be a DNS label (1 to 63 lower-case letters, digits and '-'), not '{@namespace}'", nameof(@namespace));
        }
        if (apiUrl is not null && !(apiUrl.IsAbsoluteUri && apiUrl.Scheme is "http" or "https"))
        {
            throw new ArgumentException($"kubernetes API URL must be an absolute http(s) URL, not '{apiUrl}'", nameof(apiUrl));
        }
        if (apiUrl is not null && kubeconfig is not null)
        {
            throw new ArgumentException("give the kubernetes API URL or a kubeconfig, not both", nameof(kubeconfig));
        }
        var r = resync ?? TimeSpan.FromSeconds(5);
        if (r <= TimeSpan.Zero || r > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(resync), r, "kubernetes resync must be positive and at most 1 hour");
        }
        Namespace = @namespace;
        ApiUrl = apiUrl;
        Kubeconfig = kubeconfig;
        Resync = r;
    }

    /// <summary>The namespace of the pod's service account (in a cluster), or <paramref name="fallback"/>.</summary>
    public static string PodNamespace(string fallback = "qnet")
    {
        const string file = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(file) ? File.ReadAllText(file).Trim() : fallback;
    }
}
