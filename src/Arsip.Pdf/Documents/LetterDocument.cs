namespace Arsip.Pdf;

public enum LetterKind
{
    /// <summary>External letter: Nomor/Sifat/Lampiran/Hal head, addressee, tembusan at the foot.</summary>
    SuratDinas,

    /// <summary>Internal memo: a Kepada/Dari/Tembusan/Tanggal/Nomor/Sifat/Lampiran/Hal table head; no tembusan at the foot.</summary>
    NotaDinas,

    /// <summary>Invitation: laid out as a surat dinas; the event details go in a <see cref="FieldList"/>.</summary>
    SuratUndangan,

    /// <summary>"Yth." addressees, then SURAT EDARAN / NOMOR / TENTANG centred; "Dikeluarkan di" above the signature.</summary>
    SuratEdaran,

    /// <summary>KEPUTUSAN {issuer} / NOMOR / TENTANG centred, the issuer's title, then menimbang/mengingat/MEMUTUSKAN/diktum blocks; "Ditetapkan di".</summary>
    SuratKeputusan,

    /// <summary>SURAT PERINTAH / NOMOR centred, Dasar, MEMERINTAHKAN:, Kepada (people), Untuk; "Dikeluarkan di".</summary>
    SuratPerintah,

    /// <summary>SURAT TUGAS / NOMOR centred, Dasar, MENUGASKAN:, Kepada (people), Untuk; "Dikeluarkan di".</summary>
    SuratTugas,

    /// <summary>SURAT KETERANGAN / NOMOR centred; place and date above the signature.</summary>
    SuratKeterangan,

    /// <summary>BERITA ACARA / the subject / NOMOR centred; the other parties sign at the left, the signatory at the right.</summary>
    BeritaAcara,

    /// <summary>Place and date, "Yth." addressee, SURAT PENGANTAR / NOMOR centred, the items table, the receiver's block at the left.</summary>
    SuratPengantar,

    /// <summary>INSTRUKSI {issuer} / NOMOR / TENTANG centred, the issuer's title, "Kepada" the addressees, "Untuk" the diktums; "Dikeluarkan di".</summary>
    Instruksi,

    /// <summary>PENGUMUMAN / NOMOR / TENTANG centred; "Dikeluarkan di".</summary>
    Pengumuman,

    /// <summary>LAPORAN / TENTANG centred, lettered sections; place and date above the signature.</summary>
    Laporan,

    /// <summary>TELAAHAN STAF centred with the Kepada/Dari/Tanggal/Nomor/Lampiran/Hal head of a nota dinas, lettered sections.</summary>
    TelaahanStaf,
}

public sealed record LetterDocument
{
    public required LetterKind Kind { get; init; }

    /// <summary>The kind's name as the agency calls it ("Surat Tugas"): the title the model prints (upper case) and the PDF's title; the server passes its one list of names.</summary>
    public required string KindName { get; init; }
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

    /// <summary>Who issues a keputusan or instruksi, as printed in its title: "KEPUTUSAN {Issuer}"; the signatory's title when null.</summary>
    public string? Issuer { get; init; }

    /// <summary>The issuer heads the region (the top of the organization chart): see <see cref="PrintedLetterhead.HeadKopKinds"/>.</summary>
    public bool IssuedByHead { get; init; }

    /// <summary>A berita acara's other parties, who sign beside the signatory.</summary>
    public IReadOnlyList<PrintedPerson> OtherParties { get; init; } = [];

    /// <summary>Lampiran pages, each starting a new page under its own heading (which names the letter, its number and date).</summary>
    public IReadOnlyList<Appendix> Appendices { get; init; } = [];

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

/// <summary><paramref name="Widths"/>: relative column widths; equal when null.</summary>
public sealed record SimpleTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<float>? Widths = null) : LetterBlock;

public sealed record Field(string Label, string Value);

/// <summary>"Menimbang : a. ...", "Dasar : 1. ...", "Untuk : ..." with its items lettered, numbered or (one item) unmarked.</summary>
public sealed record Clause(string Label, IReadOnlyList<string> Items, ClauseNumbering Numbering = ClauseNumbering.Letters) : LetterBlock;

public enum ClauseNumbering { Letters, Numbers }

/// <summary>"Kepada : 1. Nama / NIP / Pangkat/Gol. / Jabatan" for people sent or described.</summary>
public sealed record PersonClause(string Label, IReadOnlyList<PrintedPerson> People) : LetterBlock;

/// <summary>KESATU, KEDUA, ... each followed by a colon and its text.</summary>
public sealed record DiktumList(IReadOnlyList<string> Diktums) : LetterBlock;

/// <summary>A bold line: centred for MEMUTUSKAN: or MENUGASKAN:, left for a section heading.</summary>
public sealed record Heading(string Text, bool Centred = false) : LetterBlock;

public sealed record PrintedPerson(string Name, string? Nip = null, string? Rank = null, string? Position = null, string? Role = null);

public sealed record Appendix(string Title, IReadOnlyList<LetterBlock> Body);
