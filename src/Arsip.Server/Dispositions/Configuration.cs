using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;

namespace Arsip.Dispositions;

public static class Configuration
{
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(DispositionSettings.From(configuration));
        services.AddSingleton<Documents.IDispositionTrees, RoutingSlipTree>();
    }

    public static void Configure(StoreOptions opts)
    {
        opts.Projections.Snapshot<Disposition>(SnapshotLifecycle.Inline);
        // GIN: a destroyed follow-up file is deleted only when no live report names it (DestroyedContentSweeper probes it per file)
        opts.Schema.For<Disposition>().Duplicate(d => d.LetterId).Duplicate(d => d.IssuerPositionId).GinIndexJsonData();
        opts.Projections.Add<DispositionInboxProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<DispositionInboxRow>()
            .Duplicate(r => r.RecipientPositionId)
            .Duplicate(r => r.IssuedAt)
            .Duplicate(r => r.IsOpen)
            .Duplicate(r => r.Deadline);
        // the inbox's first page: one position's open rows in deadline order, read straight off one index
        opts.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType == typeof(DispositionInboxRow))
                mapping.Indexes.Add(new DocumentIndex(mapping, "recipient_position_id", "is_open", "deadline") { TenancyScope = TenancyScope.PerTenant, Name = "mt_doc_dispositioninboxrow_idx_inbox" });
        });
        opts.Projections.Add<DispositionNotificationProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<DispositionNotification>().Duplicate(n => n.PositionId);
    }
}
