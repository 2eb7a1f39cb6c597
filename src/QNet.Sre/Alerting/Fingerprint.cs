using System.Globalization;
using System.Text;

namespace QNet.Sre.Alerting;

/// <summary>
/// Alertmanager's alert fingerprint (prometheus/common model.LabelSet.Fingerprint): FNV-1a 64 over the labels
/// sorted by name, each name and value followed by the separator byte 0xff, printed as 16 hex digits.
/// </summary>
public static class Fingerprint
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static string Of(IReadOnlyDictionary<string, string> labels)
    {
        var h = Offset;
        foreach (var (name, value) in labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            h = Add(h, name);
            h = (h ^ 0xff) * Prime;
            h = Add(h, value);
            h = (h ^ 0xff) * Prime;
        }

        return h.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static ulong Add(ulong h, string s)
    {
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            h = (h ^ b) * Prime;
        }

        return h;
    }
}
