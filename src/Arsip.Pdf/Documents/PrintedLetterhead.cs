namespace Arsip.Pdf;

/// <summary>Paper sizes used for official documents.</summary>
public enum PaperSize
{
    /// <summary>210 x 297 mm.</summary>
    A4,

    /// <summary>Folio, 215 x 330 mm, common in regional government.</summary>
    F4,
}

/// <summary>Page margins in millimetres; the default is the common regional practice.</summary>
public sealed record PageMargins(double LeftMm = 30, double TopMm = 25, double RightMm = 25, double BottomMm = 30)
{
    public static PageMargins Default { get; } = new();
}

/// <summary>
/// The letterhead template (kop surat) of a unit, with the page settings its documents use.
/// </summary>
public sealed record PrintedLetterhead
{
    /// <summary>The emblem as PNG (or JPEG) bytes, drawn left of the name lines; optional.</summary>
    public byte[]? EmblemPng { get; init; }

    /// <summary>Upper name lines in regular weight, e.g. "PEMERINTAH KOTA BEKASI".</summary>
    public required IReadOnlyList<string> NameLines { get; init; }

    /// <summary>The unit name, printed bold and larger, e.g. "SEKRETARIAT DAERAH".</summary>
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

    /// <summary>Line spacing as a multiple of single spacing, usually 1 to 1.5.</summary>
    public float LineSpacing { get; init; } = 1;
}
