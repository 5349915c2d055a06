namespace Arsip.Search;

/// <summary>Whether a letter came in (surat masuk) or went out (surat keluar).</summary>
public enum LetterDirection
{
    /// <summary>Surat masuk: received and registered.</summary>
    Incoming,
    /// <summary>Surat keluar: drafted, signed, numbered and sent.</summary>
    Outgoing,
}

/// <summary>
/// Everything the index knows about one letter: a plain model built by the server from its
/// read model. The index stores one Lucene document per <see cref="Id"/>; indexing the same
/// letter again replaces it.
/// </summary>
public sealed record IndexedLetter
{
    public required Guid Id { get; init; }
    /// <summary>The agency (tenant) id; searches never cross it.</summary>
    public required string Tenant { get; init; }
    /// <summary>
    /// Opaque tokens computed by the server (e.g. <c>unit:U1</c>, <c>pos:P7</c>, <c>agency-wide</c>);
    /// a caller sees the letter only when it holds at least one of them.
    /// </summary>
    public required IReadOnlyList<string> AccessTokens { get; init; }

    public required LetterDirection Direction { get; init; }
    /// <summary>The kind of naskah dinas, e.g. "Surat Undangan", "Nota Dinas".</summary>
    public string? NaskahKind { get; init; }
    public string? AgendaNumber { get; init; }
    /// <summary>The official number, e.g. <c>800.1.11.1/123/Setda/2026</c>.</summary>
    public string? LetterNumber { get; init; }
    public string? SenderLetterNumber { get; init; }
    public string? Sender { get; init; }
    public IReadOnlyList<string> Addressees { get; init; } = [];
    public required string Subject { get; init; }
    /// <summary>A short summary (ringkasan), shown on routing slips.</summary>
    public string? Summary { get; init; }
    public string? Body { get; init; }
    public string? AttachmentText { get; init; }
    public string? Classification { get; init; }
    public string? SecurityLevel { get; init; }
    public string? Urgency { get; init; }
    /// <summary>The workflow status, e.g. "Terdaftar", "Didisposisikan", "Selesai".</summary>
    public string? Status { get; init; }
    public IReadOnlyList<string> UnitIds { get; init; } = [];
    public IReadOnlyList<string> PositionIds { get; init; } = [];
    public required DateOnly LetterDate { get; init; }
    /// <summary>When an incoming letter was received, or an outgoing one registered.</summary>
    public DateOnly? ReceivedDate { get; init; }
    /// <summary>The filing year; defaults to the year of <see cref="LetterDate"/>.</summary>
    public int? Year { get; init; }
    /// <summary>Disposition instructions and follow-up reports, one text each.</summary>
    public IReadOnlyList<string> DispositionTexts { get; init; } = [];
}
