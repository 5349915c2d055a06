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

public sealed record PrintedLetterhead
{
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
}
