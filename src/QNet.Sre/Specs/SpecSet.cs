namespace QNet.Sre.Specs;

/// <summary>Everything read from one or more spec files: SLOs and maintenance windows.</summary>
public sealed record SpecSet(IReadOnlyList<Slo> Slos, IReadOnlyList<MaintenanceWindow> MaintenanceWindows);

/// <summary>Result of parsing: a spec set, or every error found (never both).</summary>
public sealed record SpecParseResult(SpecSet? Specs, IReadOnlyList<SpecError> Errors)
{
    /// <summary>True when the files were valid.</summary>
    public bool IsValid => Specs is not null;
}
