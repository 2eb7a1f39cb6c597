using QNet.ControlPlane.Events;
using QNet.Qkd.PostProcessing.Versions;
using QNet.Sre;

namespace QNet.ControlPlane.Twin;

internal sealed partial class Twin : QNet.Network.Faults.IQkdConfigurationTarget
{
    private EventHub? _hub;

    // The qkd-config-skew fault (F7): the responder end moves to another version unchecked, as an unmanaged upgrade of
    // one end does; clearing it sets the responder back to the initiator's version. A rollback the link made by itself
    // in the meantime leaves nothing to undo.
    void QNet.Network.Faults.IQkdConfigurationTarget.Skew(string linkId, int version) =>
        SetQkdConfiguration(linkId, QkdLinkEnd.Responder, version, checkCompatibility: false);

    void QNet.Network.Faults.IQkdConfigurationTarget.Unskew(string linkId)
    {
        if (Qkd.FirstOrDefault(q => q.Link.Id == linkId) is { } driver)
        {
            var ends = driver.Configuration.Ends;
            if (ends.Of(QkdLinkEnd.Responder).Version != ends.Of(QkdLinkEnd.Initiator).Version)
            {
                driver.ChangeConfiguration(QkdLinkEnd.Responder, ends.Of(QkdLinkEnd.Initiator).Version, checkCompatibility: false, Simulator.Now.Seconds);
            }
        }
    }

    /// <summary>
    /// Moves one end of QKD link <paramref name="linkId"/> to post-processing configuration <paramref name="version"/>.
    /// Operators' changes check compatibility (<paramref name="checkCompatibility"/> true: a version the other end does
    /// not support is refused with the reason); the <c>qkd-config-skew</c> fault (F7) passes false, which is what an
    /// unmanaged upgrade of one end does, and the link then fails verification until it rolls back by itself or is
    /// set back. Applied changes and refusals are <c>qkd</c> events.
    /// </summary>
    public QkdConfigurationChange SetQkdConfiguration(string linkId, QkdLinkEnd end, int version, bool checkCompatibility = true)
    {
        var driver = Qkd.FirstOrDefault(q => q.Link.Id == linkId);
        return driver is null
            ? new QkdConfigurationChange(QkdConfigurationOutcome.UnknownLink, $"'{linkId}' is not a QKD link of the network")
            : driver.ChangeConfiguration(end, version, checkCompatibility, Simulator.Now.Seconds);
    }

    /// <summary>Replaces the QKD links' rollback and QBER-pause settings (all links).</summary>
    public void SetQkdMitigation(QkdMitigationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var q in Qkd)
        {
            q.Mitigation = settings;
        }
    }

    // Constructor tail: exports each QKD link's series and routes the key store's copy comparisons to their link.
    private void WireQkd(EventHub hub)
    {
        _hub = hub;
        foreach (var q in Qkd)
        {
            Metrics.Qkd.Register(q.Link.Id);
        }
        var drivers = Qkd;
        Metrics.Qkd.ObservePaused(() => drivers.Select(q => (q.Link.Id, q.Paused)));
        KeyBridge.CopiesCompared = (initiator, responder, agreed) =>
            drivers.FirstOrDefault(q => q.Link.NodeA == initiator && q.Link.NodeB == responder)?.KeysCompared(agreed);
    }

    // QKD events come from the links' own tasks; the store writer and the hub both take them from any thread.
    private void OnQkdEvent(TwinEvent e)
    {
        _persistEvent(e);
        _hub?.PublishAlways(e);
    }

    // Cumulative QKD figures into the metric history (simulation thread, from Publish).
    private void PublishQkd()
    {
        foreach (var q in Qkd)
        {
            var link = new Dictionary<string, string> { ["link"] = q.Link.Id };
            Metrics.Tallies.Set(MetricCatalogue.Total(MetricCatalogue.QkdKeyVerificationFailures), link, q.VerificationFailures);
            Metrics.Tallies.Set(MetricCatalogue.QkdLinkPaused, link, q.Paused ? 1 : 0);
            Metrics.Tallies.Set(MetricCatalogue.Total(MetricCatalogue.QkdLinkPauses), link, q.Pauses);
            Metrics.Tallies.Set(MetricCatalogue.Total(MetricCatalogue.QkdConfigurationRollbacks), link, q.Rollbacks);
        }
    }
}
