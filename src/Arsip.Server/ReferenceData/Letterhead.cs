using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marten.Events.Aggregation;

namespace Arsip.ReferenceData;

public enum PaperSize { A4, F4 }

/// <summary>Where page numbers go (the regulation's models: top centre from page 2).</summary>
public enum PageNumberPosition { TopCentre, BottomCentre, BottomRight }

public sealed record Margins(decimal Left, decimal Top, decimal Right, decimal Bottom)
{
    public static readonly Margins Default = new(30, 25, 25, 30);
}

public sealed record Letterhead(
    IReadOnlyList<string> NameLines,
    string? Address,
    string? Phone,
    string? Email,
    string? Website,
    PaperSize PaperSize,
    Margins Margins,
    string FontFamily,
    decimal FontSize,
    decimal LineSpacing,
    byte[]? Emblem,
    string? EmblemContentType,
    PageNumberPosition PageNumbers = PageNumberPosition.TopCentre,
    bool NumberFirstPage = false,
    IReadOnlyList<LetterKind>? HeadKopKinds = null,
    IReadOnlyList<LetterKind>? EnactedKinds = null)
{
    /// <summary>Keputusan, instruksi and surat edaran of the head of the region carry the head's kop unless the agency says otherwise.</summary>
    public static readonly IReadOnlyList<LetterKind> DefaultHeadKopKinds =
        [LetterKind.SuratKeputusan, LetterKind.Instruksi, LetterKind.SuratEdaran];

    /// <summary>The keputusan is "Ditetapkan di"; the other kinds with a place line are "Dikeluarkan di" (Permendagri 1/2023's models).</summary>
    public static readonly IReadOnlyList<LetterKind> DefaultEnactedKinds = [LetterKind.SuratKeputusan];

    /// <summary>The kinds with an issued-at line ("Ditetapkan/Dikeluarkan di ... pada tanggal"), where the choice applies.</summary>
    public static readonly IReadOnlyList<LetterKind> IssuedAtKinds =
    [
        LetterKind.SuratKeputusan, LetterKind.Instruksi, LetterKind.SuratEdaran,
        LetterKind.SuratPerintah, LetterKind.SuratTugas, LetterKind.Pengumuman,
    ];

    public const string AgencyKey = "agency";
    public const string DefaultFont = "Liberation Sans";
    public const int MaxEmblemBytes = 1024 * 1024;
    public static readonly IReadOnlyList<string> Fonts = [DefaultFont, "Liberation Serif", "DejaVu Sans"];

    /// <summary>Content equality (lists and emblem bytes included), so setting the same letterhead twice records nothing.</summary>
    public bool SameAs(Letterhead? other) =>
        other is not null && JsonSerializer.Serialize(this) == JsonSerializer.Serialize(other);
}

public sealed record LetterheadSet(string Key, Letterhead Letterhead, string SetBy, DateTimeOffset SetAt);

public sealed class LetterheadView
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public long Version { get; set; }
    public Letterhead Letterhead { get; set; } = null!;
    public string SetBy { get; set; } = "";
    public DateTimeOffset SetAt { get; set; }

    /// <summary>The same id in every tenant; tenancy keeps them apart.</summary>
    public static Guid StreamFor(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("letterhead:" + key));
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80); // version 8 (custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16));
    }
}

public sealed partial class LetterheadProjection : SingleStreamProjection<LetterheadView, Guid>
{
    public LetterheadView Create(IEvent<LetterheadSet> e) => Apply(e, new LetterheadView { Id = e.StreamId });

    public LetterheadView Apply(IEvent<LetterheadSet> e, LetterheadView view)
    {
        view.Key = e.Data.Key;
        view.Version = e.Version;
        view.Letterhead = e.Data.Letterhead;
        view.SetBy = e.Data.SetBy;
        view.SetAt = e.Data.SetAt;
        return view;
    }
}

public sealed record SetLetterhead(
    List<string>? NameLines,
    string? Address = null,
    string? Phone = null,
    string? Email = null,
    string? Website = null,
    PaperSize? PaperSize = null,
    Margins? Margins = null,
    string? FontFamily = null,
    decimal? FontSize = null,
    decimal? LineSpacing = null,
    string? Emblem = null,
    PageNumberPosition? PageNumbers = null,
    bool? NumberFirstPage = null,
    List<LetterKind>? HeadKopKinds = null,
    List<LetterKind>? EnactedKinds = null);

public static partial class LetterheadRules
{
    public static (Letterhead? Letterhead, Dictionary<string, string[]> Errors) Build(string key, SetLetterhead command)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (!KeyPattern().IsMatch(key))
            Error("key", "Kunci harus 'agency' atau kode unit (huruf, angka, . _ -, paling banyak 40) (key must be 'agency' or a unit code).");
        var lines = (command.NameLines ?? []).Select(l => l?.Trim() ?? "").ToList();
        if (lines.Count is < 1 or > 6) Error("nameLines", "Isi 1 sampai 6 baris nama, mis. PEMERINTAH KOTA BEKASI (1 to 6 name lines).");
        if (lines.Any(l => l.Length == 0)) Error("nameLines", "Baris nama tidak boleh kosong (name lines must not be empty).");
        if (lines.Any(l => l.Length > 150)) Error("nameLines", "Baris nama paling banyak 150 karakter (at most 150 characters per line).");
        Text("address", command.Address, 500);
        Text("phone", command.Phone, 100);
        Text("website", command.Website, 200);
        if (Text("email", command.Email, 200) is { } email && !EmailPattern().IsMatch(email))
            Error("email", "Alamat surel tidak sah (invalid e-mail address).");
        var margins = command.Margins ?? Margins.Default;
        if (new[] { margins.Left, margins.Top, margins.Right, margins.Bottom }.Any(m => m is < 0 or > 100))
            Error("margins", "Margin 0 sampai 100 mm (margins 0 to 100 mm).");
        var font = Letterhead.Fonts.FirstOrDefault(f => f.Equals(command.FontFamily?.Trim() ?? Letterhead.DefaultFont, StringComparison.OrdinalIgnoreCase));
        if (font is null) Error("fontFamily", $"Huruf '{command.FontFamily}' tidak tersedia; pilih {string.Join(", ", Letterhead.Fonts)} (unknown font).");
        var fontSize = command.FontSize ?? 12;
        if (fontSize is < 8 or > 20) Error("fontSize", "Ukuran huruf 8 sampai 20 pt (font size 8 to 20 pt).");
        var spacing = command.LineSpacing ?? 1;
        if (spacing is < 1 or > 1.5m) Error("lineSpacing", "Spasi baris 1 sampai 1,5 (line spacing 1 to 1.5).");
        if ((command.EnactedKinds ?? []).Where(k => !Letterhead.IssuedAtKinds.Contains(k)).ToList() is { Count: > 0 } noPlace)
            Error("enactedKinds", $"{string.Join(", ", noPlace)} tidak memuat baris 'Ditetapkan/Dikeluarkan di' (no issued-at line in that kind).");
        var (emblem, contentType, emblemError) = ReadEmblem(command.Emblem);
        if (emblemError is not null) Error("emblem", emblemError);

        return errors.Count > 0
            ? (null, errors)
            : (new Letterhead(lines, Clean(command.Address), Clean(command.Phone), Clean(command.Email), Clean(command.Website),
                command.PaperSize ?? PaperSize.A4, margins, font!, fontSize, spacing, emblem, contentType,
                command.PageNumbers ?? PageNumberPosition.TopCentre, command.NumberFirstPage ?? false,
                command.HeadKopKinds?.Distinct().Order().ToList(), command.EnactedKinds?.Distinct().Order().ToList()), errors);

        string? Text(string field, string? value, int max)
        {
            if (value?.Trim().Length > max) Error(field, $"{field} paling banyak {max} karakter (at most {max} characters).");
            return Clean(value);
        }
    }

    /// <summary>The emblem from base64 (a data: URL is fine): PNG or JPEG by its magic bytes, at most 1 MB.</summary>
    public static (byte[]? Bytes, string? ContentType, string? Error) ReadEmblem(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return (null, null, null);
        var text = base64.Trim();
        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && text.IndexOf(',') is > 0 and var comma) text = text[(comma + 1)..];
        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var length))
            return (null, null, "Lambang harus berupa base64 (the emblem must be base64).");
        if (length > Letterhead.MaxEmblemBytes) return (null, null, "Lambang paling besar 1 MB (the emblem is larger than 1 MB).");
        var bytes = buffer[..length];
        var type = ImageType(bytes);
        if (type is null) return (null, null, "Lambang harus gambar PNG atau JPEG (the emblem must be a PNG or JPEG image).");
        // checked by content like every upload: complete (PNG's IEND, JPEG's EOI) and an image the PDF renderer can draw
        var detected = Attachments.ContentDetection.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, Attachments.ContentDetection.HeadSize)),
            bytes.AsSpan(Math.Max(0, bytes.Length - Attachments.ContentDetection.TailSize)));
        using var image = detected is { MediaType: not null, Truncated: false } ? SkiaSharp.SKBitmap.Decode(bytes) : null;
        return image is null
            ? (null, null, "Lambang tidak terbaca sebagai gambar utuh (the emblem is not a complete, readable image).")
            : (bytes, type, null);
    }

    public static string? ImageType(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
