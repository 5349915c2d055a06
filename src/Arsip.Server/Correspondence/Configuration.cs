using JasperFx.Events.Projections;

namespace Arsip.Correspondence;

public static class Configuration
{
    /// <summary>Deliveries between agencies get their own durable queue, so operators can see and pause them.</summary>
    public const string DeliveryQueue = "deliveries";

    public static void Configure(StoreOptions opts)
    {
        // known before the first read, so events stored while these types lived in other namespaces still load by their names
        opts.Events.AddEventType<LetterDisposed>();
        opts.Events.AddEventType<LetterAccessGranted>();
        opts.Events.AddEventType<SecretLetterRead>();
        opts.Events.AddEventType<OutgoingLetterIssued>();
        opts.Events.AddEventType<IncomingLetterContentDestroyed>();
        opts.Events.AddEventType<OutgoingLetterContentDestroyed>();
        opts.Events.AddEventType<DispositionContentDestroyed>();
        opts.Schema.For<PendingBlobDeletion>();
        opts.Projections.Add<IncomingLetterViewProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<IncomingLetterView>()
            .Index(l => l.AgendaYear)
            .Duplicate(l => l.AgendaNumber)
            .GinIndexJsonData();
        opts.Projections.Snapshot<OutgoingLetter>(SnapshotLifecycle.Inline);
        opts.Projections.Add<OutgoingLetterViewProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<OutgoingLetterView>().GinIndexJsonData();
        opts.Projections.Add<AgendaYearSummaryProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<LegacyImport>();
        opts.Schema.For<LegacyImportCancellation>();
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(LegacyImportSettings.From(configuration)).AddSingleton<CheckedRegisters>();

    public static void Configure(WolverineOptions opts) =>
        opts.PublishMessage<DeliverLetter>().ToLocalQueue(DeliveryQueue).UseDurableInbox();
}
