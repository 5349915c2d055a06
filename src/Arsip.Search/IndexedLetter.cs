namespace Arsip.Search;

public enum LetterDirection
{
    Incoming,
    Outgoing,
}

/// <summary>One Lucene document per Id; indexing the same letter again replaces it.</summary>
public sealed record IndexedLetter
{
    public required Guid Id { get; init; }
    /// <summary>The agency (tenant) id; searches never cross it.</summary>
    public required string Tenant { get; init; }
    /// <summary>A caller sees the letter only when it holds at least one of these opaque server-computed tokens.</summary>
    public required IReadOnlyList<string> AccessTokens { get; init; }

    public required LetterDirection Direction { get; init; }
    public string? NaskahKind { get; init; }
    public string? AgendaNumber { get; init; }
    public string? LetterNumber { get; init; }
    public string? SenderLetterNumber { get; init; }
    public string? Sender { get; init; }
    public IReadOnlyList<string> Addressees { get; init; } = [];
    public required string Subject { get; init; }
    public string? Summary { get; init; }
    public string? Body { get; init; }
    public string? AttachmentText { get; init; }
    public string? Classification { get; init; }
    public string? SecurityLevel { get; init; }
    public string? Urgency { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<string> UnitIds { get; init; } = [];
    public IReadOnlyList<string> PositionIds { get; init; } = [];
    public required DateOnly LetterDate { get; init; }
    public DateOnly? ReceivedDate { get; init; }
    public int? Year { get; init; }
    public IReadOnlyList<string> DispositionTexts { get; init; } = [];
}
