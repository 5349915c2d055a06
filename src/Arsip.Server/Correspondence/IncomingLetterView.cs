using Arsip.Access;
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
    public Guid? AddresseePositionId { get; set; }
    public Guid[] CopyToPositionIds { get; set; } = [];
    public Guid? RegisteredByUnitId { get; set; }
    public string RegisteredBy { get; set; } = "";
    /// <summary>Who may see this letter (see <see cref="LetterAccess"/>).</summary>
    public string[] AccessTokens { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }
    /// <summary>Dispositions issued on this letter, at any depth (0: still awaiting its addressee's disposition).</summary>
    public int DispositionCount { get; set; }
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
        AddresseePositionId = e.AddresseePositionId,
        CopyToPositionIds = e.CopyToPositionIds,
        RegisteredByUnitId = e.RegisteredByUnitId,
        RegisteredBy = e.RegisteredBy,
        RegisteredAt = e.RegisteredAt,
        AccessTokens = LetterAccess.TokensFor(
            e.SecurityLevel,
            e.CopyToPositionIds.Prepend(e.AddresseePositionId ?? Guid.Empty).Where(p => p != Guid.Empty),
            e.CopyToUnitIds.Prepend(e.AddresseeUnitId ?? Guid.Empty).Where(u => u != Guid.Empty),
            e.RegisteredByUnitId,
            [e.RegisteredByPersonId]),
    };

    public void Apply(IncomingLetterView view, Dispositions.LetterDisposed e)
    {
        view.DispositionCount++;
        view.AccessTokens = LetterAccess.WithDispositionChain(view.AccessTokens, e.IssuerPositionId, e.RecipientPositionIds);
    }
}
