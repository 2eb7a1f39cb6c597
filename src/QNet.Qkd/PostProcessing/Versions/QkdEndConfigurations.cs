namespace QNet.Qkd.PostProcessing.Versions;

/// <summary>
/// The configurations the two ends of one QKD link run now. Changed between blocks from any thread (a fault, an
/// operator, a rollback); each block reads one consistent pair at its start through <see cref="Current"/>.
/// </summary>
public sealed class QkdEndConfigurations
{
    private readonly Lock _gate = new();
    private volatile Pair _pair;

    /// <summary>Both ends on <paramref name="initial"/> (the current version when null).</summary>
    public QkdEndConfigurations(PostProcessingConfiguration? initial = null)
    {
        var c = initial ?? PostProcessingVersions.Default;
        _pair = new Pair(c, c);
    }

    /// <summary>The initiator's configuration.</summary>
    public PostProcessingConfiguration Initiator => _pair.Initiator;

    /// <summary>The responder's configuration.</summary>
    public PostProcessingConfiguration Responder => _pair.Responder;

    /// <summary>Both ends' configurations, read together.</summary>
    public (PostProcessingConfiguration Initiator, PostProcessingConfiguration Responder) Current
    {
        get
        {
            var p = _pair;
            return (p.Initiator, p.Responder);
        }
    }

    /// <summary>The configuration of <paramref name="end"/>.</summary>
    public PostProcessingConfiguration Of(QkdLinkEnd end) => end == QkdLinkEnd.Initiator ? Initiator : Responder;

    /// <summary>Puts <paramref name="end"/> on <paramref name="configuration"/>, unchecked (the caller decides whether the ends must interoperate).</summary>
    public void Set(QkdLinkEnd end, PostProcessingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        lock (_gate)
        {
            var p = _pair;
            _pair = end == QkdLinkEnd.Initiator ? p with { Initiator = configuration } : p with { Responder = configuration };
        }
    }

    private sealed record Pair(PostProcessingConfiguration Initiator, PostProcessingConfiguration Responder);
}
