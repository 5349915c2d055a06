using JasperFx.Events.Projections;

namespace Arsip.Exchange;

/// <summary>Letters between installations: the installation's envelope key, its directory of peers, the envelope outbox and intake.</summary>
public static class Configuration
{
    /// <summary>Envelopes get their own durable queue, so a peer that is slow or down never holds up deliveries inside the installation.</summary>
    public const string EnvelopeQueue = "envelopes";

    public static void Configure(StoreOptions opts)
    {
        opts.Projections.Snapshot<PeerInstallation>(SnapshotLifecycle.Inline);
        // an administrator's cancel and a send in flight both rewrite the state: the later commit fails and retries on the fresh one
        opts.Schema.For<EnvelopeState>().Index(s => s.LetterId).UseOptimisticConcurrency(true);
        opts.Projections.Snapshot<ReceiptSettings>(SnapshotLifecycle.Inline);
        // the receipts' outbox lists newest first
        opts.Schema.For<ProgressReceiptState>().Index(s => s.At).UseOptimisticConcurrency(true);
        opts.Schema.For<ExchangeRefusal>().Index(r => r.At);
    }

    /// <summary>Envelopes mostly wait on the network and on the peer, so many go at once (the receiver registers those arriving together
    /// in one group commit).</summary>
    public const int ParallelEnvelopes = 16;

    /// <summary><c>Arsip:Exchange:ParallelEnvelopes</c> overrides it (per node).</summary>
    public static void Configure(WolverineOptions opts, IConfiguration configuration)
    {
        opts.PublishMessage<Correspondence.DeliverLetterToPeer>().ToLocalQueue(EnvelopeQueue).UseDurableInbox()
            .MaximumParallelMessages(Math.Max(1, configuration.GetValue("Arsip:Exchange:ParallelEnvelopes", ParallelEnvelopes)));
        opts.PublishMessage<SendProgressReceipt>().ToLocalQueue(EnvelopeQueue);
    }

    public static void Configure(StoreOptions opts, IServiceProvider services) =>
        opts.Listeners.Add(new PeerChangeListener(services.GetRequiredService<PeerDirectory>()));

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<ExchangeOptions>().BindConfiguration("Arsip:Exchange");
        services.AddSingleton<ExchangeKey>();
        services.AddSingleton<PeerDirectory>();
        services.AddSingleton<Correspondence.IAgencyHosts>(sp => sp.GetRequiredService<PeerDirectory>());
        services.AddSingleton<EnvelopeSender>();
        services.AddSingleton<RefusalLog>();
        services.AddHttpClient(EnvelopeSender.ClientName, c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
    }
}
