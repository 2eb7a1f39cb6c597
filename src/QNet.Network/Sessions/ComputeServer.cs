using QNet.Kernel;
using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Network.Sessions;

/// <summary>
/// A node's quantum processor as a resource shared by every compute session it serves. A task holds one of the
/// processor's data qubits for its circuit's duration, so at most <see cref="QuantumProcessor.Qubits"/> tasks run at
/// once and the processor completes at most qubits / duration tasks per second. A task that finds every data qubit
/// busy waits in first-come order; its pair halves wait in the node's memory meanwhile and decohere with its T1/T2.
/// A task of zero duration completes at once, without an event.
/// </summary>
internal sealed class ComputeServer
{
    private readonly Simulator _sim;
    private readonly QuantumMemory _memory;
    private readonly Queue<ComputeTask> _waiting = new();
    private int _running;

    public ComputeServer(Simulator simulator, QuantumProcessor processor, QuantumMemory memory)
    {
        _sim = simulator;
        Processor = processor;
        _memory = memory;
    }

    /// <summary>The processor's gate and readout model.</summary>
    public QuantumProcessor Processor { get; }

    /// <summary>Tasks waiting for a data qubit now.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// Runs <paramref name="task"/> when a data qubit is free (now, or after the tasks before it). Its
    /// <see cref="ComputeTask.Run"/> gets the server halves of its pairs decohered over their waits, and
    /// <see cref="ComputeTask.Done"/> its result when the circuit ends.
    /// </summary>
    public void Submit(ComputeTask task)
    {
        if (_running < Processor.Qubits)
        {
            Start(task);
        }
        else
        {
            _waiting.Enqueue(task);
        }
    }

    /// <summary>A pair whose server half has waited in this node's memory since <paramref name="arrivedPicoseconds"/>, as it is now.</summary>
    public BellDiagonalState Waited(in BellDiagonalState pair, long arrivedPicoseconds) =>
        pair.Decohere((_sim.Now.Picoseconds - arrivedPicoseconds) / (double)SimTime.PicosecondsPerSecond, _memory.T1Seconds, _memory.T2Seconds);

    private void Start(ComputeTask task)
    {
        double result = task.Run(this);
        if (task.Seconds <= 0)
        {
            task.Done(result);
            return;
        }
        _running++;
        _sim.Schedule(SimTime.FromSeconds(task.Seconds), () =>
        {
            _running--;
            task.Done(result);
            if (_waiting.Count > 0)
            {
                Start(_waiting.Dequeue());
            }
        });
    }
}
