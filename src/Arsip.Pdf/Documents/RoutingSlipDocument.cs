namespace Arsip.Pdf;

/// <summary>A routing slip (lembar disposisi) for one incoming letter and its disposition tree.</summary>
public sealed record RoutingSlipDocument
{
    public required PrintedLetterhead Letterhead { get; init; }
    public required string AgendaNumber { get; init; }
    public required DateOnly ReceivedOn { get; init; }
    public required string LetterNumber { get; init; }
    public required DateOnly LetterDate { get; init; }

    /// <summary>Origin (asal surat): the sender's agency or position.</summary>
    public required string Origin { get; init; }

    /// <summary>Subject or summary (hal / isi ringkas).</summary>
    public required string Subject { get; init; }

    public PrintedSecurity Security { get; init; } = PrintedSecurity.Biasa;
    public PrintedUrgency Urgency { get; init; } = PrintedUrgency.Biasa;

    /// <summary>Classification code, e.g. "000.1.2".</summary>
    public string? Classification { get; init; }

    /// <summary>Top-level dispositions; each may have further dispositions below it.</summary>
    public required IReadOnlyList<DispositionNode> Dispositions { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>One disposition: who sent it to whom, with what instruction, and what became of it.</summary>
public sealed record DispositionNode
{
    public required string FromPosition { get; init; }
    public required IReadOnlyList<DispositionRecipient> Recipients { get; init; }

    /// <summary>Instruction codes from the list, e.g. "Tindak lanjuti", "Untuk diketahui".</summary>
    public IReadOnlyList<string> Instructions { get; init; } = [];

    public string? Note { get; init; }

    public DateOnly? Deadline { get; init; }

    /// <summary>The disposer's initials (paraf): name and time.</summary>
    public required Initials Initials { get; init; }

    /// <summary>Follow-up status, e.g. "Dibaca", "Ditindaklanjuti: rapat 2 Desember", "Selesai".</summary>
    public string? FollowUp { get; init; }

    public IReadOnlyList<DispositionNode> Children { get; init; } = [];
}

/// <summary>A recipient position; the lead (pelaksana utama) is marked.</summary>
public sealed record DispositionRecipient(string Position, bool IsLead = false);

public sealed record Initials(string Name, DateTimeOffset At);
