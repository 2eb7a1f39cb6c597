using System.Text;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Quotes text taken from the file being loaded (an unknown key, a misplaced value, a tag) in an
/// error. The loader may be pointed at any file, a secrets file too, so an error repeats at most
/// <see cref="MaxLength"/> characters of it, with control characters (newlines, terminal escapes)
/// shown as '?'.
/// </summary>
internal static class Excerpt
{
    /// <summary>Most characters of file content repeated in one error.</summary>
    public const int MaxLength = 32;

    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        int length = Math.Min(text.Length, MaxLength);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--; // never cut a character in half
        }
        var excerpt = new StringBuilder(length + 1);
        foreach (char c in text.AsSpan(0, length))
        {
            // Line and paragraph separators and bidirectional overrides would change how the error line reads.
            excerpt.Append(char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') ? '?' : c);
        }
        if (length < text.Length)
        {
            excerpt.Append('…');
        }
        return excerpt.ToString();
    }
}
