using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;
using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// Detector instruments on the twin's meter, for the debug dashboard:
/// <c>qnet_detector_clicks_total{link, origin}</c>, the heralding clicks of each link by origin (<c>photon</c>: a
/// photon of the pair clicked; <c>dark</c>: a dark count made a false herald, as the link model draws it), and
/// <c>qnet_detector_dark_count_floor_hertz{link}</c>, the herald rate the detectors' dark counts alone produce on one
/// channel attempting continuously: the link's herald probability with no light at the detectors (from the
/// detector's dark-count probability per window, 1 − e^(−rate·window)) over its attempt duration. A link whose
/// click rate per channel falls to the floor sees no light (a cut or a far too lossy fibre).
/// </summary>
internal sealed class DetectorMetrics
{
    private readonly Counter<long> _clicks;
    private readonly Dictionary<string, LinkClicks> _links = new(StringComparer.Ordinal); // in the order of first click
    private readonly List<LinkClicks> _window = [];  // the links that clicked in the current window, in the order of first click in it
    private Dictionary<string, double> _floorByLink = new(StringComparer.Ordinal);
    private Dictionary<string, double> _expectedTrueShare = new(StringComparer.Ordinal);
    private volatile Measurement<double>[] _floors = [];
    private volatile Measurement<double>[] _ratios = [];

    /// <summary>Creates the instruments on <paramref name="meter"/>.</summary>
    public DetectorMetrics(Meter meter)
    {
        _clicks = meter.CreateCounter<long>(MetricCatalogue.DetectorClicks, null,
            "Heralding detector clicks per link, by origin: photon (a photon of the pair) or dark (a dark count, a false herald).");
        meter.CreateObservableGauge(MetricCatalogue.DetectorDarkCountFloorHertz, () => _floors, null,
            "Herald rate of one channel from dark counts alone (no light at the detectors), in Hz.");
        meter.CreateObservableGauge(MetricCatalogue.DetectorClickRatio, () => _ratios, null,
            "Heralding clicks of the last minute over the clicks the link's nominal detector parameters explain for the photons that arrived (1 when healthy; F5).");
    }

    /// <summary>True while something listens to the click counter.</summary>
    public bool Listened => _clicks.Enabled;

    /// <summary>Counts one heralding click (simulation thread).</summary>
    public void Click(string link, bool darkCount) => Click(ClicksOf(link), darkCount);

    /// <summary>Counts one heralding click of a link whose counts the caller found once (<see cref="ClicksOf"/>) and keeps.</summary>
    public void Click(LinkClicks link, bool darkCount)
    {
        if (_clicks.Enabled)
        {
            _clicks.Add(1, new KeyValuePair<string, object?>("link", link.Link), new KeyValuePair<string, object?>("origin", darkCount ? "dark" : "photon"));
        }
        if (!link.InWindow)
        {
            link.InWindow = true;
            _window.Add(link);
        }
        link.WindowClicks++;
        link.WindowPhoton += darkCount ? 0 : 1;
        link.Total++;
    }

    /// <summary>
    /// The number of the current click window (0 first, one more at each <see cref="CloseWindow"/>): a session partition
    /// keeping clicks of its own tells the first click of a link in a window by it. Written on the simulation thread while
    /// partitions stand still.
    /// </summary>
    public int Window { get; private set; }

    /// <summary>Puts a link among those that clicked in the current window, if it is not yet (its first click in the window, counted elsewhere).</summary>
    public void Enter(LinkClicks link)
    {
        if (!link.InWindow)
        {
            link.InWindow = true;
            _window.Add(link);
        }
    }

    /// <summary>The click counts of <paramref name="link"/>, created (at 0) at its first click.</summary>
    public LinkClicks ClicksOf(string link)
    {
        ref var clicks = ref CollectionsMarshal.GetValueRefOrAddDefault(_links, link, out _);
        return clicks ??= new LinkClicks(link);
    }

    /// <summary>Heralding clicks per link since start, all origins (simulation thread only; the console's history reads it).</summary>
    public IReadOnlyDictionary<string, long> TotalClicks => _links.ToDictionary(kv => kv.Key, kv => kv.Value.Total, StringComparer.Ordinal);

    /// <summary>The dark-count floor per link with a detector model, in Hz (set by <see cref="SetFloors"/>).</summary>
    public IReadOnlyDictionary<string, double> Floors => _floorByLink;

    /// <summary>
    /// Ends the current click window (simulation thread): per link with photon clicks in it, the click ratio
    /// clicks / (photon clicks / s), where s is the share of heralds its nominal parameters attribute to photons
    /// (<see cref="LinkPhysics.TrueHeraldFraction"/>). Dark counts within the model read 1 on average; background
    /// light or a flash (extra clicks the parameters do not explain) reads above. Links without photon clicks in
    /// the window (idle, or cut: F1 alerts on those) report nothing. Returns the ratios and exports them.
    /// </summary>
    public IReadOnlyDictionary<string, double> CloseWindow()
    {
        var ratios = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var link in _window)
        {
            if (link.WindowPhoton > 0 && _expectedTrueShare.TryGetValue(link.Link, out var share))
            {
                ratios[link.Link] = link.WindowClicks * share / link.WindowPhoton;
            }
            (link.WindowClicks, link.WindowPhoton, link.InWindow) = (0, 0, false);
        }

        _window.Clear();
        Window++;
        _ratios = ratios.Select(kv => new Measurement<double>(kv.Value, new KeyValuePair<string, object?>("link", kv.Key))).ToArray();
        return ratios;
    }

    /// <summary>Sets the floor of every optical link of <paramref name="scenario"/> (probabilistic links have no detector model).</summary>
    public void SetFloors(Scenario scenario)
    {
        _expectedTrueShare = scenario.Links.Where(l => l.Heralding != HeraldingScheme.Probabilistic)
            .ToDictionary(l => l.Id, l => LinkModelFactory.Create(l).Derive().TrueHeraldFraction, StringComparer.Ordinal);
        var floors = scenario.Links
            .Select(l => (l.Id, Floor: FloorHz(l)))
            .Where(x => x.Floor is not null)
            .ToArray();
        _floorByLink = floors.ToDictionary(x => x.Id, x => x.Floor!.Value, StringComparer.Ordinal);
        _floors = floors.Select(x => new Measurement<double>(x.Floor!.Value, new KeyValuePair<string, object?>("link", x.Id)))
            .ToArray();
    }

    /// <summary>
    /// The dark-count floor of a link in Hz: its model derived with sources that never emit, so only dark counts
    /// can herald; 0 when its detectors have no dark counts; null for a link without a detector model.
    /// </summary>
    public static double? FloorHz(LinkSpec link)
    {
        if (link.Heralding == HeraldingScheme.Probabilistic)
        {
            return null;
        }

        var dark = link with { Source = new PhotonSource(0, (link.Source ?? PhotonSource.Ideal).RepetitionRateHz) };
        if ((link.Detector ?? new Detector()).DarkCountProbability == 0)
        {
            return 0;
        }

        var physics = LinkModelFactory.Create(dark).Derive();
        return physics.SuccessProbability / physics.AttemptDuration.Seconds;
    }

    /// <summary>One link's heralding clicks: in the current window (all origins, and photon clicks) and since start.</summary>
    internal sealed class LinkClicks(string link)
    {
        public string Link { get; } = link;

        public long WindowClicks { get; set; }

        public long WindowPhoton { get; set; }

        public bool InWindow { get; set; }

        public long Total { get; set; }

        /// <summary>
        /// Adds clicks counted elsewhere (a session partition's, merged at a sync point), of which <paramref name="photon"/>
        /// photon clicks; the link entered the window at the first of them (<see cref="Enter"/>).
        /// </summary>
        public void Add(long clicks, long photon)
        {
            WindowClicks += clicks;
            WindowPhoton += photon;
            Total += clicks;
        }
    }
}
