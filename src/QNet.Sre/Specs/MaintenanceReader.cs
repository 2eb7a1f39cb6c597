using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace QNet.Sre.Specs;

/// <summary>Reads a <c>qnet.io/v1 MaintenanceWindow</c> document.</summary>
internal static class MaintenanceReader
{
    public static MaintenanceWindow? Read(YamlFields f, SpecParser.Doc doc)
    {
        var spec = doc.Spec;
        var p = doc.Path + ": spec";
        if (spec is null)
        {
            return null;
        }

        var before = f.Errors.Count;
        f.CheckKeys(spec, p, "description", "matchers", "timeIntervals");
        var matchers = new Dictionary<string, string>();
        if (f.Map(spec, "matchers", p, required: false) is { } m)
        {
            foreach (var (k, v) in m.Children)
            {
                if (k is YamlScalarNode { Value: { } key } && v is YamlScalarNode { Value: { } value })
                {
                    matchers[key] = value;
                }
                else
                {
                    f.Error(k, p + ".matchers", "each matcher must be label: value");
                }
            }
        }

        var seq = f.Seq(spec, "timeIntervals", p, required: true);
        var intervals = new List<TimeInterval>();
        for (var i = 0; i < (seq?.Children.Count ?? 0); i++)
        {
            var ip = YamlFields.Index(p + ".timeIntervals", i);
            if (seq!.Children[i] is not YamlMappingNode item)
            {
                f.Error(seq.Children[i], ip, "must be a mapping");
                continue;
            }

            f.CheckKeys(item, ip, "times", "weekdays", "daysOfMonth", "months", "years", "location");
            var times = new List<(int, int)>();
            var ts = f.Seq(item, "times", ip, required: false);
            for (var j = 0; j < (ts?.Children.Count ?? 0); j++)
            {
                var tp = YamlFields.Index(ip + ".times", j);
                var t = ts!.Children[j] as YamlMappingNode;
                var start = Minutes(f, t, "startTime", tp);
                var end = Minutes(f, t, "endTime", tp);
                if (start is not null && end is not null)
                {
                    if (end <= start)
                    {
                        f.Error(t, tp + ".endTime", "must be after startTime");
                    }

                    times.Add((start.Value, end.Value));
                }
            }

            var location = f.Str(item, "location", ip, required: false);
            if (location is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(location, out _))
            {
                f.Error(YamlFields.Get(item, "location"), ip + ".location", $"'{location}' is not a known IANA time zone");
            }

            intervals.Add(new TimeInterval(times, Ranges(f, item, "weekdays", ip), Ranges(f, item, "daysOfMonth", ip), Ranges(f, item, "months", ip), Ranges(f, item, "years", ip), location));
        }

        return f.Errors.Count > before ? null : new MaintenanceWindow(doc.Name, matchers, intervals);
    }

    private static int? Minutes(YamlFields f, YamlMappingNode? t, string key, string path)
    {
        var text = f.Str(t, key, path, required: true);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && parts[1].Length == 2 && min < 60 && (h < 24 || (h == 24 && min == 0)))
        {
            return (h * 60) + min;
        }

        f.Error(YamlFields.Get(t, key), path + "." + key, $"'{text}' is not a time HH:MM between 00:00 and 24:00");
        return null;
    }

    private static List<string> Ranges(YamlFields f, YamlMappingNode item, string key, string path)
    {
        var seq = f.Seq(item, key, path, required: false);
        var result = new List<string>();
        for (var i = 0; i < (seq?.Children.Count ?? 0); i++)
        {
            if (seq!.Children[i] is YamlScalarNode { Value: { } v } && TimeInterval.ValidateRange(v, key) is null)
            {
                result.Add(v);
            }
            else
            {
                f.Error(seq.Children[i], YamlFields.Index(path + "." + key, i), TimeInterval.ValidateRange((seq.Children[i] as YamlScalarNode)?.Value ?? "", key) ?? "must be a value");
            }
        }

        return result;
    }
}
