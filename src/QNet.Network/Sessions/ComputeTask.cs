namespace QNet.Network.Sessions;

/// <summary>One offloaded circuit: its server time, what it computes when it starts, and what to do with the result.</summary>
/// <param name="Seconds">The circuit's duration on the processor (gates and readouts), seconds.</param>
/// <param name="Run">Computes the task's figure when it starts (the server passes itself for <see cref="ComputeServer.Waited"/>).</param>
/// <param name="Done">Receives the figure when the circuit ends.</param>
internal sealed record ComputeTask(double Seconds, Func<ComputeServer, double> Run, Action<double> Done);
