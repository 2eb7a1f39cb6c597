namespace QNet.ControlPlane.Kubernetes;

/// <summary>The custom resources the reconciler serves (group <see cref="QuantumKinds.Group"/>).</summary>
internal enum QuantumKind
{
    /// <summary><c>QuantumSession</c> (plural <c>quantumsessions</c>).</summary>
    Session,

    /// <summary><c>QuantumLink</c> (plural <c>quantumlinks</c>).</summary>
    Link,
}

/// <summary>The API names of <see cref="QuantumKind"/> (the one name table of the enum).</summary>
internal static class QuantumKinds
{
    /// <summary>API group of both custom resources.</summary>
    public const string Group = "qnet.io";

    /// <summary>Served and stored version.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The resource's plural, as in its URL.</summary>
    public static string Plural(QuantumKind kind) => kind switch
    {
        QuantumKind.Session => "quantumsessions",
        QuantumKind.Link => "quantumlinks",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The resource's kind, as in its objects.</summary>
    public static string Kind(QuantumKind kind) => kind switch
    {
        QuantumKind.Session => "QuantumSession",
        QuantumKind.Link => "QuantumLink",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
