namespace QNet.Network.Links;

/// <summary>How one session's path draws on the shared generation channels of its links.</summary>
/// <param name="Pools">Per link of the path, in path order: its shared channels, or null where each memory-slot pair is its own channel.</param>
/// <param name="Priority">The session's priority (priority sharing: higher first).</param>
/// <param name="RateHz">The session's requested rate in Hz, or null (proportional sharing).</param>
internal sealed record ChannelShare(IReadOnlyList<LinkChannelPool?> Pools, int Priority, double? RateHz);
