namespace QNet.Network.Scenarios;

/// <summary>
/// One problem found in a scenario file, located by line and column (1-based) and by the path of
/// the field, e.g. <c>links[0].detector.efficiency</c> (sequences are indexed from 0 in file order).
/// </summary>
/// <param name="Source">The file name (or the source name given to <see cref="ScenarioLoader.Parse"/>).</param>
/// <param name="Line">Line of the offending value, key or mapping, from 1.</param>
/// <param name="Column">Column, from 1.</param>
/// <param name="Field">Path of the field; <c>(syntax)</c> for YAML syntax errors, <c>(file)</c> for an unreadable or empty file.</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
public sealed record ScenarioError(string Source, int Line, int Column, string Field, string Message)
{
    /// <summary>Field name of YAML syntax errors.</summary>
    public const string SyntaxField = "(syntax)";

    /// <summary>Field name of errors about the file as a whole.</summary>
    public const string FileField = "(file)";

    /// <summary>The error as <c>FILE:LINE:COL: FIELD: message</c>, the form editors and CI logs recognise.</summary>
    public override string ToString() => $"{Source}:{Line}:{Column}: {Field}: {Message}";
}
