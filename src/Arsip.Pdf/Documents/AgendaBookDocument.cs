namespace Arsip.Pdf;

/// <summary>Which register: letters received or letters sent.</summary>
public enum AgendaDirection { Incoming, Outgoing }

/// <summary>A buku agenda for a unit and period, printed as a landscape table and exported as CSV.</summary>
public sealed record AgendaBookDocument
{
    public required PrintedLetterhead Letterhead { get; init; }
    public required AgendaDirection Direction { get; init; }

    /// <summary>The unit whose register this is, e.g. "Bagian Umum".</summary>
    public required string UnitName { get; init; }

    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required IReadOnlyList<AgendaEntry> Entries { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>
/// One register line. Incoming books use <see cref="RegisteredOn"/> as the date received and
/// <see cref="Correspondent"/> as the sender; outgoing books use them as date sent and addressee.
/// </summary>
public sealed record AgendaEntry
{
    /// <summary>Agenda number (incoming) or register number (outgoing).</summary>
    public required string Number { get; init; }

    public required DateOnly RegisteredOn { get; init; }
    public required string Correspondent { get; init; }
    public required DateOnly LetterDate { get; init; }
    public required string LetterNumber { get; init; }
    public required string Subject { get; init; }
    public string Attachments { get; init; } = "-";

    /// <summary>Diteruskan kepada (incoming only).</summary>
    public string? ForwardedTo { get; init; }

    public string? Remarks { get; init; }

    /// <summary>Jenis naskah (outgoing only): Surat Dinas, Keputusan, Surat Tugas, ...</summary>
    public string? Kind { get; init; }
}

/// <summary>The columns of each register, shared by the PDF and the CSV so they never drift apart.</summary>
internal static class AgendaColumns
{
    public sealed record Column(string Title, float Share, Func<AgendaEntry, string> Value);

    private static readonly Column[] Incoming =
    [
        new("No. agenda", 0.7f, e => e.Number),
        new("Tanggal terima", 0.9f, e => IndonesianDate.Format(e.RegisteredOn)),
        new("Pengirim", 1.5f, e => e.Correspondent),
        new("Tanggal surat", 0.9f, e => IndonesianDate.Format(e.LetterDate)),
        new("Nomor surat", 1.3f, e => e.LetterNumber),
        new("Perihal", 2.2f, e => e.Subject),
        new("Lampiran", 0.7f, e => e.Attachments),
        new("Diteruskan kepada", 1.3f, e => e.ForwardedTo ?? "-"),
        new("Keterangan", 1f, e => e.Remarks ?? ""),
    ];

    private static readonly Column[] Outgoing =
    [
        new("No.", 0.5f, e => e.Number),
        new("Nomor surat", 1.4f, e => e.LetterNumber),
        new("Tanggal surat", 0.9f, e => IndonesianDate.Format(e.LetterDate)),
        new("Tanggal kirim", 0.9f, e => IndonesianDate.Format(e.RegisteredOn)),
        new("Jenis", 0.9f, e => e.Kind ?? "-"),
        new("Tujuan", 1.5f, e => e.Correspondent),
        new("Perihal", 2.1f, e => e.Subject),
        new("Lampiran", 0.7f, e => e.Attachments),
        new("Keterangan", 1.1f, e => e.Remarks ?? ""),
    ];

    public static IReadOnlyList<Column> For(AgendaDirection direction) => direction == AgendaDirection.Incoming ? Incoming : Outgoing;

    public static string Title(AgendaDirection direction) =>
        direction == AgendaDirection.Incoming ? "BUKU AGENDA SURAT MASUK" : "BUKU AGENDA SURAT KELUAR";
}
