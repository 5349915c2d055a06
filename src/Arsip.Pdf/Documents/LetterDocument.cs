namespace Arsip.Pdf;

public enum LetterKind
{
    /// <summary>External letter: Nomor/Sifat/Lampiran/Hal head, addressee, tembusan at the foot.</summary>
    SuratDinas,

    /// <summary>Internal memo: a Kepada/Dari/Tembusan/Tanggal/Nomor/Sifat/Lampiran/Hal table head; no tembusan at the foot.</summary>
    NotaDinas,

    /// <summary>Invitation: laid out as a surat dinas; the event details go in a <see cref="FieldList"/>.</summary>
    SuratUndangan,
}

public sealed record LetterDocument
{
    public required LetterKind Kind { get; init; }
    public required PrintedLetterhead Letterhead { get; init; }

    /// <summary>The letter number; null while a draft has none (printed as dots).</summary>
    public string? Number { get; init; }

    public required string Place { get; init; }

    public required DateOnly Date { get; init; }
    public PrintedSecurity Security { get; init; } = PrintedSecurity.Biasa;

    public string Attachment { get; init; } = "-";

    public required string Subject { get; init; }

    public required IReadOnlyList<string> Addressees { get; init; }

    public string? AddresseeLocation { get; init; }

    public string? From { get; init; }

    public required IReadOnlyList<LetterBlock> Body { get; init; }
    public required Signatory Signatory { get; init; }

    public IReadOnlyList<string> CopyTo { get; init; } = [];

    /// <summary>Drafts carry a diagonal DRAF watermark on every page.</summary>
    public bool IsDraft { get; init; }

    /// <summary>Stamped as the PDF creation date; take it from the record so re-renders match.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }
}

public sealed record Signatory
{
    public required IReadOnlyList<string> TitleLines { get; init; }

    public required string Name { get; init; }

    public string? Rank { get; init; }

    public string? Nip { get; init; }

    /// <summary>When set, an e-signature QR code with this verification URL replaces the signature space.</summary>
    public string? VerificationUrl { get; init; }

    /// <summary>Set when the PDF carries a certified electronic signature (TTE): printed beside the QR code.</summary>
    public CertifiedSignature? Certified { get; init; }
}

/// <summary>The visible block of a certified signature, after the BSrE convention.</summary>
public sealed record CertifiedSignature(string SignedBy, string Position, string CertificateIssuer);

public abstract record LetterBlock;

public sealed record TextParagraph(string Text) : LetterBlock;

public sealed record ItemList(IReadOnlyList<string> Items, bool Numbered = true) : LetterBlock;

public sealed record FieldList(IReadOnlyList<Field> Fields) : LetterBlock;

public sealed record SimpleTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : LetterBlock;

public sealed record Field(string Label, string Value);
