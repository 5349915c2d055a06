using System.Collections.Concurrent;
using SkiaSharp;

namespace Arsip.Pdf.Fonts;

/// <summary>The Linux Skia build has no fontconfig, so the catalog scans the font folders itself; each face is loaded once.</summary>
internal static class FontCatalog
{
    private static readonly Dictionary<string, string[]> Fallbacks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Arial"] = ["Liberation Sans", "DejaVu Sans"],
        ["Liberation Sans"] = ["DejaVu Sans"],
        ["Times New Roman"] = ["Liberation Serif", "DejaVu Serif"],
        ["Liberation Serif"] = ["DejaVu Serif"],
        ["Bookman Old Style"] = ["Liberation Serif", "DejaVu Serif"],
        ["Courier New"] = ["Liberation Mono", "DejaVu Sans Mono"],
        ["Liberation Mono"] = ["DejaVu Sans Mono"],
    };

    private static readonly string[] LastResort = ["Liberation Sans", "DejaVu Sans"];

    private static readonly string[] FontFolders =
        ["/usr/share/fonts", "/usr/local/share/fonts", System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts")];

    private static readonly Lazy<ILookup<string, FontFile>> Index = new(ScanFolders);
    private static readonly ConcurrentDictionary<string, FontFamily> Families = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, Lazy<FontFace>> Faces = new();

    /// <summary>The family by name, else its metric-compatible substitute, else DejaVu.</summary>
    public static FontFamily Get(string family) => Families.GetOrAdd(family, Resolve);

    private static FontFamily Resolve(string requested)
    {
        var candidates = new[] { requested }
            .Concat(Fallbacks.GetValueOrDefault(requested) ?? [])
            .Concat(LastResort);
        foreach (var name in candidates)
        {
            var files = Index.Value[name].ToList();
            if (files.Count == 0) continue;
            var regular = Pick(files, bold: false, italic: false);
            var bold = Pick(files, bold: true, italic: false);
            return new FontFamily(name, Load(regular), Load(bold),
                Load(Pick(files, bold: false, italic: true)), Load(Pick(files, bold: true, italic: true)));
        }
        throw new InvalidOperationException(
            $"No font for '{requested}' or its fallbacks; install fonts-liberation2 or fonts-dejavu-core.");
    }

    private static FontFile Pick(List<FontFile> files, bool bold, bool italic) =>
        files.OrderBy(f => (f.Bold == bold ? 0 : 2) + (f.Italic == italic ? 0 : 1))
            .ThenByDescending(f => f.Path, StringComparer.Ordinal).First(); // liberation2 over liberation

    private static FontFace Load(FontFile file) =>
        Faces.GetOrAdd(file.Path, p => new Lazy<FontFace>(() => new FontFace(p))).Value;

    private static ILookup<string, FontFile> ScanFolders() =>
        FontFolders.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(p => p.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".otf", StringComparison.OrdinalIgnoreCase))
            .Select(Describe)
            .OfType<FontFile>()
            .ToLookup(f => f.Family, StringComparer.OrdinalIgnoreCase);

    private static FontFile? Describe(string path)
    {
        using var typeface = SKTypeface.FromFile(path);
        if (typeface is null) return null;
        var style = typeface.FontStyle;
        // Condensed or light cuts share the family name; keep only normal-width regular/bold cuts.
        if (style.Width != (int)SKFontStyleWidth.Normal) return null;
        if (style.Weight is not ((int)SKFontStyleWeight.Normal or (int)SKFontStyleWeight.Bold)) return null;
        return new FontFile(typeface.FamilyName, path, style.Weight >= (int)SKFontStyleWeight.Bold, style.Slant != SKFontStyleSlant.Upright);
    }

    private sealed record FontFile(string Family, string Path, bool Bold, bool Italic);
}
