namespace QNet.Kms.Storage;

internal sealed partial class SqliteGroupCommit
{
    /// <summary>One writer's queued work and the promise of its answer.</summary>
    private abstract class PendingWrite(bool partialUndo, CancellationToken cancellationToken)
    {
        /// <summary>True when the work runs in a savepoint and may undo part of its own writes.</summary>
        public bool PartialUndo { get; } = partialUndo;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>True once the writer has its result or its failure.</summary>
        public abstract bool IsAnswered { get; }

        /// <summary>Runs the work on the leader's turn; the result is kept until <see cref="Answer"/>.</summary>
        public abstract Task RunAsync(WriteScope scope);

        /// <summary>Hands the writer the result its work produced.</summary>
        public abstract void Answer();

        public abstract void Fail(Exception failure);
    }

    private sealed class PendingWrite<T>(bool partialUndo, Func<WriteScope, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite(partialUndo, cancellationToken)
    {
        // Continuations run on the thread pool: the leader must not run its followers' callers.
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _answer.Task;

        public override bool IsAnswered => _answer.Task.IsCompleted;

        public override async Task RunAsync(WriteScope scope) => _result = await work(scope).ConfigureAwait(false);

        public override void Answer() => _answer.TrySetResult(_result!);

        public override void Fail(Exception failure)
        {
            if (failure is OperationCanceledException canceled)
            {
                _answer.TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                _answer.TrySetException(failure);
            }
        }
    }
}
