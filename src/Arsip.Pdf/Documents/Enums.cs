namespace Arsip.Pdf;

/// <summary>Security classification (sifat); Rahasia and Sangat Rahasia are marked in red on every page.</summary>
public enum PrintedSecurity { Biasa, Terbatas, Rahasia, SangatRahasia }

public enum PrintedUrgency { Biasa, Segera, SangatSegera }

public static class PrintedLabels
{
    public static string Of(PrintedSecurity level) => level switch
    {
        PrintedSecurity.Biasa => "Biasa",
        PrintedSecurity.Terbatas => "Terbatas",
        PrintedSecurity.Rahasia => "Rahasia",
        PrintedSecurity.SangatRahasia => "Sangat Rahasia",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string Of(PrintedUrgency urgency) => urgency switch
    {
        PrintedUrgency.Biasa => "Biasa",
        PrintedUrgency.Segera => "Segera",
        PrintedUrgency.SangatSegera => "Sangat Segera",
        _ => throw new ArgumentOutOfRangeException(nameof(urgency)),
    };

    public static string? SecurityMark(PrintedSecurity level) => level switch
    {
        PrintedSecurity.Rahasia => "RAHASIA",
        PrintedSecurity.SangatRahasia => "SANGAT RAHASIA",
        _ => null,
    };
}
