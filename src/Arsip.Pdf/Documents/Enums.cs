namespace Arsip.Pdf;

/// <summary>Security classification (sifat); Rahasia and Sangat Rahasia are marked in red on every page.</summary>
public enum SecurityLevel { Biasa, Terbatas, Rahasia, SangatRahasia }

/// <summary>Urgency (derajat kecepatan).</summary>
public enum Urgency { Biasa, Segera, SangatSegera }

/// <summary>Indonesian labels for the enums, as printed.</summary>
public static class Labels
{
    public static string Of(SecurityLevel level) => level switch
    {
        SecurityLevel.Biasa => "Biasa",
        SecurityLevel.Terbatas => "Terbatas",
        SecurityLevel.Rahasia => "Rahasia",
        SecurityLevel.SangatRahasia => "Sangat Rahasia",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string Of(Urgency urgency) => urgency switch
    {
        Urgency.Biasa => "Biasa",
        Urgency.Segera => "Segera",
        Urgency.SangatSegera => "Sangat Segera",
        _ => throw new ArgumentOutOfRangeException(nameof(urgency)),
    };

    /// <summary>The mark printed at the top and bottom of secret documents, or null.</summary>
    public static string? SecurityMark(SecurityLevel level) => level switch
    {
        SecurityLevel.Rahasia => "RAHASIA",
        SecurityLevel.SangatRahasia => "SANGAT RAHASIA",
        _ => null,
    };
}
