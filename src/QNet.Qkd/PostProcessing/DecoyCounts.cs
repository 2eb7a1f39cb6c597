namespace QNet.Qkd.PostProcessing;

/// <summary>
/// Per-intensity counts of one block after sifting, indexed by intensity class (0 signal, 1 decoy,
/// 2 vacuum): the Z-basis detections that form the key and the X-basis detections with their errors.
/// </summary>
/// <param name="KeyDetections">n_{Z,k}: matched-Z detections of each class kept in the key.</param>
/// <param name="TestDetections">n_{X,k}: matched-X detections of each class.</param>
/// <param name="TestErrors">m_{X,k}: errors among the X detections of each class.</param>
public sealed record DecoyCounts(IReadOnlyList<double> KeyDetections, IReadOnlyList<double> TestDetections, IReadOnlyList<double> TestErrors)
{
    /// <summary>n_Z, the key length before error correction.</summary>
    public double KeyTotal => KeyDetections.Sum();

    /// <summary>n_X.</summary>
    public double TestTotal => TestDetections.Sum();

    /// <summary>m_X.</summary>
    public double TestErrorTotal => TestErrors.Sum();
}
