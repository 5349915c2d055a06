using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Correspondence;

public sealed record ReviseOutgoingLetter(DraftOutgoingLetter Draft, string? Note);

public sealed record ReviseOutgoingLetterCommand(Guid LetterId, Caller Caller, ReviseOutgoingLetter Body);

public static class ReviseOutgoingLetterHandler
{
    /// <summary>The content is checked before the letter is looked at; the same content again is no new version.</summary>
    public static Decision Decide(ReviseOutgoingLetterCommand command, OutgoingLetter? letter, DraftReferences references, DateTimeOffset now)
    {
        if (OutgoingDrafts.Refusal(command.Body.Draft, references) is { } invalid) return Decision.Refuse(invalid);
        if (OutgoingLetterAccess.Refusal(command.LetterId, command.Caller, letter, l => l.CanRevise(command.Caller)) is { } refused) return Decision.Refuse(refused);
        var content = references.ContentOf(command.Body.Draft);
        return content == letter!.Content
            ? Decision.Accept()
            : Decision.Accept(new OutgoingLetterRevised(letter.Id, letter.DraftVersion + 1, content, command.Caller.Name, command.Body.Note?.Trim(), now));
    }

    public static async Task<Decision> Handle(ReviseOutgoingLetterCommand command,
        [WriteAggregate(nameof(ReviseOutgoingLetterCommand.LetterId), Required = false)] IEventStream<OutgoingLetter> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (OutgoingDrafts.FieldRefusal(command.Body.Draft) is { } invalid) return Decision.Refuse(invalid);
        return Decide(command, stream.Aggregate, await DraftReferences.ReadAsync(session, command.Body.Draft, ct), clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePut("/api/outgoing-letters/{id}")]
    [Tags("Surat keluar")]
    [EndpointSummary("Revise a draft: a new draft version; reviews start again")]
    public static async Task<IResult> Put(Guid id, ReviseOutgoingLetter body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReviseOutgoingLetterCommand(id, caller, body), ct)).ToResult();
}
