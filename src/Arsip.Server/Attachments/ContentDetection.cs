namespace Arsip.Attachments;

public sealed record Detection(string? MediaType, bool Truncated)
{
    public static readonly Detection Unknown = new(null, false);
    public bool Accepted => MediaType is not null && !Truncated;
}

/// <summary>Recognised by signature and, where the format has one, its end marker, so a file cut off in transfer is refused; names and declared types are never trusted.</summary>
public static class ContentDetection
{
    public const int HeadSize = 1024;
    public const int TailSize = 1024;

    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Tiff = "image/tiff";

    public static readonly IReadOnlyList<string> Accepted = [Pdf, Png, Jpeg, Tiff];

    private static ReadOnlySpan<byte> PdfStart => "%PDF-"u8;
    private static ReadOnlySpan<byte> PdfEnd => "%%EOF"u8;
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> PngIend => [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    public static Detection Detect(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        if (head.StartsWith(PdfStart)) return new(Pdf, tail.IndexOf(PdfEnd) < 0);
        if (head.StartsWith(PngSignature)) return new(Png, !tail.EndsWith(PngIend));
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
            return new(Jpeg, !TrimPadding(tail).EndsWith((ReadOnlySpan<byte>)[0xFF, 0xD9]));
        if (head.Length >= 8 && (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8)))
            return new(Tiff, false);
        return Detection.Unknown;
    }

    public static string? TypeOfExtension(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".pdf" => Pdf,
        ".png" => Png,
        ".jpg" or ".jpeg" or ".jpe" => Jpeg,
        ".tif" or ".tiff" => Tiff,
        _ => null,
    };

    /// <summary>Some writers pad JPEGs after the end-of-image marker with zeros or line ends.</summary>
    private static ReadOnlySpan<byte> TrimPadding(ReadOnlySpan<byte> tail)
    {
        var end = tail.Length;
        while (end > 0 && tail[end - 1] is 0x00 or 0x0A or 0x0D or 0x20) end--;
        return tail[..end];
    }
}
