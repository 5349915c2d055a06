using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.Organization;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;
using Weasel.Core;

namespace Arsip;

/// <summary>The Marten event store: one place that says how every module's data is stored.</summary>
public static class ArsipStore
{
    public const string Schema = "arsip";

    public static void Configure(StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = Schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);

        // Each agency (instansi) is a tenant: its records never show in another's queries.
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Policies.AllDocumentsAreMultiTenanted();
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        // (type, seq_id): who held a position at a moment reads placements and acting assignments by type (Audit/LetterTimeline.cs)
        opts.Events.EnableEventTypeIndex = true;
        opts.Events.UseMandatoryStreamTypeDeclaration = true;

        opts.Storage.ExtendedSchemaObjects.Add(Sequences.Table(Schema));

        opts.Projections.Snapshot<Unit>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Position>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Person>(SnapshotLifecycle.Inline);
        opts.Schema.For<Person>()
            .UniqueIndex(UniqueIndexType.Computed, "person_user_name", TenancyScope.PerTenant, p => p.UserName)
            .GinIndexJsonData();

        opts.Projections.Add<IncomingLetterViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Snapshot<OutgoingLetter>(SnapshotLifecycle.Inline);
        opts.Projections.Add<OutgoingLetterViewProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<OutgoingLetterView>().GinIndexJsonData();
        opts.Projections.Add<AgendaYearSummaryProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<IncomingLetterView>()
            .Index(l => l.AgendaYear)
            .Duplicate(l => l.AgendaNumber)
            .GinIndexJsonData();

        opts.Projections.Snapshot<Disposition>(SnapshotLifecycle.Inline);
        opts.Schema.For<Disposition>().Duplicate(d => d.LetterId).Duplicate(d => d.IssuerPositionId);
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

        // "the newest anchor holding this stream" is a containment query on the anchors' heads
        opts.Schema.For<Audit.AuditAnchor>().GinIndexJsonData();

        ReferenceData.Configuration.Configure(opts);
        DocumentsModule.Configure(opts);
    }
}
