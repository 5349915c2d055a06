using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Wolverine.Runtime.Handlers;

namespace Arsip.Records;

/// <summary>A handover list: the berkas (retention ended, final action permanen) and the static archive that is to receive them.</summary>
public sealed record ProposeHandover(string? Institution, Guid[]? CaseFileIds);

public sealed record ProposeHandoverCommand(Caller Caller, ProposeHandover Body);

public sealed record HandoverProposedResponse(Guid Id, string Number) : CreationResponse($"/api/handovers/{Id}");

public sealed record HandoverRefusal(Guid Id, string? Number, string Reason);

public static class ProposeHandoverHandler
{
    /// <summary>Its records may be appended to meanwhile: <see cref="LostRaces"/>.</summary>
    public static void Configure(HandlerChain chain) => LostRaces.RetryLostRaces(chain);

    /// <summary><paramref name="files"/>: the requested berkas found in the agency; <paramref name="held"/>: those a legal hold covers now.
    /// The number is 0 here: the handler takes it from the agency's counter only once accepted.</summary>
    public static Decision Decide(ProposeHandoverCommand command, IReadOnlyDictionary<Guid, CaseFile> files, IReadOnlySet<Guid> held,
        DateOnly today, Guid newId, DateTimeOffset now)
    {
        var (caller, body) = (command.Caller, command.Body);
        if (!caller.Has(Role.Archivist) && !caller.Has(Role.Administrator) && !caller.Has(Role.Registrar))
            return Decision.Refuse(Problems.Forbidden("Usul penyerahan disiapkan oleh arsiparis, administrator atau pengadministrasi unit (only archivists, administrators and registrars prepare a handover)."));
        var institution = body.Institution?.Trim();
        if (string.IsNullOrEmpty(institution))
            return Decision.Refuse(Problems.BadRequest("institution", "Lembaga kearsipan penerima wajib diisi, mis. Dinas Perpustakaan dan Kearsipan (the receiving static archive is required)."));
        if (institution.Length > HandoverRules.MaxText)
            return Decision.Refuse(Problems.BadRequest("institution", $"Paling banyak {HandoverRules.MaxText} karakter (at most {HandoverRules.MaxText} characters)."));
        var ids = body.CaseFileIds;
        if (ids is null || ids.Length == 0) return Decision.Refuse(Problems.BadRequest("caseFileIds", "Pilih sedikitnya satu berkas (at least one berkas)."));
        if (ids.Length > HandoverRules.MaxCaseFiles)
            return Decision.Refuse(new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge, Title = "Terlalu banyak berkas (too many berkas)",
                Detail = $"Paling banyak {HandoverRules.MaxCaseFiles:N0} berkas per usul penyerahan (at most {HandoverRules.MaxCaseFiles:N0} per handover).",
            });
        if (ids.Contains(Guid.Empty) || ids.Distinct().Count() != ids.Length)
            return Decision.Refuse(Problems.BadRequest("caseFileIds", "Id berkas kosong atau tercantum lebih dari sekali (an empty or repeated berkas id)."));
        var missing = ids.Where(id => !files.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            return Decision.Refuse(Problems.NotFound("Berkas", string.Join(", ", missing.Take(20))).With("caseFileIds", missing));
        if (ids.Any(id => !CaseFileRules.CanWork(caller, files[id].UnitId))) return Decision.Refuse(CaseFileRules.Forbidden);

        var refused = ids.Select(id => files[id]).Select(f => (File: f, Reason: HandoverRules.Ineligible(f, held.Contains(f.Id), today)))
            .Where(r => r.Reason is not null).Select(r => new HandoverRefusal(r.File.Id, HandoverRules.Label(r.File), r.Reason!)).ToList();
        if (refused.Count > 0)
        {
            var retentionOnly = refused.All(r => HandoverRules.IsRetentionReason(r.Reason));
            return Decision.Refuse(new ProblemDetails
            {
                Status = retentionOnly ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict,
                Title = retentionOnly ? "Berkas belum dapat diserahkan (not eligible)" : "Konflik (conflict)",
                Detail = $"{refused.Count} berkas tidak dapat diusulkan untuk diserahkan: " +
                         string.Join("; ", refused.Take(20).Select(r => $"berkas {r.Number}: {r.Reason}")) + (refused.Count > 20 ? "; ..." : "") +
                         " (these berkas cannot be handed over).",
            }.With("caseFiles", refused));
        }
        var proposed = new HandoverProposed(newId, today.Year, 0, institution, ids, caller.PersonId, caller.Name, now);
        return Decision.Accept([proposed, .. ids.Select(id => new CaseFileProposed(id, Movement.Handover, newId, now))]);
    }

    public static async Task<Outcome<HandoverProposedResponse>> Handle(ProposeHandoverCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var ids = command.Body.CaseFileIds ?? [];
        var files = ids.Length is > 0 and <= HandoverRules.MaxCaseFiles
            ? (await session.LoadManyAsync<CaseFile>(ct, ids.Distinct())).ToDictionary(f => f.Id)
            : [];
        var held = await LegalHolds.HeldCaseFileIdsAsync(session, files.Keys, ct);
        var now = clock.GetUtcNow();
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var decision = Decide(command, files, held, today, Guid.CreateVersion7(now), now);
        if (decision.Refused) return new(decision, null);
        var proposed = decision.Events.OfType<HandoverProposed>().Single();
        proposed = proposed with { Number = await Infrastructure.Sequences.NextAsync(session, HandoverNumbers.Sequence, proposed.Year, ct) };
        session.Events.StartStream<HandoverProposal>(proposed.HandoverId, proposed);
        foreach (var e in decision.Events.OfType<CaseFileProposed>())
        {
            session.Events.Append(e.CaseFileId, e);
            // two proposals racing for one berkas: the second insert fails, so it is on one of them only (409)
            session.Insert(new CaseFileOnProposal(e.CaseFileId, e.ProposalId, Movement.Handover));
        }
        return new(decision, new HandoverProposedResponse(proposed.HandoverId, HandoverNumbers.Label(proposed.Number, proposed.Year)));
    }

    [WolverinePost("/api/handovers")]
    [Tags("Arsip")]
    [EndpointSummary("Propose a handover (penyerahan) of berkas whose retention ended with final action permanen to a static archive")]
    [EndpointDescription("Body: institution (the receiving static archive), caseFileIds. A berkas that is held, on another open proposal, not yet at the end of its retention, not permanen, destroyed or handed over refuses the whole proposal (409, or 422 when only retention is the reason), naming each berkas in caseFiles.")]
    [ProducesResponseType<HandoverProposedResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(ProposeHandover body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<HandoverProposedResponse>>(caller.Agency, new ProposeHandoverCommand(caller, body), ct);
        return outcome.Decision.ToResult(() => Results.Created(outcome.Value!.Url, outcome.Value));
    }
}
