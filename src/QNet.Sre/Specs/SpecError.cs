namespace QNet.Sre.Specs;

/// <summary>One problem found in an SLO spec file.</summary>
/// <param name="Line">1-based line in the file (0 when unknown).</param>
/// <param name="Field">Dotted path of the field, e.g. <c>SLO/fidelity: spec.objectives[0].target</c>.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record SpecError(int Line, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"line {Line}: {Field}: {Message}" : $"{Field}: {Message}";
}
