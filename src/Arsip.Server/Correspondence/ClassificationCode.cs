namespace Arsip.Correspondence;

/// <summary>Kode klasifikasi arsip: dotted digit groups such as <c>000.1.2</c> or <c>800.1.11.1</c>.</summary>
public static class ClassificationCode
{
    public static bool IsWellFormed(string code)
    {
        var parts = code.Split('.');
        return parts[0].Length == 3
            && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
    }
}
