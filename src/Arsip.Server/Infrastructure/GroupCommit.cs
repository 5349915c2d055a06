using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Arsip.Infrastructure;

/// <summary>Registrations waiting for the same gapless counter share one transaction: the locked counter row would otherwise cap an agency at a few hundred a second.
/// A failed batch is retried write by write, so a bad write fails only its own request, and a rolled-back batch gives all its numbers back.</summary>
public sealed class GroupCommit(IDocumentStore store, IHttpContextAccessor http, ILogger<GroupCommit> logger) : IAsyncDisposable
{
    /// <summary>Enough to amortise one commit, small enough that one transaction stays short.</summary>
    private const int MaxBatch = 64;

    private readonly ConcurrentDictionary<(string Tenant, string Sequence, int Year), Lazy<Queue>> queues = new();

    /// <summary>write only stages changes on its session and may run twice (alone if its batch failed), so it must have no effects outside the session.</summary>
    public Task<T> RunAsync<T>(string tenant, string sequence, int year, Func<IDocumentSession, int, T> write)
    {
        var pending = new Pending<T>(write, HashChain.ActorOf(http.HttpContext?.User));
        var queue = queues.GetOrAdd((tenant, sequence, year), key => new Lazy<Queue>(() => new Queue(store, logger, key.Tenant, key.Sequence, key.Year))).Value;
        if (!queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommit));
        return pending.Result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in queues.Values.Where(q => q.IsValueCreated)) queue.Value.Writer.TryComplete();
        await Task.WhenAll(queues.Values.Where(q => q.IsValueCreated).Select(q => q.Value.Drained));
    }

    private abstract class Pending
    {
        public abstract void Stage(IDocumentSession session, int number);
        public abstract void Complete();
        public abstract void Fail(Exception exception);
    }

    private sealed class Pending<T>(Func<IDocumentSession, int, T> write, string actor) : Pending
    {
        private T? value;
        public TaskCompletionSource<T> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Stage(IDocumentSession session, int number)
        {
            value = write(session, number);
            // The batch runs outside the request, so the hash chain cannot ask the request who acts.
            foreach (var e in session.PendingChanges.Streams().SelectMany(s => s.Events))
                if (e.GetHeader(HashChain.ActorHeader) is null) e.SetHeader(HashChain.ActorHeader, actor);
        }

        public override void Complete() => Result.TrySetResult(value!);
        public override void Fail(Exception exception) => Result.TrySetException(exception);
    }

    private sealed class Queue
    {
        private readonly Channel<Pending> channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
        private readonly IDocumentStore store;
        private readonly ILogger logger;
        private readonly string tenant, sequence;
        private readonly int year;

        public Queue(IDocumentStore store, ILogger logger, string tenant, string sequence, int year)
        {
            (this.store, this.logger, this.tenant, this.sequence, this.year) = (store, logger, tenant, sequence, year);
            Drained = Task.Run(RunAsync);
        }

        public ChannelWriter<Pending> Writer => channel.Writer;
        public Task Drained { get; }

        private async Task RunAsync()
        {
            var batch = new List<Pending>(MaxBatch);
            while (await channel.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && channel.Reader.TryRead(out var next)) batch.Add(next);
                try
                {
                    await CommitAsync(batch);
                    foreach (var pending in batch) pending.Complete();
                }
                catch (Exception) when (batch.Count > 1)
                {
                    foreach (var pending in batch) await CommitAloneAsync(pending);
                }
                catch (Exception exception)
                {
                    batch[0].Fail(exception);
                }
                batch.Clear();
            }
        }

        private async Task CommitAloneAsync(Pending pending)
        {
            try
            {
                await CommitAsync([pending]);
                pending.Complete();
            }
            catch (Exception exception)
            {
                pending.Fail(exception);
            }
        }

        private async Task CommitAsync(IReadOnlyList<Pending> batch)
        {
            // Not the host's stopping token: a write that was accepted is finished, not abandoned halfway.
            await using var session = store.LightweightSession(tenant);
            var last = await Sequences.NextAsync(session, sequence, year, batch.Count, CancellationToken.None);
            var first = last - batch.Count + 1;
            for (var i = 0; i < batch.Count; i++) batch[i].Stage(session, first + i);
            await session.SaveChangesAsync(CancellationToken.None);
            if (batch.Count > 1) logger.LogDebug("Group commit of {Count} {Sequence} numbers {First}..{Last} for {Tenant}", batch.Count, sequence, first, last, tenant);
        }
    }
}
