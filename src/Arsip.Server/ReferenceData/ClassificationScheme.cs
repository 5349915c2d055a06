using Arsip.Correspondence;
using Marten.Events.Aggregation;

namespace Arsip.ReferenceData;

/// <summary>Tindakan akhir: what happens to a record when its retention ends.</summary>
public enum FinalAction { Musnah, Permanen, DinilaiKembali }

public static class FinalActions
{
    /// <summary>As printed and shown: "Musnah", "Permanen", "Dinilai kembali".</summary>
    public static string Label(FinalAction action) => action == FinalAction.DinilaiKembali ? "Dinilai kembali" : action.ToString();
}

/// <summary>What starts a class's retention clock, as a JRA says it ("2 tahun setelah berkas ditutup", "setelah pegawai pensiun", ...).</summary>
public enum RetentionTrigger { CaseFileClosed, NoLongerInForce, EmployeeRetired, AuditCompleted }

public static class RetentionTriggers
{
    /// <summary>The JRA's own words after "setelah ...", as the pages show them.</summary>
    public static string Label(RetentionTrigger trigger) => trigger switch
    {
        RetentionTrigger.NoLongerInForce => "tidak berlaku",
        RetentionTrigger.EmployeeRetired => "pegawai pensiun",
        RetentionTrigger.AuditCompleted => "selesai diaudit",
        _ => "berkas ditutup",
    };
}

/// <summary>One class of the kode klasifikasi arsip with its retention (JRA).</summary>
public sealed record ClassificationClass(
    string Code,
    string Name,
    string? Parent,
    int ActiveRetentionYears,
    int InactiveRetentionYears,
    FinalAction FinalAction,
    SecurityLevel? DefaultSecurityLevel,
    RetentionTrigger Trigger = RetentionTrigger.CaseFileClosed);

/// <summary>A class whose retention an import shortened (or removed), recorded with the reason.</summary>
public sealed record RetentionChange(string Code, string Field, string Before, string After);

/// <summary>A new version of the agency's classification scheme, with every class it holds.</summary>
public sealed record ClassificationSchemeImported(
    int Version,
    IReadOnlyList<ClassificationClass> Classes,
    string? SourceName,
    IReadOnlyList<RetentionChange> Shortened,
    string? Reason,
    string ImportedBy,
    DateTimeOffset ImportedAt);

/// <summary>The current classification scheme of an agency (one document per agency).</summary>
public sealed class ClassificationSchemeView
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public List<ClassificationClass> Classes { get; set; } = [];
    public string? SourceName { get; set; }
    public string ImportedBy { get; set; } = "";
    public DateTimeOffset ImportedAt { get; set; }

    public static ClassificationSchemeView From(Guid id, ClassificationSchemeImported e) => new()
    {
        Id = id,
        Version = e.Version,
        Classes = [.. e.Classes],
        SourceName = e.SourceName,
        ImportedBy = e.ImportedBy,
        ImportedAt = e.ImportedAt,
    };
}

public sealed partial class ClassificationSchemeProjection : SingleStreamProjection<ClassificationSchemeView, Guid>
{
    public ClassificationSchemeView Create(IEvent<ClassificationSchemeImported> e) => ClassificationSchemeView.From(e.StreamId, e.Data);

    public ClassificationSchemeView Apply(IEvent<ClassificationSchemeImported> e, ClassificationSchemeView _) =>
        ClassificationSchemeView.From(e.StreamId, e.Data);
}
