namespace Arsip.Pdf;

public sealed record RoutingSlipDocument
{
    public required PrintedLetterhead Letterhead { get; init; }
    public required string AgendaNumber { get; init; }
    public required DateOnly ReceivedOn { get; init; }
    public required string LetterNumber { get; init; }
    public required DateOnly LetterDate { get; init; }

    public required string Origin { get; init; }

    public required string Subject { get; init; }

    public PrintedSecurity Security { get; init; } = PrintedSecurity.Biasa;
    public PrintedUrgency Urgency { get; init; } = PrintedUrgency.Biasa;

    public string? Classification { get; init; }

    public required IReadOnlyList<DispositionNode> Dispositions { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }
}

public sealed record DispositionNode
{
    public required string FromPosition { get; init; }
    public required IReadOnlyList<DispositionRecipient> Recipients { get; init; }

    public IReadOnlyList<string> Instructions { get; init; } = [];

    public string? Note { get; init; }

    public DateOnly? Deadline { get; init; }

    public required Initials Initials { get; init; }

    public string? FollowUp { get; init; }

    public IReadOnlyList<DispositionNode> Children { get; init; } = [];
}

public sealed record DispositionRecipient(string Position, bool IsLead = false);

public sealed record Initials(string Name, DateTimeOffset At);
