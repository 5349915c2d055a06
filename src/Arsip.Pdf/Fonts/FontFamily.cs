namespace Arsip.Pdf.Fonts;

internal sealed class FontFamily(string name, FontFace regular, FontFace bold, FontFace italic, FontFace boldItalic)
{
    public string Name { get; } = name;

    public FontFace Face(bool isBold, bool isItalic) => (isBold, isItalic) switch
    {
        (true, true) => boldItalic,
        (true, false) => bold,
        (false, true) => italic,
        _ => regular,
    };
}
