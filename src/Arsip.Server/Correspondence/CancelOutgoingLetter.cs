using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Correspondence;

public sealed record CancelOutgoingLetter(string? Reason);

public sealed record CancelOutgoingLetterCommand(Guid LetterId, Caller Caller, CancelOutgoingLetter Body);

public static class CancelOutgoingLetterHandler
{
    public static Decision Decide(CancelOutgoingLetterCommand command, OutgoingLetter? letter, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.Body.Reason))
            return Decision.Refuse(Problems.BadRequest("reason", "Alasan pembatalan wajib diisi (reason required)."));
        if (OutgoingLetterAccess.Refusal(command.LetterId, command.Caller, letter, l => l.CanCancel(command.Caller)) is { } refused) return Decision.Refuse(refused);
        return Decision.Accept(new OutgoingLetterCancelled(letter!.Id, command.Body.Reason.Trim(), command.Caller.Name, now));
    }

    public static Decision Handle(CancelOutgoingLetterCommand command,
        [WriteAggregate(nameof(CancelOutgoingLetterCommand.LetterId), Required = false)] IEventStream<OutgoingLetter> stream, ArsipClock clock)
    {
        return Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePost("/api/outgoing-letters/{id}/cancel")]
    [Tags("Surat keluar")]
    [EndpointSummary("Cancel a letter before dispatch; a signed letter keeps its number, marked cancelled")]
    public static async Task<IResult> Post(Guid id, CancelOutgoingLetter body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new CancelOutgoingLetterCommand(id, caller, body), ct)).ToResult();
}
