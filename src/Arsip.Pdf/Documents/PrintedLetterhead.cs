namespace Arsip.Pdf;

public enum PaperSize
{
    A4,

    /// <summary>Folio, 215 x 330 mm, common in regional government.</summary>
    F4,
}

/// <summary>Page margins in millimetres; the default is the common regional practice.</summary>
public sealed record PageMargins(double LeftMm = 30, double TopMm = 25, double RightMm = 25, double BottomMm = 30)
{
    public static PageMargins Default { get; } = new();
}

/// <summary>Where a letter's page numbers go; the regulation leaves it to the region.</summary>
public enum PageNumberPosition
{
    TopCentre,
    BottomCentre,
    BottomRight,
}

/// <summary>The letterhead and the page template with the choices Permendagri 1/2023 leaves to the region.</summary>
public sealed record PrintedLetterhead
{
    public static readonly IReadOnlySet<LetterKind> DefaultHeadKopKinds = new HashSet<LetterKind> { LetterKind.SuratKeputusan, LetterKind.Instruksi, LetterKind.SuratEdaran };
    public static readonly IReadOnlySet<LetterKind> DefaultEnactedKinds = new HashSet<LetterKind> { LetterKind.SuratKeputusan };

    /// <summary>The emblem as PNG (or JPEG) bytes, drawn left of the name lines; optional.</summary>
    public byte[]? EmblemPng { get; init; }

    public required IReadOnlyList<string> NameLines { get; init; }

    public required string UnitName { get; init; }

    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }

    public PaperSize Paper { get; init; } = PaperSize.F4;
    public PageMargins Margins { get; init; } = PageMargins.Default;

    /// <summary>Font family; Arial and Times New Roman map to their metric-compatible Liberation twins.</summary>
    public string FontFamily { get; init; } = "Liberation Sans";

    public float FontSize { get; init; } = 12;

    public float LineSpacing { get; init; } = 1;

    public PageNumberPosition PageNumbers { get; init; } = PageNumberPosition.TopCentre;

    /// <summary>The regulation's models number from page 2; some regions number every page.</summary>
    public bool NumberFirstPage { get; init; }

    /// <summary>Kinds that, issued by the head of the region, carry the head's kop (the emblem above "WALI KOTA BEKASI") instead of this letterhead.</summary>
    public IReadOnlySet<LetterKind> HeadKopKinds { get; init; } = DefaultHeadKopKinds;

    /// <summary>Kinds whose place line reads "Ditetapkan di"; the others that have one read "Dikeluarkan di".</summary>
    public IReadOnlySet<LetterKind> EnactedKinds { get; init; } = DefaultEnactedKinds;
}
