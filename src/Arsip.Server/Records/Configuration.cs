using JasperFx.Events.Projections;

namespace Arsip.Records;

/// <summary>How records (berkas, retention, holds) are stored: each berkas and hold is a stream with an inline snapshot; the daily due reminder.</summary>
public static class Configuration
{
    public static void Configure(StoreOptions opts)
    {
        opts.Projections.Snapshot<CaseFile>(SnapshotLifecycle.Inline);
        // the due list is a range over one of the two dates, per unit or agency-wide
        opts.Schema.For<CaseFile>()
            .Duplicate(f => f.UnitId)
            .Duplicate(f => f.Status)
            .Duplicate(f => f.ActiveUntil)
            .Duplicate(f => f.InactiveUntil);
        opts.Projections.Add<LetterFilingProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<LetterFiling>().Duplicate(f => f.CaseFileId);
        opts.Schema.For<LetterFiledOnce>();
        opts.Schema.For<CaseFileOnProposal>();
        opts.Projections.Snapshot<TransferProposal>(SnapshotLifecycle.Inline);
        opts.Schema.For<TransferProposal>().Duplicate(t => t.Status).Duplicate(t => t.UnitId);
        opts.Projections.Snapshot<ReappraisalTask>(SnapshotLifecycle.Inline);

        // penyerahan (handover): its own stream and inline snapshot; the list filters on the status
        opts.Projections.Snapshot<HandoverProposal>(SnapshotLifecycle.Inline);
        opts.Schema.For<HandoverProposal>().Duplicate(h => h.Status);
        opts.Projections.Snapshot<LegalHold>(SnapshotLifecycle.Inline);
        opts.Schema.For<LegalHold>().Duplicate(h => h.Active);
        opts.Projections.Snapshot<RecordsReminders>(SnapshotLifecycle.Inline);
        // two runs of the daily check for one agency: the second save fails, so only one records the day
        opts.Schema.For<RecordsDueCheck>().UseOptimisticConcurrency(true);
        opts.Projections.Snapshot<DisposalProposal>(SnapshotLifecycle.Inline);
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(RecordsSettings.From(configuration));
        services.AddSingleton(DisposalSettings.From(configuration));
        if (configuration.GetValue("Arsip:Records:DueReminders", true)) services.AddHostedService<RecordsDueSchedule>();
    }
}

/// <summary>Letter streams carry <see cref="LetterFiledInCaseFile"/>; this keeps one document per filed letter.</summary>
public sealed class LetterFilingProjection : Marten.Events.Aggregation.SingleStreamProjection<LetterFiling, Guid>;
