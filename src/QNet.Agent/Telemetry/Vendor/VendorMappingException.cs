namespace QNet.Agent.Telemetry.Vendor;

/// <summary>A mapping file was refused; <see cref="Errors"/> names every problem found.</summary>
public sealed class VendorMappingException : Exception
{
    public VendorMappingException(IReadOnlyList<MappingError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public VendorMappingException()
        : this([])
    {
    }

    public VendorMappingException(string message)
        : base(message)
    {
        Errors = [];
    }

    public VendorMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<MappingError> Errors { get; }
}
