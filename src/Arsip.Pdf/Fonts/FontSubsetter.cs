using System.Runtime.InteropServices;
using SkiaSharp;

namespace Arsip.Pdf.Fonts;

/// <summary>Skia's Linux build embeds whole font files (400 KB a face) for lack of a subsetter; glyph ids are retained, so text shaped against the full face draws unchanged.</summary>
internal static partial class FontSubsetter
{
    private const string HarfBuzz = "libHarfBuzzSharp";
    private const uint RetainGlyphIds = 0x2;
    private const uint NoHinting = 0x1;

    public static SKTypeface Subset(FontFace face, IEnumerable<ushort> glyphs, IEnumerable<int> codepoints)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero) throw new InvalidOperationException("HarfBuzz could not allocate a subset input.");
        try
        {
            hb_subset_input_set_flags(input, RetainGlyphIds | NoHinting);
            var glyphSet = hb_subset_input_glyph_set(input);
            foreach (var glyph in glyphs) hb_set_add(glyphSet, glyph);
            // Unicodes keep the cmap entries Skia needs to write ToUnicode maps (text extraction).
            var unicodeSet = hb_subset_input_unicode_set(input);
            foreach (var codepoint in codepoints) hb_set_add(unicodeSet, (uint)codepoint);

            var subset = hb_subset_or_fail(face.HarfBuzzFace.Handle, input);
            if (subset == IntPtr.Zero) throw new InvalidOperationException($"HarfBuzz could not subset '{face.Path}'.");
            try
            {
                var blob = hb_face_reference_blob(subset);
                try
                {
                    var data = hb_blob_get_data(blob, out var length);
                    using var skData = SKData.CreateCopy(data, (ulong)length);
                    return SKTypeface.FromData(skData) ?? throw new InvalidOperationException("Skia rejected a font subset.");
                }
                finally { hb_blob_destroy(blob); }
            }
            finally { hb_face_destroy(subset); }
        }
        finally { hb_subset_input_destroy(input); }
    }

    [LibraryImport(HarfBuzz)] private static partial IntPtr hb_subset_input_create_or_fail();
    [LibraryImport(HarfBuzz)] private static partial void hb_subset_input_destroy(IntPtr input);
    [LibraryImport(HarfBuzz)] private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);
    [LibraryImport(HarfBuzz)] private static partial IntPtr hb_subset_input_glyph_set(IntPtr input);
    [LibraryImport(HarfBuzz)] private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);
    [LibraryImport(HarfBuzz)] private static partial void hb_set_add(IntPtr set, uint codepoint);
    [LibraryImport(HarfBuzz)] private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);
    [LibraryImport(HarfBuzz)] private static partial void hb_face_destroy(IntPtr face);
    [LibraryImport(HarfBuzz)] private static partial IntPtr hb_face_reference_blob(IntPtr face);
    [LibraryImport(HarfBuzz)] private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);
    [LibraryImport(HarfBuzz)] private static partial void hb_blob_destroy(IntPtr blob);
}
