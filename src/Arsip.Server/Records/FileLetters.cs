
namespace Arsip.Records;

/// <summary>Letters to put in a berkas (incoming, or outgoing once numbered); their dispositions and follow-ups travel with them.</summary>
public sealed record FileLetters(Guid[]? LetterIds);

public sealed record FileLettersCommand(Guid CaseFileId, Caller Caller, FileLetters Body);

public static class FileLettersHandler
{
    /// <summary><paramref name="letters"/>: the requested letters found in either book (missing ones are absent).</summary>
    public static Decision Decide(FileLettersCommand command, CaseFile? file, IReadOnlyDictionary<Guid, LetterOnFile> letters, DateTimeOffset now)
    {
        if (CaseFileRules.WorkRefusal(command.Caller, file, command.CaseFileId) is { } refused) return Decision.Refuse(refused);
        if (CaseFileRules.ReadOnlyRefusal(file) is { } readOnly) return Decision.Refuse(readOnly);
        var ids = command.Body.LetterIds;
        if (CaseFileRules.LetterIdsRefusal(ids) is { } bad) return Decision.Refuse(bad);
        if (file!.Status != CaseFileStatus.Open) return Decision.Refuse(CaseFileRules.Closed(file));
        var unseen = ids!.Count(id => letters.GetValueOrDefault(id) is not { Visible: true });
        if (unseen > 0) return Decision.Refuse(CaseFileRules.LettersNotFound(unseen));
        var chosen = ids!.Select(id => letters[id]).ToList();
        if (chosen.Where(l => !l.Fileable).Select(l => l.Id).ToList() is { Count: > 0 } drafts)
            return Decision.Refuse(Problems.Conflict(
                "Surat keluar yang belum bernomor atau dibatalkan tidak dapat diberkaskan (an outgoing letter is filed only once numbered, never when cancelled).")
                .With("letterIds", drafts));
        if (chosen.Where(l => l.InCaseFileId == file.Id).Select(l => l.Id).ToList() is { Count: > 0 } twice)
            return Decision.Refuse(Problems.Conflict(
                $"{twice.Count} surat sudah ada di berkas ini (already in this berkas; a duplicate request).").With("letterIds", twice));
        if (chosen.Where(l => l.InCaseFileId is not null).Select(l => new { letterId = l.Id, caseFileId = l.InCaseFileId }).ToList() is { Count: > 0 } elsewhere)
            return Decision.Refuse(Problems.Conflict(
                $"{elsewhere.Count} surat sudah diberkaskan di berkas lain; pindahkan dengan alasan (already in another berkas; move it with a reason).").With("filed", elsewhere));

        var caller = command.Caller;
        var events = new List<object> { new LettersFiled(file.Id, [.. chosen.Select(l => new FiledLetter(l.Id, l.Direction))], null, null, caller.PersonId, caller.Name, now) };
        events.AddRange(chosen.Select(l => new LetterFiledInCaseFile(l.Id, file.Id, null, null, caller.PersonId, caller.Name, now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(FileLettersCommand command,
        [WriteAggregate(nameof(FileLettersCommand.CaseFileId), Required = false)] IEventStream<CaseFile> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var ids = command.Body.LetterIds ?? [];
        var letters = ids.Length is > 0 and <= CaseFileRules.MaxLettersPerRequest
            ? await LettersOnFile.LoadAsync(session, command.Caller, ids.Distinct().ToList(), ct)
            : new Dictionary<Guid, LetterOnFile>();
        var decision = Decide(command, stream.Aggregate, letters, clock.GetUtcNow());
        CaseFileStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/case-files/{id}/letters")]
    [Tags("Arsip")]
    [EndpointSummary("File letters into an open berkas (up to 1,000 per request); a letter already filed is refused (409)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(Guid id, FileLetters body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new FileLettersCommand(id, caller, body), ct)).ToResult();
}

/// <summary>Where a berkas decision's events go: berkas events to their berkas, the letter's record to the letter's own stream.</summary>
public static class CaseFileStreams
{
    public static void Append(IDocumentSession session, IEventStream<CaseFile> stream, Decision decision)
    {
        foreach (var e in decision.Events)
        {
            switch (e)
            {
                case LetterFiledInCaseFile filed:
                    session.Events.Append(filed.LetterId, filed);
                    if (filed.FromCaseFileId is null) session.Insert(new LetterFiledOnce(filed.LetterId));
                    break;
                case LettersFiled into when into.CaseFileId != stream.Id: session.Events.Append(into.CaseFileId, into); break;
                default: stream.AppendOne(e); break;
            }
        }
    }

    public static ProblemDetails With(this ProblemDetails problem, string key, object value)
    {
        problem.Extensions[key] = value;
        return problem;
    }
}
