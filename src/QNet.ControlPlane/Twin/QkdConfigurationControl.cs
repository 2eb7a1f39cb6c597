using QNet.Qkd.PostProcessing.Versions;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// The post-processing configurations of one QKD link's two ends and what keeps them compatible (F7): a checked
/// change is refused when the other end does not support the new version; an unchecked one (what a fault or an
/// out-of-band upgrade does) is applied as it is. The last pair of configurations under which the ends
/// interoperated is remembered; after <see cref="QkdMitigationSettings.RollbackAfterFailures"/> key verification
/// failures in a row the ends roll back to it. Thread-safe: blocks report from the link's task, changes come from
/// the simulation thread.
/// </summary>
internal sealed class QkdConfigurationControl
{
    private readonly Lock _gate = new();
    private readonly string _initiator;
    private readonly string _responder;
    private (PostProcessingConfiguration Initiator, PostProcessingConfiguration Responder) _lastShared;
    private int _failuresInARow;

    /// <summary>Both ends of the link between <paramref name="initiator"/> and <paramref name="responder"/> on <paramref name="initial"/>.</summary>
    public QkdConfigurationControl(string initiator, string responder, PostProcessingConfiguration initial)
    {
        _initiator = initiator;
        _responder = responder;
        Ends = new QkdEndConfigurations(initial);
        _lastShared = Ends.Current;
    }

    /// <summary>The configurations the session reads at each block.</summary>
    public QkdEndConfigurations Ends { get; }

    /// <summary>Verification failures since the last agreeing block (or the last change).</summary>
    public int FailuresInARow
    {
        get
        {
            lock (_gate)
            {
                return _failuresInARow;
            }
        }
    }

    /// <summary>
    /// Moves <paramref name="end"/> to <paramref name="version"/>. With <paramref name="checkCompatibility"/> a version
    /// the other end cannot interoperate with is refused, with the stages they would do differently as the reason.
    /// </summary>
    public QkdConfigurationChange Change(QkdLinkEnd end, int version, bool checkCompatibility)
    {
        var next = PostProcessingVersions.Find(version);
        if (next is null)
        {
            return new(QkdConfigurationOutcome.UnknownVersion, $"unknown post-processing version {version}; known versions are {PostProcessingVersions.Known}");
        }
        lock (_gate)
        {
            var otherEnd = end == QkdLinkEnd.Initiator ? QkdLinkEnd.Responder : QkdLinkEnd.Initiator;
            var other = Ends.Of(otherEnd);
            var stages = next.Incompatibilities(other);
            if (checkCompatibility && stages.Count > 0)
            {
                return new(QkdConfigurationOutcome.Refused,
                    $"{Describe(end)} cannot move to version {version}: {Describe(otherEnd)} runs version {other.Version}, which does not support it " +
                    $"(they derive the {string.Join(", ", stages)} differently, so every key block would fail verification)");
            }
            int before = Ends.Of(end).Version;
            Ends.Set(end, next);
            _failuresInARow = 0;
            if (stages.Count == 0)
            {
                _lastShared = Ends.Current;
            }
            return new(QkdConfigurationOutcome.Applied, stages.Count == 0
                ? $"{Describe(end)} moved from version {before} to {version}"
                : $"{Describe(end)} moved from version {before} to {version} unchecked; {Describe(otherEnd)} runs version {other.Version} and derives the {string.Join(", ", stages)} differently");
        }
    }

    /// <summary>A block whose two ends' keys were compared and agreed: the failure run ends.</summary>
    public void Agreed()
    {
        lock (_gate)
        {
            _failuresInARow = 0;
        }
    }

    /// <summary>
    /// A block whose two ends' keys disagreed. Returns the rollback's description when this failure completed a run
    /// of <see cref="QkdMitigationSettings.RollbackAfterFailures"/> on ends that no longer interoperate (and rollback
    /// is on); the ends then run the last configurations they shared. Null otherwise.
    /// </summary>
    public string? Failed(QkdMitigationSettings settings, string failure)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            _failuresInARow++;
            var (initiator, responder) = Ends.Current;
            if (!settings.Rollback || _failuresInARow < settings.RollbackAfterFailures || initiator.InteroperatesWith(responder))
            {
                return null;
            }
            string reason = $"{_failuresInARow} key verification failures in a row (last: {failure}) with {Describe(QkdLinkEnd.Initiator)} on version {initiator.Version} " +
                $"and {Describe(QkdLinkEnd.Responder)} on version {responder.Version}";
            var changed = new List<string>(2);
            if (initiator != _lastShared.Initiator)
            {
                Ends.Set(QkdLinkEnd.Initiator, _lastShared.Initiator);
                changed.Add($"{Describe(QkdLinkEnd.Initiator)} to version {_lastShared.Initiator.Version}");
            }
            if (responder != _lastShared.Responder)
            {
                Ends.Set(QkdLinkEnd.Responder, _lastShared.Responder);
                changed.Add($"{Describe(QkdLinkEnd.Responder)} to version {_lastShared.Responder.Version}");
            }
            _failuresInARow = 0;
            return $"{reason}; rolled back {string.Join(" and ", changed)}, the last configuration both ends shared";
        }
    }

    private string Describe(QkdLinkEnd end) => end == QkdLinkEnd.Initiator ? $"the initiator end ({_initiator})" : $"the responder end ({_responder})";
}
