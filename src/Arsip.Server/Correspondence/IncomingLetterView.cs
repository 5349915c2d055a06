using Arsip.Access;
using Marten.Events.Aggregation;

namespace Arsip.Correspondence;

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
    public Guid? AddresseeUnitId { get; set; }
    public Guid[] CopyToPositionIds { get; set; } = [];
    public Guid[] CopyToUnitIds { get; set; } = [];
    public Guid? RegisteredByUnitId { get; set; }
    public Guid RegisteredByPersonId { get; set; }
    public List<FieldChange> Corrections { get; set; } = [];
    public string RegisteredBy { get; set; } = "";
    public string[] AccessTokens { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }
    public List<LetterFile> Files { get; set; } = [];

    public List<Guid> ChainPositionIds { get; set; } = [];

    public List<Guid> GrantedPersonIds { get; set; } = [];

    internal string[] ComputeAccessTokens() => LetterAccess.TokensFor(
        SecurityLevel,
        CopyToPositionIds.Prepend(AddresseePositionId ?? Guid.Empty).Where(p => p != Guid.Empty).Concat(ChainPositionIds),
        CopyToUnitIds.Prepend(AddresseeUnitId ?? Guid.Empty).Where(u => u != Guid.Empty),
        RegisteredByUnitId,
        GrantedPersonIds.Prepend(RegisteredByPersonId));

    /// <summary>Dispositions issued on this letter, at any depth (0: still awaiting its addressee's disposition).</summary>
    public int DispositionCount { get; set; }

    /// <summary>Set when its content was destroyed (pemusnahan): only the tombstone's metadata is left.</summary>
    public ContentTombstone? Destroyed { get; set; }

    /// <summary>Set when another agency delivered it (in this installation or by envelope): its first disposition and read go back there.</summary>
    public DeliveryOrigin? Origin { get; set; }

    public DateTimeOffset? FirstReadAt { get; set; }
}

public sealed record LetterFile(string FileName, string Sha256, string ContentType, long Length, AttachmentKind Kind, DateTimeOffset AddedAt);

public sealed partial class IncomingLetterViewProjection : SingleStreamProjection<IncomingLetterView, Guid>
{
    public IncomingLetterView Create(IncomingLetterRegistered e)
    {
        var view = new IncomingLetterView
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
            AddresseeUnitId = e.AddresseeUnitId,
            CopyToPositionIds = e.CopyToPositionIds,
            CopyToUnitIds = e.CopyToUnitIds,
            RegisteredByUnitId = e.RegisteredByUnitId,
            RegisteredByPersonId = e.RegisteredByPersonId,
            RegisteredBy = e.RegisteredBy,
            RegisteredAt = e.RegisteredAt,
        };
        view.AccessTokens = view.ComputeAccessTokens();
        return view;
    }

    public void Apply(IncomingLetterView view, IncomingLetterCorrected e)
    {
        foreach (var change in e.Changes) CorrectIncomingLetterEndpoint.Fields[change.Field].Set(view, change.After);
        view.Corrections.AddRange(e.Changes);
        view.AccessTokens = view.ComputeAccessTokens();
    }

    public void Apply(IncomingLetterView view, LetterAccessGranted e)
    {
        view.GrantedPersonIds.Add(e.PersonId);
        view.AccessTokens = view.ComputeAccessTokens();
    }

    public void Apply(IncomingLetterView view, LetterDisposed e)
    {
        view.DispositionCount++;
        view.ChainPositionIds = view.ChainPositionIds.Concat(e.RecipientPositionIds.Prepend(e.IssuerPositionId)).Distinct().ToList();
        view.AccessTokens = view.ComputeAccessTokens();
    }

    public void Apply(IncomingLetterView view, IncomingLetterContentDestroyed e)
    {
        view.Destroyed = ContentTombstone.Of(e);
        view.Attachments = view.Remarks = null;
        view.Files = [];
        view.Corrections = view.Corrections.Select(ContentReduction.Reduce).ToList();
    }

    public void Apply(IncomingLetterView view, IncomingLetterDeliveredFrom e) => view.Origin = e.Origin;

    public void Apply(IncomingLetterView view, IncomingLetterFirstRead e) => view.FirstReadAt ??= e.ReadAt;

    public void Apply(IncomingLetterView view, IncomingLetterAttachmentAdded e)
    {
        if (view.Destroyed is not null) return;
        if (view.Files.Any(f => f.Sha256 == e.Sha256)) return;
        view.Files.Add(new LetterFile(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt));
    }
}
