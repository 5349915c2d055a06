using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>Retention arithmetic: calendar years from the trigger's local date (the working calendar is not involved).</summary>
public static class Retention
{
    /// <summary>Aktif until and inaktif until: the retention counts from the closing day when closing is the trigger, else from
    /// the day the trigger was recorded; both null while that trigger has not happened.</summary>
    public static (DateOnly? ActiveUntil, DateOnly? InactiveUntil) Dates(FixedRetention retention, DateOnly closedOn, DateOnly? triggeredOn)
    {
        DateOnly? start = retention.Trigger == RetentionTrigger.CaseFileClosed ? closedOn : triggeredOn;
        if (start is not { } from) return (null, null);
        var active = from.AddYears(retention.ActiveYears);
        return (active, active.AddYears(retention.InactiveYears));
    }

    public static RetentionStage Stage(CaseFile file, DateOnly today) => file switch
    {
        { Status: CaseFileStatus.Destroyed } => RetentionStage.Destroyed,
        { Status: CaseFileStatus.HandedOver } => RetentionStage.HandedOver,
        { Status: CaseFileStatus.Open } => RetentionStage.Open,
        { ActiveUntil: null } => RetentionStage.AwaitingTrigger,
        { ActiveUntil: { } a } when today < a => RetentionStage.Active,
        { InactiveUntil: { } i } when today < i => RetentionStage.Inactive,
        _ => RetentionStage.RetentionEnded,
    };
}
