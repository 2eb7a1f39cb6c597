namespace QNet.Network.Scenarios;

/// <summary>
/// The one rule for the ids of nodes, links and sessions, wherever they come from (scenario files, the control API,
/// code): 1 to <see cref="MaxLength"/> ASCII letters, digits, '-' and '_'. Ids appear in metric tags, URL paths and
/// sweep paths (<c>links.alice-bob.length</c>), so '.' and other punctuation are out.
/// </summary>
public static class IdRule
{
    /// <summary>Longest accepted id, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>What the rule asks for, as it ends an error message ("id 'a.b' must be ...").</summary>
    public const string Requirement = "must be 1 to 64 characters of letters, digits, '-' and '_'";

    /// <summary>True when <paramref name="value"/> is a valid id.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
