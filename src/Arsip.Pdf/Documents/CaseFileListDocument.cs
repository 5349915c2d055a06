namespace Arsip.Pdf;

/// <summary>Which list of a unit's berkas: the daftar berkas (every berkas of a year) or the daftar arsip aktif (with items).</summary>
public enum CaseFileListKind { Register, ActiveRecords }

/// <summary>A unit's daftar berkas or daftar arsip aktif, printed as a landscape table and exported as CSV.</summary>
public sealed record CaseFileListDocument
{
    public required PrintedLetterhead Letterhead { get; init; }
    public required CaseFileListKind Kind { get; init; }

    public required string UnitName { get; init; }

    public int? Year { get; init; }

    /// <summary>The agency's local date the list describes (which berkas are still active).</summary>
    public required DateOnly AsOf { get; init; }

    public required IReadOnlyList<CaseFileLine> Files { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>One berkas as the ANRI forms list it.</summary>
public sealed record CaseFileLine
{
    /// <summary>Nomor berkas in the unit's daftar berkas, e.g. "3/2026".</summary>
    public required string Number { get; init; }

    public required string Classification { get; init; }

    /// <summary>Uraian informasi berkas.</summary>
    public required string Title { get; init; }

    /// <summary>Kurun waktu, e.g. "Januari–Maret 2026".</summary>
    public required string Period { get; init; }

    /// <summary>Jumlah: the items listed (only those the reader may see).</summary>
    public required int Count { get; init; }

    /// <summary>Keterangan: status, retention, arsip vital.</summary>
    public string Remarks { get; init; } = "";

    /// <summary>The items (daftar arsip aktif only).</summary>
    public IReadOnlyList<CaseFileItemLine> Items { get; init; } = [];
}

public sealed record CaseFileItemLine
{
    public required int Number { get; init; }

    /// <summary>Uraian informasi arsip: subject, letter number and date.</summary>
    public required string Description { get; init; }

    /// <summary>Tingkat perkembangan: "Asli" for the registered originals.</summary>
    public string Development { get; init; } = "Asli";

    public string Count { get; init; } = "1 naskah";
    public string Remarks { get; init; } = "";
}

/// <summary>The columns of both lists, shared by the PDF and the CSV so they never drift apart.</summary>
public static class CaseFileListColumns
{
    public sealed record Column(string Title, float Share, Func<CaseFileLine, string> File, Func<CaseFileItemLine, string>? Item = null);

    public static readonly IReadOnlyList<Column> Register =
    [
        new("Nomor berkas", 0.7f, f => f.Number),
        new("Kode klasifikasi", 0.9f, f => f.Classification),
        new("Uraian informasi berkas", 3f, f => f.Title),
        new("Kurun waktu", 1.2f, f => f.Period),
        new("Jumlah", 0.6f, f => $"{f.Count} item"),
        new("Keterangan", 2.4f, f => f.Remarks),
    ];

    /// <summary>The berkas columns, then the item columns (an item row leaves the berkas columns empty in the PDF).</summary>
    public static readonly IReadOnlyList<Column> ActiveRecords =
    [
        new("Nomor berkas", 0.6f, f => f.Number),
        new("Kode klasifikasi", 0.8f, f => f.Classification),
        new("Uraian informasi berkas", 1.6f, f => f.Title),
        new("Kurun waktu", 1.1f, f => f.Period),
        new("Jumlah item", 0.6f, f => f.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Keterangan berkas", 1.2f, f => f.Remarks),
        new("Nomor item", 0.5f, _ => "", i => i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Uraian informasi arsip", 2.4f, _ => "", i => i.Description),
        new("Tingkat perkembangan", 1f, _ => "", i => i.Development),
        new("Jumlah", 0.6f, _ => "", i => i.Count),
        new("Keterangan", 1.1f, _ => "", i => i.Remarks),
    ];

    public static IReadOnlyList<Column> For(CaseFileListKind kind) => kind == CaseFileListKind.Register ? Register : ActiveRecords;

    public static string Title(CaseFileListKind kind) => kind == CaseFileListKind.Register ? "DAFTAR BERKAS" : "DAFTAR ARSIP AKTIF";
}
