namespace QNet.ControlPlane.Twin;

/// <summary>What one observation did to a <see cref="QkdProductionGate"/>.</summary>
internal enum QkdGateChange
{
    /// <summary>No change.</summary>
    None,

    /// <summary>Key production paused.</summary>
    Paused,

    /// <summary>Key production resumed.</summary>
    Resumed,
}

/// <summary>
/// Pauses key production on a QKD link whose estimated QBER reaches the pause threshold and resumes it once the
/// QBER falls to the (lower) resume threshold: a hysteresis band, so a QBER hovering around one threshold cannot
/// make the link flap. While paused the link keeps sending and estimating the QBER on every block's test sample
/// (that is how it sees the QBER fall back) but its keys are withheld from the key store. One caller at a time.
/// </summary>
internal sealed class QkdProductionGate
{
    /// <summary>Whether key production is paused now.</summary>
    public bool Paused { get; private set; }

    /// <summary>Times the gate has paused.</summary>
    public int Pauses { get; private set; }

    /// <summary>Feeds one block's estimated QBER under <paramref name="settings"/>.</summary>
    public QkdGateChange Observe(double estimatedQber, QkdMitigationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Paused && settings.Pause && estimatedQber >= settings.PauseQber)
        {
            Paused = true;
            Pauses++;
            return QkdGateChange.Paused;
        }
        if (Paused && (!settings.Pause || estimatedQber <= settings.ResumeQber))
        {
            Paused = false;
            return QkdGateChange.Resumed;
        }
        return QkdGateChange.None;
    }
}
