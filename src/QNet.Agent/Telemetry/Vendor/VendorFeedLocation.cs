namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// Where <c>qnet agent --vendor-feed</c> reads a real device controller's telemetry: an <c>http</c> or <c>https</c> URL
/// (<see cref="HttpVendorFeed"/>, one GET per read) or the path of a file the controller appends to
/// (<see cref="FileVendorFeed"/>). Anything else is refused with the option's name and the reason.
/// </summary>
public static class VendorFeedLocation
{
    /// <summary>The option the location comes from, for messages.</summary>
    public const string Option = "--vendor-feed";

    /// <summary>Null when <paramref name="location"/> names a feed this agent can read; else the refusal.</summary>
    public static string? Problem(string location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return $"{Option}: is empty; give an http(s) URL or the path of a telemetry file";
        }
        if (location.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(location, UriKind.Absolute, out var url))
            {
                return $"{Option}: '{location}' is not a valid URL";
            }
            return url.Scheme is "http" or "https" && !string.IsNullOrEmpty(url.Host)
                ? null
                : $"{Option}: '{location}' is a {url.Scheme} URL; only http and https URLs (or a file path) are read";
        }
        if (Directory.Exists(location))
        {
            return $"{Option}: '{location}' is a folder; give the telemetry file the device controller appends to";
        }
        return File.Exists(location)
            ? null
            : $"{Option}: no file at '{Path.GetFullPath(location)}' (the device controller's telemetry file must exist when the agent starts)";
    }

    /// <summary>The feed <paramref name="location"/> names (check <see cref="Problem"/> first); HTTP reads go through <paramref name="http"/>.</summary>
    public static IVendorFeed Open(string location, HttpClient http)
    {
        if (Problem(location) is { } problem)
        {
            throw new ArgumentException(problem, nameof(location));
        }
        return location.Contains("://", StringComparison.Ordinal) ? new HttpVendorFeed(http, new Uri(location)) : new FileVendorFeed(location);
    }
}
