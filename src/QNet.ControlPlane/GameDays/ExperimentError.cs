namespace QNet.ControlPlane.GameDays;

/// <summary>A problem with an experiment file: where it is and what is wrong, as <c>file:line: field: message</c>.</summary>
/// <param name="Source">The file as named on the command line.</param>
/// <param name="Line">1-based line (0 for the file as a whole).</param>
/// <param name="Field">Dotted path of the field, e.g. <c>method[2].arguments.target</c>.</param>
/// <param name="Message">What is wrong, in words.</param>
internal sealed record ExperimentError(string Source, int Line, string Field, string Message)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Field}: {Message}" : $"{Source}: {Field}: {Message}";
}
