namespace Arsip.Pdf;

/// <summary>A letter's history: every recorded event, in order, with the hash chain that protects it.</summary>
public sealed record AuditReportDocument
{
    public required PrintedLetterhead Letterhead { get; init; }

    /// <summary>Title, e.g. "RIWAYAT SURAT".</summary>
    public string Title { get; init; } = "RIWAYAT SURAT";

    /// <summary>Label/value lines identifying the letter (nomor, tanggal, hal, ...).</summary>
    public required IReadOnlyList<Field> LetterSummary { get; init; }

    public required IReadOnlyList<AuditEvent> Events { get; init; }
    public PrintedSecurity Security { get; init; } = PrintedSecurity.Biasa;
    public required DateTimeOffset GeneratedAt { get; init; }
}

public sealed record AuditEvent(long Sequence, DateTimeOffset At, string Actor, string Position, string Event, string Details, string Hash);
