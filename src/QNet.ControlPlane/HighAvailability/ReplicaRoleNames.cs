namespace QNet.ControlPlane.HighAvailability;

/// <summary>Wire names of <see cref="ReplicaRole"/> (the <c>/health</c> body, the <c>cp_replicas</c> table, logs).</summary>
public static class ReplicaRoleNames
{
    private static readonly (ReplicaRole Role, string Name)[] Names =
    [
        (ReplicaRole.Standalone, "standalone"),
        (ReplicaRole.Leader, "leader"),
        (ReplicaRole.Follower, "follower"),
    ];

    /// <summary>The wire name of <paramref name="role"/>.</summary>
    public static string Of(ReplicaRole role) => Names.First(n => n.Role == role).Name;

    /// <summary>Parses a wire name; false for an unknown one.</summary>
    public static bool TryParse(string? name, out ReplicaRole role)
    {
        foreach (var (r, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }
}
