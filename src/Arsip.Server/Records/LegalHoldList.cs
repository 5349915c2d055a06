using Arsip.Access;
using Arsip.Correspondence;

namespace Arsip.Records;

/// <summary>A hold as listed, with the letters it covers now among those the caller may see (a released hold covers none);
/// <paramref name="LetterDirection"/>: which book a held letter is in (null when the caller may not see it).</summary>
public sealed record LegalHoldSummary(
    Guid Id, HoldTarget Target, Guid? LetterId, string? Letter, Guid? CaseFileId, string? CaseFile, HoldQuery? Query,
    string Reason, string Reference, string PlacedBy, DateTimeOffset PlacedAt,
    bool Active, string? ReleaseReason, string? ReleasedBy, DateTimeOffset? ReleasedAt, int CoveredLetters, LetterDirection? LetterDirection = null);

public static class LegalHoldQueries
{
    private static ProblemDetails Forbidden() =>
        Problems.Forbidden("Daftar penangguhan hanya untuk arsiparis, auditor dan administrator (holds are listed for archivists, auditors and administrators).");

    /// <summary>Every hold, active first (newest first), then released.</summary>
    public static async Task<(IReadOnlyList<LegalHoldSummary>? Holds, ProblemDetails? Refusal)> ListAsync(IQuerySession session, Caller caller, CancellationToken ct)
    {
        if (!LegalHolds.MayHold(caller)) return (null, Forbidden());
        var holds = await session.Query<LegalHold>().OrderByDescending(h => h.PlacedAt).ToListAsync(ct);
        var summaries = new List<LegalHoldSummary>();
        foreach (var h in holds.OrderByDescending(h => h.Active)) summaries.Add(await SummarizeAsync(session, caller, h, ct));
        return (summaries, null);
    }

    public static async Task<(LegalHoldSummary? Hold, ProblemDetails? Refusal)> GetAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct)
    {
        if (!LegalHolds.MayHold(caller)) return (null, Forbidden());
        return await session.LoadAsync<LegalHold>(id, ct) is { } hold ? (await SummarizeAsync(session, caller, hold, ct), null) : (null, Problems.NotFound("Penangguhan", id));
    }

    /// <summary>The active holds covering a letter the caller may see; null when the caller may not see it.</summary>
    public static async Task<IReadOnlyList<LegalHoldSummary>?> ForLetterAsync(IQuerySession session, Caller caller, Guid letterId, CancellationToken ct)
    {
        if (!await PlaceLegalHoldHandler.LetterVisibleAsync(session, caller, letterId, ct)) return null;
        var covering = (await LegalHolds.CoveringAsync(session, [letterId], ct))[letterId];
        var summaries = new List<LegalHoldSummary>();
        foreach (var h in covering) summaries.Add(await SummarizeAsync(session, caller, h, ct));
        return summaries;
    }

    private static async Task<LegalHoldSummary> SummarizeAsync(IQuerySession session, Caller caller, LegalHold h, CancellationToken ct)
    {
        var tokens = LetterAccess.TokensOf(caller);
        string? letter = null, caseFile = null;
        LetterDirection? direction = null;
        var covered = 0;
        if (h.LetterId is { } letterId)
        {
            var incoming = await session.LoadAsync<IncomingLetterView>(letterId, ct);
            var outgoing = incoming is null ? await session.LoadAsync<OutgoingLetterView>(letterId, ct) : null;
            var visible = incoming is not null ? LetterAccess.CanSee(caller, incoming.AccessTokens) : outgoing is not null && LetterAccess.CanSee(caller, outgoing.AccessTokens);
            letter = !visible ? "[tidak dapat diakses]"
                : incoming is not null ? $"Agenda {incoming.AgendaNumber}/{incoming.AgendaYear}: {LetterAccess.ListedSubject(incoming.SecurityLevel, incoming.Subject)}"
                : $"{outgoing!.LetterNumber ?? "(draf)"}: {LetterAccess.ListedSubject(outgoing.Content.SecurityLevel, outgoing.Content.Subject)}";
            covered = visible ? 1 : 0;
            direction = !visible ? null : incoming is not null ? LetterDirection.Incoming : LetterDirection.Outgoing;
        }
        else if (h.CaseFileId is { } fileId && await session.LoadAsync<CaseFile>(fileId, ct) is { } file)
        {
            caseFile = $"{file.Number}/{file.Year}: {file.Title}";
            var ids = file.Letters.Select(l => l.LetterId).ToArray();
            covered = await session.Query<IncomingLetterView>().CountAsync(l => ids.Contains(l.Id) && l.AccessTokens.Any(t => tokens.Contains(t)), ct)
                      + await session.Query<OutgoingLetterView>().CountAsync(l => ids.Contains(l.Id) && l.AccessTokens.Any(t => tokens.Contains(t)), ct);
        }
        else if (h.Query is { } query && h.Active)
            covered = await CountMatchingAsync(session, tokens, query, ct);
        return new(h.Id, h.Target, h.LetterId, letter, h.CaseFileId, caseFile, h.Query, h.Reason, h.Reference, h.PlacedBy, h.PlacedAt,
            h.Active, h.ReleaseReason, h.ReleasedBy, h.ReleasedAt, h.Active ? covered : 0, direction);
    }

    /// <summary>The letters (incoming and outgoing) a query hold covers now among those the caller may see: <see cref="LegalHolds.Matches"/> as a query.</summary>
    public static async Task<int> CountMatchingAsync(IQuerySession session, string[] tokens, HoldQuery q, CancellationToken ct)
    {
        var prefix = q.ClassificationPrefix;
        var below = prefix + ".";
        Guid[] filed = [];
        if (q.UnitId is { } unit)
            filed = (await session.Query<CaseFile>().Where(f => f.UnitId == unit).ToListAsync(ct)).SelectMany(f => f.Letters).Select(l => l.LetterId).ToArray();

        var incoming = session.Query<IncomingLetterView>().Where(l => l.AccessTokens.Any(t => tokens.Contains(t)));
        if (prefix is not null) incoming = incoming.Where(l => l.Classification == prefix || l.Classification.StartsWith(below));
        if (q.Sender is { } sender) incoming = incoming.Where(l => l.Sender.Contains(sender, StringComparison.OrdinalIgnoreCase));
        if (q.From is { } from) incoming = incoming.Where(l => l.LetterDate >= from);
        if (q.To is { } to) incoming = incoming.Where(l => l.LetterDate <= to);
        if (q.UnitId is { } u) incoming = incoming.Where(l => l.RegisteredByUnitId == u || l.AddresseeUnitId == u || filed.Contains(l.Id));

        var outgoing = session.Query<OutgoingLetterView>().Where(l => l.AccessTokens.Any(t => tokens.Contains(t)));
        if (prefix is not null) outgoing = outgoing.Where(l => l.Content.Classification == prefix || l.Content.Classification.StartsWith(below));
        if (q.Sender is { } s) outgoing = outgoing.Where(l => l.Signatory != null && l.Signatory.Contains(s, StringComparison.OrdinalIgnoreCase));
        if (q.From is { } f2) outgoing = outgoing.Where(l => l.LetterDate >= f2);
        if (q.To is { } t2) outgoing = outgoing.Where(l => l.LetterDate <= t2);
        if (q.UnitId is { } u2) outgoing = outgoing.Where(l => l.DraftedByUnitId == u2 || filed.Contains(l.Id));

        return await incoming.CountAsync(ct) + await outgoing.CountAsync(ct);
    }
}

public static class LegalHoldListEndpoints
{
    [WolverineGet("/api/legal-holds")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("Every legal hold, active first, with what each covers now (for query holds: the letters matching it now that the caller may see)")]
    [ProducesResponseType<LegalHoldSummary[]>(StatusCodes.Status200OK)]
    public static async Task<IResult> List([NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        var (holds, refusal) = await LegalHoldQueries.ListAsync(session, caller, ct);
        return refusal.ToResult(() => Results.Ok(holds));
    }

    [WolverineGet("/api/legal-holds/{id}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("One legal hold with what it covers now")]
    [ProducesResponseType<LegalHoldSummary>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        var (hold, refusal) = await LegalHoldQueries.GetAsync(session, caller, id, ct);
        return refusal.ToResult(() => Results.Ok(hold));
    }

    [WolverineGet("/api/letters/{id}/holds")]
    [Tags("Arsip")]
    [EndpointSummary("The active legal holds covering a letter now: on the letter, on its berkas, or a query matching it")]
    [ProducesResponseType<LegalHoldSummary[]>(StatusCodes.Status200OK)]
    public static async Task<IResult> ForLetter(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct) =>
        await LegalHoldQueries.ForLetterAsync(session, caller, id, ct) is { } holds ? Results.Ok(holds) : Results.Problem(Problems.NotFound("Surat", id));
}
