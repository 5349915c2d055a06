namespace Arsip.Pdf;

/// <summary>The daftar arsip yang dipindahkan: a unit's inactive berkas handed to the records centre, with their records.</summary>
public sealed record TransferListDocument
{
    public required PrintedLetterhead Letterhead { get; init; }

    /// <summary>The unit handing over (unit pengolah), e.g. "Bagian Organisasi".</summary>
    public required string UnitName { get; init; }

    /// <summary>The records centre receiving (unit kearsipan), e.g. "Bagian Umum".</summary>
    public required string RecordsCentreName { get; init; }

    public required IReadOnlyList<TransferListFile> Files { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>One berkas on the list, its records under it as on the daftar arsip aktif.</summary>
public sealed record TransferListFile
{
    public required string Number { get; init; }
    public required string Classification { get; init; }
    public required string Title { get; init; }
    public required string Period { get; init; }

    /// <summary>Jumlah, e.g. "3 item".</summary>
    public required string Count { get; init; }

    /// <summary>Retensi, e.g. "2 th aktif, 5 th inaktif, Musnah".</summary>
    public required string Retention { get; init; }

    public string Remarks { get; init; } = "";
    public IReadOnlyList<CaseFileItemLine> Items { get; init; } = [];
}

/// <summary>A party signing the berita acara: the head of the unit or of the records centre.</summary>
public sealed record BeritaAcaraParty(string Name, string? Nip, string Position, string ActingFor);

/// <summary>The berita acara pemindahan arsip inaktif: both heads, the date in words, the list attached as lampiran.</summary>
public sealed record TransferReportDocument
{
    public required string Number { get; init; }

    /// <summary>The agency's local date of acceptance, written out in words.</summary>
    public required DateOnly Date { get; init; }

    public required string Place { get; init; }
    public required BeritaAcaraParty FirstParty { get; init; }
    public required BeritaAcaraParty SecondParty { get; init; }

    /// <summary>Who received the records for the records centre (its archivist or its head).</summary>
    public required string ReceivedBy { get; init; }

    public required TransferListDocument List { get; init; }
}
