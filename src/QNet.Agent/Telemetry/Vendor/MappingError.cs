namespace QNet.Agent.Telemetry.Vendor;

/// <summary>A problem with a vendor mapping file, as <c>file:line: field: message</c>.</summary>
/// <param name="Source">The file as it was named.</param>
/// <param name="Line">1-based line (0 for the file as a whole).</param>
/// <param name="Field">Dotted path of the field, e.g. <c>metrics[2].unit</c>.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record MappingError(string Source, int Line, string Field, string Message)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Field}: {Message}" : $"{Source}: {Field}: {Message}";
}
