
namespace Arsip.Records;

/// <summary>Move filed letters from this berkas into another open one, with the reason.</summary>
public sealed record MoveLetters(Guid[]? LetterIds, Guid? ToCaseFileId, string? Reason);

public sealed record MoveLettersCommand(Guid CaseFileId, Caller Caller, MoveLetters Body);

public static class MoveLettersHandler
{
    public static Decision Decide(MoveLettersCommand command, CaseFile? source, CaseFile? target, IReadOnlyDictionary<Guid, LetterOnFile> letters, DateTimeOffset now)
    {
        if (CaseFileRules.WorkRefusal(command.Caller, source, command.CaseFileId) is { } refused) return Decision.Refuse(refused);
        var body = command.Body;
        if (CaseFileRules.LetterIdsRefusal(body.LetterIds) is { } bad) return Decision.Refuse(bad);
        if (body.ToCaseFileId is not { } toId) return Decision.Refuse(Problems.BadRequest("toCaseFileId", "Berkas tujuan wajib dipilih (the target berkas is required)."));
        if (toId == source!.Id) return Decision.Refuse(Problems.BadRequest("toCaseFileId", "Berkas tujuan sama dengan berkas asal (the target is this berkas)."));
        if (CaseFileRules.ReasonRefusal(body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (CaseFileRules.WorkRefusal(command.Caller, target, toId) is { } targetRefused) return Decision.Refuse(targetRefused);
        if ((CaseFileRules.ReadOnlyRefusal(source) ?? CaseFileRules.ReadOnlyRefusal(target)) is { } readOnly) return Decision.Refuse(readOnly);
        if (source.Status != CaseFileStatus.Open) return Decision.Refuse(CaseFileRules.Closed(source));
        if (target!.Status != CaseFileStatus.Open) return Decision.Refuse(CaseFileRules.Closed(target));
        var ids = body.LetterIds!;
        var unseen = ids.Count(id => letters.GetValueOrDefault(id) is not { Visible: true });
        if (unseen > 0) return Decision.Refuse(CaseFileRules.LettersNotFound(unseen));
        if (ids.Where(id => !source.Holds(id)).ToList() is { Count: > 0 } outside)
            return Decision.Refuse(Problems.Conflict($"{outside.Count} surat tidak ada di berkas ini (not in this berkas).").With("letterIds", outside));

        var reason = CaseFileRules.Reason(body.Reason)!;
        var caller = command.Caller;
        var moved = source.Letters.Where(l => ids.Contains(l.LetterId)).ToArray();
        var events = new List<object>
        {
            new LettersMovedOut(source.Id, [.. moved.Select(l => l.LetterId)], target.Id, reason, caller.PersonId, caller.Name, now),
            new LettersFiled(target.Id, moved, source.Id, reason, caller.PersonId, caller.Name, now),
        };
        events.AddRange(moved.Select(l => new LetterFiledInCaseFile(l.LetterId, target.Id, source.Id, reason, caller.PersonId, caller.Name, now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(MoveLettersCommand command,
        [WriteAggregate(nameof(MoveLettersCommand.CaseFileId), Required = false)] IEventStream<CaseFile> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var ids = command.Body.LetterIds ?? [];
        var target = command.Body.ToCaseFileId is { } to ? await session.LoadAsync<CaseFile>(to, ct) : null;
        var letters = ids.Length is > 0 and <= CaseFileRules.MaxLettersPerRequest
            ? await LettersOnFile.LoadAsync(session, command.Caller, ids.Distinct().ToList(), ct)
            : new Dictionary<Guid, LetterOnFile>();
        var decision = Decide(command, stream.Aggregate, target, letters, clock.GetUtcNow());
        CaseFileStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/case-files/{id}/letters/move")]
    [Tags("Arsip")]
    [EndpointSummary("Move filed letters into another open berkas, with a reason")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(Guid id, MoveLetters body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new MoveLettersCommand(id, caller, body), ct)).ToResult();
}
