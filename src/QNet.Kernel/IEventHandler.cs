namespace QNet.Kernel;

/// <summary>
/// Receives scheduled events. Entities implement it once and tell their events apart by the
/// <c>kind</c> and <c>argument</c> they scheduled, so dispatch allocates nothing.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It handles simulator events; the .NET EventHandler delegate is a different idea and never meets it.")]
public interface IEventHandler
{
    /// <summary>Runs the event; <see cref="Simulator.Now"/> is already the event's time.</summary>
    void OnEvent(int kind, long argument);
}
