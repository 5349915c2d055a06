using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Correspondence;

public sealed record InitialOutgoingLetter(string? Comment);

public sealed record InitialOutgoingLetterCommand(Guid LetterId, Caller Caller, InitialOutgoingLetter Body);

public static class InitialOutgoingLetterHandler
{
    public static Decision Decide(InitialOutgoingLetterCommand command, OutgoingLetter? letter, DateTimeOffset now) =>
        OutgoingLetterAccess.Refusal(command.LetterId, command.Caller, letter, l => l.CanReview(command.Caller)) is { } refused
            ? Decision.Refuse(refused)
            : Decision.Accept(new OutgoingLetterInitialed(letter!.Id, letter.DraftVersion, letter.CurrentReviewer!.Value,
                command.Caller.PersonId, command.Caller.Name, command.Body.Comment?.Trim(), now));

    public static Decision Handle(InitialOutgoingLetterCommand command,
        [WriteAggregate(nameof(InitialOutgoingLetterCommand.LetterId), Required = false)] IEventStream<OutgoingLetter> stream, ArsipClock clock)
    {
        return Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePost("/api/outgoing-letters/{id}/initial")]
    [Tags("Surat keluar")]
    [EndpointSummary("Paraf: the current reviewer approves this draft version")]
    public static async Task<IResult> Post(Guid id, InitialOutgoingLetter body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new InitialOutgoingLetterCommand(id, caller, body), ct)).ToResult();
}
