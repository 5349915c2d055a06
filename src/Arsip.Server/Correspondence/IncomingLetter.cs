namespace Arsip.Correspondence;

/// <summary>A received letter entered in the incoming agenda book.</summary>
public sealed record IncomingLetterRegistered(
    Guid LetterId,
    int AgendaNumber,
    int AgendaYear,
    string Sender,
    string SenderLetterNumber,
    DateOnly LetterDate,
    DateOnly ReceivedOn,
    string Subject,
    string Classification,
    SecurityLevel SecurityLevel,
    Urgency Urgency,
    string? Attachments,
    string? Remarks,
    Guid? AddresseePositionId,
    Guid? AddresseeUnitId,
    Guid[] CopyToPositionIds,
    Guid[] CopyToUnitIds,
    Guid RegisteredByPersonId,
    Guid? RegisteredByUnitId,
    string RegisteredBy,
    DateTimeOffset RegisteredAt);

/// <summary>
/// The stream of a received letter (surat masuk). Its decisions read the agenda-book view
/// (<see cref="IncomingLetterView"/>); this type only names the stream and carries its version for
/// optimistic concurrency, so it keeps nothing the view already has.
/// </summary>
public sealed class IncomingLetter
{
    public Guid Id { get; set; }

    public static IncomingLetter Create(IncomingLetterRegistered e) => new() { Id = e.LetterId };
}
