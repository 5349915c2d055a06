namespace Arsip.Kernel;

public static class ClassificationCode
{
    /// <summary>First group three digits, then groups of one to three digits.</summary>
    public static bool IsWellFormed(string code)
    {
        var parts = code.Split('.');
        return parts[0].Length == 3
            && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
    }

    public static string? ParentOf(string code)
    {
        var dot = code.LastIndexOf('.');
        return dot < 0 ? null : code[..dot];
    }

    public static IReadOnlyList<string> AncestorsOf(string code)
    {
        var ancestors = new List<string>();
        for (var parent = ParentOf(code); parent is not null; parent = ParentOf(parent)) ancestors.Insert(0, parent);
        return ancestors;
    }
}
