namespace Arsip.Kernel;

/// <summary>Kode klasifikasi arsip: dotted digit groups such as <c>000.1.2</c> or <c>800.1.11.1</c>.</summary>
public static class ClassificationCode
{
    /// <summary>First group three digits, then groups of one to three digits.</summary>
    public static bool IsWellFormed(string code)
    {
        var parts = code.Split('.');
        return parts[0].Length == 3
            && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
    }

    /// <summary>The code one level up (<c>000.1.2</c> → <c>000.1</c>); null for a top-level code.</summary>
    public static string? ParentOf(string code)
    {
        var dot = code.LastIndexOf('.');
        return dot < 0 ? null : code[..dot];
    }

    /// <summary>Every code above <paramref name="code"/>, the top level first.</summary>
    public static IReadOnlyList<string> AncestorsOf(string code)
    {
        var ancestors = new List<string>();
        for (var parent = ParentOf(code); parent is not null; parent = ParentOf(parent)) ancestors.Insert(0, parent);
        return ancestors;
    }
}
