namespace Arsip.Correspondence;

/// <summary>
/// Issues official letter numbers. The counter is gapless per agency, kind and year
/// (<see cref="Infrastructure.Sequences"/>); the text follows the agency's template.
/// </summary>
public static class LetterNumbers
{
    public const string DefaultTemplate = "{classification}/{sequence}/{unit}/{year}";

    public static string SequenceName(LetterKind kind) => $"outgoing:{kind}";

    public static string Format(string classification, int sequence, string? unitCode, DateOnly date) =>
        DefaultTemplate
            .Replace("{classification}", classification)
            .Replace("{sequence}", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{unit}", unitCode ?? "")
            .Replace("{year}", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("//", "/");
}
