using Marten.Events.Aggregation;

namespace Arsip.Correspondence;

/// <summary>The incoming agenda book row of one letter, as shown by the API and pages.</summary>
public sealed class IncomingLetterView
{
    public Guid Id { get; set; }
    public int AgendaNumber { get; set; }
    public int AgendaYear { get; set; }
    public string Sender { get; set; } = "";
    public string SenderLetterNumber { get; set; } = "";
    public DateOnly LetterDate { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public string Subject { get; set; } = "";
    public string Classification { get; set; } = "";
    public SecurityLevel SecurityLevel { get; set; }
    public Urgency Urgency { get; set; }
    public string? Attachments { get; set; }
    public string? Remarks { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }
}

public sealed partial class IncomingLetterViewProjection : SingleStreamProjection<IncomingLetterView, Guid>
{
    public IncomingLetterView Create(IncomingLetterRegistered e) => new()
    {
        Id = e.LetterId,
        AgendaNumber = e.AgendaNumber,
        AgendaYear = e.AgendaYear,
        Sender = e.Sender,
        SenderLetterNumber = e.SenderLetterNumber,
        LetterDate = e.LetterDate,
        ReceivedOn = e.ReceivedOn,
        Subject = e.Subject,
        Classification = e.Classification,
        SecurityLevel = e.SecurityLevel,
        Urgency = e.Urgency,
        Attachments = e.Attachments,
        Remarks = e.Remarks,
        RegisteredBy = e.RegisteredBy,
        RegisteredAt = e.RegisteredAt,
    };
}
