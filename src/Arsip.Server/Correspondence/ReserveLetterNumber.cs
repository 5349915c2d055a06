using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Correspondence;

public sealed record ReserveLetterNumber(DraftOutgoingLetter Letter, DateOnly? LetterDate);

public sealed record ReserveLetterNumberCommand(Caller Caller, ReserveLetterNumber Body);

public static class ReserveLetterNumberHandler
{
    public static ProblemDetails? Refusal(ReserveLetterNumberCommand command, DraftReferences references, DateOnly today)
    {
        if (command.Body.Letter is null) return Problems.BadRequest("letter", "Data surat wajib diisi (letter required).");
        if (OutgoingDrafts.Refusal(command.Body.Letter, references, structured: false) is { } invalid) return invalid;
        return (command.Body.LetterDate ?? today) > today
            ? Problems.BadRequest("letterDate", "Tanggal surat tidak boleh di masa depan (letter date is in the future).")
            : null;
    }

    public static Decision Decide(ReserveLetterNumberCommand command, DraftReferences references, Unit? reserverUnit, IssuedNumber number,
        Guid id, DateOnly today, DateTimeOffset now)
    {
        if (Refusal(command, references, today) is { } refused) return Decision.Refuse(refused);
        var (letter, caller, date) = (command.Body.Letter, command.Caller, command.Body.LetterDate ?? today);
        return Decision.Accept(new OutgoingLetterNumberReserved(id, references.ContentOf(letter), letter.SignatoryPositionId!.Value, number.Number, number.Sequence,
            date.Year, date, caller.PersonId, caller.Name, reserverUnit?.Id, now));
    }

    public static async Task<Decision> Handle(ReserveLetterNumberCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var (letter, caller) = (command.Body.Letter, command.Caller);
        if (letter is null || OutgoingDrafts.FieldRefusal(letter, structured: false) is not null) return Decision.Refuse(Refusal(command, DraftReferences.None, clock.Today)!);
        var references = await DraftReferences.ReadAsync(session, letter, ct);
        var today = clock.Today;
        if (Refusal(command, references, today) is { } refused) return Decision.Refuse(refused);

        var unit = caller.Units.Count > 0 ? await session.LoadAsync<Unit>(caller.Units[0], ct) : null;
        var content = references.ContentOf(letter);
        var date = command.Body.LetterDate ?? today;
        var unitCode = await LetterNumbers.SigningUnitCodeAsync(session, letter.SignatoryPositionId!.Value, ct) ?? unit?.Code;
        var (number, sequence) = await LetterNumbers.IssueAsync(session, content.Kind, content.Classification, unitCode, content.SecurityLevel, date, ct);
        var now = clock.GetUtcNow();
        var decision = Decide(command, references, unit, new IssuedNumber(number, sequence), Guid.CreateVersion7(now), today, now);
        var reserved = (OutgoingLetterNumberReserved)decision.Events.Single();
        session.Events.StartStream<OutgoingLetter>(reserved.LetterId, reserved);
        return decision;
    }

    [WolverinePost("/api/outgoing-letters/reservations")]
    [Tags("Surat keluar")]
    [EndpointSummary("Reserve the next number for a letter signed on paper; attach its scan afterwards")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IResult> Post(ReserveLetterNumber body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReserveLetterNumberCommand(caller, body), ct);
        return decision.ToResult(() => Results.Created($"/api/outgoing-letters/{Reserved(decision).LetterId}",
            new SignOutgoingLetterResponse(Reserved(decision).LetterId, Reserved(decision).LetterNumber)));
    }

    public static OutgoingLetterNumberReserved Reserved(Decision decision) => decision.Events.OfType<OutgoingLetterNumberReserved>().Single();
}
