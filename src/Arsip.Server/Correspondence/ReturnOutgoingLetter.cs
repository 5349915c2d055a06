using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Correspondence;

public sealed record ReturnOutgoingLetter(string? Comments);

public sealed record ReturnOutgoingLetterCommand(Guid LetterId, Caller Caller, ReturnOutgoingLetter Body);

public static class ReturnOutgoingLetterHandler
{
    public static Decision Decide(ReturnOutgoingLetterCommand command, OutgoingLetter? letter, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.Body.Comments))
            return Decision.Refuse(Problems.BadRequest("comments", "Catatan pengembalian wajib diisi (comments required)."));
        if (OutgoingLetterAccess.Refusal(command.LetterId, command.Caller, letter, l => l.CanReturn(command.Caller)) is { } refused) return Decision.Refuse(refused);
        return Decision.Accept(new OutgoingLetterReturned(letter!.Id, letter.DraftVersion, letter.CurrentReviewer ?? letter.SignatoryPositionId,
            command.Caller.PersonId, command.Caller.Name, command.Body.Comments.Trim(), now));
    }

    public static Decision Handle(ReturnOutgoingLetterCommand command,
        [WriteAggregate(nameof(ReturnOutgoingLetterCommand.LetterId), Required = false)] IEventStream<OutgoingLetter> stream, ArsipClock clock)
    {
        return Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePost("/api/outgoing-letters/{id}/return")]
    [Tags("Surat keluar")]
    [EndpointSummary("The current reviewer, or the signatory of an approved letter, returns the draft to its drafter with comments")]
    public static async Task<IResult> Post(Guid id, ReturnOutgoingLetter body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReturnOutgoingLetterCommand(id, caller, body), ct)).ToResult();
}
