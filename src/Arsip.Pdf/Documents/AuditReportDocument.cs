namespace Arsip.Pdf;

public sealed record AuditReportDocument
{
    public required PrintedLetterhead Letterhead { get; init; }

    public string Title { get; init; } = "RIWAYAT SURAT";

    public required IReadOnlyList<Field> LetterSummary { get; init; }

    public required IReadOnlyList<AuditEvent> Events { get; init; }
    public PrintedSecurity Security { get; init; } = PrintedSecurity.Biasa;
    public required DateTimeOffset GeneratedAt { get; init; }
}

public sealed record AuditEvent(long Sequence, DateTimeOffset At, string Actor, string Position, string Event, string Details, string Hash);
