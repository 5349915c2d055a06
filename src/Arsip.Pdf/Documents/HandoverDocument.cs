namespace Arsip.Pdf;

/// <summary>A penyerahan (handover to the static archive): its daftar arsip statis yang diserahkan and its berita acara.</summary>
public sealed record HandoverDocument
{
    public required PrintedLetterhead Letterhead { get; init; }

    /// <summary>The handover's number, e.g. "3/PNY/2026".</summary>
    public required string Number { get; init; }

    /// <summary>The agency-local day the berita acara is made.</summary>
    public required DateOnly Date { get; init; }

    public required string AgencyName { get; init; }

    /// <summary>Pihak pertama: who hands over (the agency's head who approved), name and position.</summary>
    public required string HandingOverName { get; init; }
    public required string HandingOverTitle { get; init; }

    /// <summary>Pihak kedua: the static archive receiving the records.</summary>
    public required string ReceivingInstitution { get; init; }

    public required IReadOnlyList<HandoverLine> Lines { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }

    public int Records => Lines.Sum(l => l.Count);
}

/// <summary>One berkas on the list.</summary>
public sealed record HandoverLine(int No, string Number, string Classification, string Title, string Period, int Count, string Unit, string Remarks);

/// <summary>The list's columns (daftar arsip statis, ANRI form), shared by both documents.</summary>
public static class HandoverColumns
{
    public sealed record Column(string Title, float Share, Func<HandoverLine, string> Value);

    public static readonly IReadOnlyList<Column> All =
    [
        new("No.", 0.35f, l => l.No.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Nomor berkas", 0.7f, l => l.Number),
        new("Kode klasifikasi", 0.8f, l => l.Classification),
        new("Uraian informasi berkas", 2.6f, l => l.Title),
        new("Kurun waktu", 1.1f, l => l.Period),
        new("Jumlah", 0.6f, l => $"{l.Count} item"),
        new("Unit pengolah", 1.3f, l => l.Unit),
        new("Keterangan", 1.2f, l => l.Remarks),
    ];
}
