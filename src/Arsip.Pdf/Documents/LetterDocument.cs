namespace Arsip.Pdf;

/// <summary>The kinds of correspondence this renderer lays out.</summary>
public enum LetterKind
{
    /// <summary>External letter: Nomor/Sifat/Lampiran/Hal head, addressee, tembusan at the foot.</summary>
    SuratDinas,

    /// <summary>Internal memo: a Kepada/Dari/Tembusan/Tanggal/Nomor/Sifat/Lampiran/Hal table head; no tembusan at the foot.</summary>
    NotaDinas,

    /// <summary>Invitation: laid out as a surat dinas; the event details go in a <see cref="FieldList"/>.</summary>
    SuratUndangan,
}

/// <summary>An official letter (naskah dinas korespondensi) ready to print.</summary>
public sealed record LetterDocument
{
    public required LetterKind Kind { get; init; }
    public required PrintedLetterhead Letterhead { get; init; }

    /// <summary>The letter number; null while a draft has none (printed as dots).</summary>
    public string? Number { get; init; }

    /// <summary>Place of issue, printed before the date ("Bekasi, 24 November 2026").</summary>
    public required string Place { get; init; }

    public required DateOnly Date { get; init; }
    public PrintedSecurity Security { get; init; } = PrintedSecurity.Biasa;

    /// <summary>Lampiran, e.g. "1 (satu) berkas"; "-" when none.</summary>
    public string Attachment { get; init; } = "-";

    public required string Subject { get; init; }

    /// <summary>Addressees (positions), each printed after "Yth.".</summary>
    public required IReadOnlyList<string> Addressees { get; init; }

    /// <summary>The place after "di" under the addressee (surat dinas), e.g. "Bekasi" or "Tempat".</summary>
    public string? AddresseeLocation { get; init; }

    /// <summary>"Dari" of a nota dinas: the sender's position.</summary>
    public string? From { get; init; }

    public required IReadOnlyList<LetterBlock> Body { get; init; }
    public required Signatory Signatory { get; init; }

    /// <summary>Tembusan: copy recipients, printed "Yth. ..." in a numbered list.</summary>
    public IReadOnlyList<string> CopyTo { get; init; } = [];

    /// <summary>Drafts carry a diagonal DRAF watermark on every page.</summary>
    public bool IsDraft { get; init; }

    /// <summary>Stamped as the PDF creation date; take it from the record so re-renders match.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }
}

public sealed record Signatory
{
    /// <summary>Position lines, e.g. "a.n. WALI KOTA BEKASI", "SEKRETARIS DAERAH,".</summary>
    public required IReadOnlyList<string> TitleLines { get; init; }

    public required string Name { get; init; }

    /// <summary>Pangkat, e.g. "Pembina Utama Madya (IV/d)".</summary>
    public string? Rank { get; init; }

    public string? Nip { get; init; }

    /// <summary>When set, an e-signature QR code with this verification URL replaces the signature space.</summary>
    public string? VerificationUrl { get; init; }
}

public abstract record LetterBlock;

/// <summary>A justified paragraph with an indented first line.</summary>
public sealed record TextParagraph(string Text) : LetterBlock;

/// <summary>A numbered (1., 2., ...) or bulleted list.</summary>
public sealed record ItemList(IReadOnlyList<string> Items, bool Numbered = true) : LetterBlock;

/// <summary>Label-colon-value lines, e.g. an invitation's hari/tanggal, waktu, tempat, acara.</summary>
public sealed record FieldList(IReadOnlyList<Field> Fields) : LetterBlock;

/// <summary>A simple bordered table with a header row.</summary>
public sealed record SimpleTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : LetterBlock;

public sealed record Field(string Label, string Value);
