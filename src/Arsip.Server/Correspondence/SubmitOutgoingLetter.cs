using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Correspondence;

public sealed record SubmitOutgoingLetterCommand(Guid LetterId, Caller Caller);

public static class SubmitOutgoingLetterHandler
{
    public static Decision Decide(SubmitOutgoingLetterCommand command, OutgoingLetter? letter, DateTimeOffset now) =>
        OutgoingLetterAccess.Refusal(command.LetterId, command.Caller, letter, l => l.CanSubmit(command.Caller)) is { } refused
            ? Decision.Refuse(refused)
            : Decision.Accept(new OutgoingLetterSubmitted(letter!.Id, letter.DraftVersion, command.Caller.Name, now));

    public static Decision Handle(SubmitOutgoingLetterCommand command,
        [WriteAggregate(nameof(SubmitOutgoingLetterCommand.LetterId), Required = false)] IEventStream<OutgoingLetter> stream, ArsipClock clock)
    {
        return Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePost("/api/outgoing-letters/{id}/submit")]
    [Tags("Surat keluar")]
    [EndpointSummary("Send the draft to its first reviewer (or straight to signing when it has none)")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new SubmitOutgoingLetterCommand(id, caller), ct)).ToResult();
}
