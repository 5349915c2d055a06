namespace Arsip.Pdf;

/// <summary>A berkas on a disposal list (daftar arsip usul musnah), as proposed.</summary>
public sealed record DisposalListLine
{
    public required string Unit { get; init; }

    /// <summary>Nomor berkas in its unit's daftar berkas, e.g. "3/2019".</summary>
    public required string Number { get; init; }

    public required string Classification { get; init; }
    public required string Title { get; init; }
    public required string Period { get; init; }
    public required int Count { get; init; }

    /// <summary>Retensi, e.g. "2 th aktif, 5 th inaktif".</summary>
    public required string Retention { get; init; }

    /// <summary>Keterangan: the panitia's assessment, kept longer, destroyed or skipped (held).</summary>
    public string Remarks { get; init; } = "";
}

/// <summary>The daftar arsip usul musnah: the berkas an archivist proposes for destruction, and what became of each.</summary>
public sealed record DisposalListDocument
{
    public required PrintedLetterhead Letterhead { get; init; }
    public required DateOnly ProposedOn { get; init; }
    public required string ProposedBy { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<DisposalListLine> Lines { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>A person named in the berita acara: the panitia, the approvers, the executor.</summary>
public sealed record NamedPerson(string Name, string Role);

/// <summary>A destroyed record as the berita acara lists it: the metadata its tombstone keeps.</summary>
public sealed record DestroyedRecordLine
{
    public required string CaseFile { get; init; }
    public required string Number { get; init; }
    public DateOnly? Date { get; init; }
    public required string Correspondent { get; init; }
    public required string Subject { get; init; }
    public required string Classification { get; init; }
}

/// <summary>The berita acara pemusnahan arsip: who assessed, who approved (the head, and ANRI or the regional archive), who executed, and the final list.</summary>
public sealed record DisposalReportDocument
{
    public required PrintedLetterhead Letterhead { get; init; }
    public required string Reference { get; init; }
    public required string Place { get; init; }

    /// <summary>The agency's local date of the destruction, written out in words in the opening sentence.</summary>
    public required DateOnly Date { get; init; }

    public required IReadOnlyList<NamedPerson> Committee { get; init; }
    public required NamedPerson ApprovedBy { get; init; }
    public required DateOnly ApprovedOn { get; init; }

    /// <summary>"Kepala ANRI, nomor ..., tanggal ..."; null when no berkas needed external approval.</summary>
    public string? ExternalApproval { get; init; }

    public required NamedPerson ExecutedBy { get; init; }
    public required IReadOnlyList<DestroyedRecordLine> Records { get; init; }

    /// <summary>Berkas not destroyed because a legal hold covered them at execution time, with the note.</summary>
    public IReadOnlyList<string> SkippedNotes { get; init; } = [];

    public required DateTimeOffset GeneratedAt { get; init; }
}
