namespace Arsip.Correspondence;

/// <summary>Sifat: who may see a letter. Rahasia and above are seen only by their chain.</summary>
public enum SecurityLevel { Biasa, Terbatas, Rahasia, SangatRahasia }

/// <summary>Derajat kecepatan: drives default deadlines.</summary>
public enum Urgency { Biasa, Segera, SangatSegera }

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

/// <summary>The write model of a received letter (surat masuk), rebuilt from its stream.</summary>
public sealed class IncomingLetter
{
    public Guid Id { get; set; }
    public int AgendaNumber { get; set; }
    public int AgendaYear { get; set; }
    public string Sender { get; set; } = "";
    public string SenderLetterNumber { get; set; } = "";
    public DateOnly LetterDate { get; set; }
    public SecurityLevel SecurityLevel { get; set; }

    public static IncomingLetter Create(IncomingLetterRegistered e) => new()
    {
        Id = e.LetterId,
        AgendaNumber = e.AgendaNumber,
        AgendaYear = e.AgendaYear,
        Sender = e.Sender,
        SenderLetterNumber = e.SenderLetterNumber,
        LetterDate = e.LetterDate,
        SecurityLevel = e.SecurityLevel,
    };
}
