using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using Wolverine.Runtime.Handlers;

namespace Arsip.Records;

/// <summary>A daftar arsip usul musnah: berkas whose retention ended with final action musnah, and the panitia penilai (person
/// ids). <c>Id</c> is optional: a resend with the same id and content answers 200.</summary>
public sealed record ProposeDisposal(Guid? Id, Guid[]? CaseFileIds, Guid[]? Committee, string? Note);

public sealed record ProposeDisposalCommand(Caller Caller, ProposeDisposal Body);

public sealed record DisposalProposedResponse(Guid Id) : CreationResponse($"/api/disposals/{Id}");

/// <summary>A person who might sit on the panitia: the positions held or acted for today.</summary>
public sealed record CommitteeCandidate(Guid PersonId, string Name, IReadOnlyList<Position> Positions, bool Active);

/// <summary>What the proposal is decided on: the berkas asked for, the holds and open dispositions on them, the people and positions of the agency.</summary>
public sealed record ProposingContext(
    DisposalProposal? Existing, IReadOnlyDictionary<Guid, CaseFile> Files, IReadOnlyDictionary<Guid, Unit> Units,
    IReadOnlyDictionary<Guid, IReadOnlyList<LegalHold>> Holds, IReadOnlyDictionary<Guid, int> OpenDispositions,
    IReadOnlyDictionary<Guid, CommitteeCandidate> People, IReadOnlyList<Position> Positions, Guid NewId, DateOnly Today, DateTimeOffset Now);

public sealed record RefusedCaseFile(Guid CaseFileId, string CaseFile, string Reason);

public static class ProposeDisposalHandler
{
    /// <summary>Its berkas may be appended to meanwhile: <see cref="LostRaces"/>.</summary>
    public static void Configure(HandlerChain chain) => LostRaces.RetryLostRaces(chain);

    public const int MaxNote = 2000;

    public static Decision Decide(ProposeDisposalCommand command, ProposingContext context)
    {
        var (caller, body) = (command.Caller, command.Body);
        if (!CaseFileRules.CanWork(caller, Guid.Empty) && !caller.Has(Role.Registrar))
            return Decision.Refuse(Problems.Forbidden("Usul musnah disiapkan oleh arsiparis, administrator, atau pengadministrasi unit (only archivists, administrators and unit registrars propose disposals)."));
        var ids = body.CaseFileIds;
        if (ids is null || ids.Length == 0) return Decision.Refuse(Problems.BadRequest("caseFileIds", "Pilih sedikitnya satu berkas (at least one berkas)."));
        if (ids.Length > DisposalRules.MaxCaseFiles)
            return Decision.Refuse(new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge, Title = "Terlalu banyak berkas (too many berkas)",
                Detail = $"Paling banyak {DisposalRules.MaxCaseFiles} berkas per usul (at most {DisposalRules.MaxCaseFiles} berkas per proposal).",
            });
        if (ids.Distinct().Count() != ids.Length) return Decision.Refuse(Problems.BadRequest("caseFileIds", "Berkas tercantum lebih dari sekali (a berkas is listed twice)."));
        if (body.Note?.Length > MaxNote) return Decision.Refuse(Problems.BadRequest("note", $"Catatan paling banyak {MaxNote} karakter (note at most {MaxNote} characters)."));

        if (ids.Where(id => !context.Files.ContainsKey(id)).ToList() is { Count: > 0 } missing)
            return Decision.Refuse(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound, Title = "Tidak ditemukan (not found)",
                Detail = $"{missing.Count} berkas tidak ditemukan (not found).", Extensions = { ["caseFileIds"] = missing },
            });
        var files = ids.Select(id => context.Files[id]).ToList();
        if (files.Any(f => !CaseFileRules.CanWork(caller, f.UnitId))) return Decision.Refuse(CaseFileRules.Forbidden);

        if (CommitteeRefusal(body.Committee, files, context) is { } badCommittee) return Decision.Refuse(badCommittee);

        var conflicts = new List<RefusedCaseFile>();
        var ineligible = new List<RefusedCaseFile>();
        foreach (var f in files)
        {
            var label = Label(f, context.Units);
            if (f.Status is CaseFileStatus.Destroyed or CaseFileStatus.HandedOver)
                conflicts.Add(new(f.Id, label, f.Status == CaseFileStatus.Destroyed ? "sudah dimusnahkan (already destroyed)" : "sudah diserahkan (already handed over)"));
            else if (f.ProposalId is { } other && other != (context.Existing?.Id ?? body.Id))
                conflicts.Add(new(f.Id, label, $"sudah ada dalam usul lain ({f.ProposalMovement}) {other} (already on another open proposal)"));
            else if (context.Holds.GetValueOrDefault(f.Id) is { Count: > 0 } holds)
                conflicts.Add(new(f.Id, label, $"ditangguhkan: {string.Join("; ", holds.Select(h => $"{h.Reference} ({h.Reason})"))} (under legal hold)"));
            else if (context.OpenDispositions.GetValueOrDefault(f.Id) is > 0 and var open)
                conflicts.Add(new(f.Id, label, $"{open} disposisi pada suratnya masih berjalan (a disposition on its letters still awaits work)"));
            else if (f.StageOn(context.Today) != RetentionStage.RetentionEnded)
                ineligible.Add(new(f.Id, label, f.InactiveUntil is { } until
                    ? $"masa retensinya belum berakhir; inaktif s.d. {until:dd-MM-yyyy} (its retention has not ended)"
                    : "belum ditutup atau menunggu pemicu retensi (not closed, or waiting for its retention trigger)"));
            else if (f.FinalAction != FinalAction.Musnah)
                ineligible.Add(new(f.Id, label, $"nasib akhirnya {FinalActions.Label(f.FinalAction!.Value)}, bukan musnah (its final action is not musnah)"));
        }
        if (conflicts.Count > 0)
            return Decision.Refuse(Problems.Conflict($"{conflicts.Count} berkas tidak dapat diusulkan musnah: " +
                string.Join("; ", conflicts.Select(c => $"{c.CaseFile} {c.Reason}"))).With("caseFiles", conflicts.Concat(ineligible).ToList()));
        if (ineligible.Count > 0)
            return Decision.Refuse(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity, Title = "Berkas belum dapat dimusnahkan (not eligible for disposal)",
                Detail = $"{ineligible.Count} berkas tidak dapat diusulkan musnah: " + string.Join("; ", ineligible.Select(c => $"{c.CaseFile} {c.Reason}")),
                Extensions = { ["caseFiles"] = ineligible },
            });

        var members = Committee(body.Committee!, context);
        var items = files.Select(f => new DisposalItem(f.Id, f.UnitId, context.Units.GetValueOrDefault(f.UnitId)?.Name ?? "", f.Number, f.Year, f.Classification,
            f.Title, f.PeriodFrom, f.PeriodTo, f.Letters.Count, f.Retention!.ActiveYears, f.Retention.InactiveYears + f.RetentionExtendedYears, f.InactiveUntil)).ToArray();
        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        if (context.Existing is { } existing)
            return existing.Items.Select(i => i.CaseFileId).SequenceEqual(ids) && existing.Committee.Select(m => m.PersonId).SequenceEqual(members.Select(m => m.PersonId))
                   && existing.Note == note
                ? Decision.Accept()
                : Decision.Refuse(Problems.Conflict($"Usul musnah {existing.Id} sudah ada dengan isi lain (a different proposal already has this id)."));
        var id = body.Id ?? context.NewId;
        var events = new List<object> { new DisposalProposed(id, items, members, note, caller.PersonId, caller.Name, context.Now) };
        events.AddRange(files.Select(f => new CaseFileProposed(f.Id, Movement.Disposal, id, context.Now)));
        return Decision.Accept([.. events]);
    }

    /// <summary>PP 28/2012 pasal 66: the panitia penilai has at least three members: the head of the records centre (unit
    /// kearsipan) as chair, the head of each unit whose records are destroyed, and an archivist. Acting heads (Plt/Plh) count.</summary>
    public static ProblemDetails? CommitteeRefusal(Guid[]? committee, IReadOnlyList<CaseFile> files, ProposingContext context)
    {
        if (committee is null || committee.Distinct().Count() < DisposalRules.MinimumCommittee)
            return Problems.BadRequest("committee", $"Panitia penilai paling sedikit {DisposalRules.MinimumCommittee} orang (the committee needs at least {DisposalRules.MinimumCommittee} people).");
        if (committee.Distinct().Count() != committee.Length) return Problems.BadRequest("committee", "Anggota panitia tercantum lebih dari sekali (a member is listed twice).");
        if (committee.Where(p => context.People.GetValueOrDefault(p) is not { Active: true }).ToList() is { Count: > 0 } unknown)
            return Problems.BadRequest("committee", $"{unknown.Count} anggota panitia bukan pegawai aktif instansi ini (not active people of this agency).");
        var people = committee.Select(p => context.People[p]).ToList();
        if (!people.Any(p => p.Positions.Any(pos => pos.Roles.Contains(Role.Archivist))))
            return Problems.BadRequest("committee", "Panitia penilai harus beranggotakan seorang arsiparis (the committee must include an archivist).");
        if (Authorities.RecordsCentreUnit(context.Positions) is { } centre && Authorities.UnitHead(context.Positions, centre) is { } centreHead
            && !people.Any(p => p.Positions.Any(pos => pos.Id == centreHead.Id)))
            return Problems.BadRequest("committee", $"Pimpinan unit kearsipan ({centreHead.Title}) menjadi ketua panitia penilai (the head of the records centre chairs the committee).");
        foreach (var unit in files.Select(f => f.UnitId).Distinct())
            if (Authorities.UnitHead(context.Positions, unit) is { } head && !people.Any(p => p.Positions.Any(pos => pos.Id == head.Id)))
                return Problems.BadRequest("committee", $"Pimpinan unit pengolah ({head.Title}) harus menjadi anggota panitia penilai (the head of each unit whose records are proposed sits on the committee).");
        return null;
    }

    private static CommitteeMember[] Committee(Guid[] committee, ProposingContext context)
    {
        var centreHead = Authorities.RecordsCentreUnit(context.Positions) is { } centre ? Authorities.UnitHead(context.Positions, centre) : null;
        return committee.Select(id => context.People[id]).Select(p => new CommitteeMember(p.PersonId, p.Name,
                string.Join(", ", p.Positions.Select(pos => pos.Title)), p.Positions.Any(pos => pos.Roles.Contains(Role.Archivist)),
                centreHead is not null && p.Positions.Any(pos => pos.Id == centreHead.Id)))
            .OrderByDescending(m => m.Chair).ToArray();
    }

    public static string Label(CaseFile f, IReadOnlyDictionary<Guid, Unit> units) =>
        $"berkas {f.Number}/{f.Year} {units.GetValueOrDefault(f.UnitId)?.Name}".TrimEnd();

    public static async Task<Outcome<DisposalProposedResponse>> Handle(ProposeDisposalCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var ids = command.Body.CaseFileIds is { Length: > 0 and <= DisposalRules.MaxCaseFiles } asked ? asked.Distinct().ToArray() : [];
        var batch = session.CreateBatchQuery();
        var existingQuery = command.Body.Id is { } id ? batch.Load<DisposalProposal>(id) : Task.FromResult<DisposalProposal?>(null);
        var filesQuery = batch.LoadMany<CaseFile>().ById(ids);
        var unitsQuery = batch.Query<Unit>().ToList();
        var positionsQuery = batch.Query<Position>().ToList();
        var calendarQuery = batch.Load<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream);
        await batch.Execute(ct);
        var today = AgencyTime.For((await calendarQuery)?.Settings).Today(clock);
        var files = (await filesQuery).ToDictionary(f => f.Id);
        var positions = await positionsQuery;
        var holds = await LegalHolds.CaseFilesHeldAsync(session, files.Values, ct);
        var now = clock.GetUtcNow();
        var context = new ProposingContext(await existingQuery, files, (await unitsQuery).ToDictionary(u => u.Id), holds,
            await DisposalQueries.OpenDispositionsAsync(session, files.Values, ct),
            await DisposalQueries.PeopleAsync(session, command.Body.Committee ?? [], positions, today, ct), positions, Guid.CreateVersion7(now), today, now);
        var decision = Decide(command, context);
        if (decision.Events.OfType<DisposalProposed>().SingleOrDefault() is { } proposed)
        {
            session.Events.StartStream<DisposalProposal>(proposed.DisposalId, proposed);
            foreach (var e in decision.Events.OfType<CaseFileProposed>())
            {
                session.Events.Append(e.CaseFileId, e);
                session.Insert(new CaseFileOnProposal(e.CaseFileId, e.ProposalId, Movement.Disposal));
            }
        }
        return new(decision, decision.Refused ? null : new DisposalProposedResponse(context.Existing?.Id ?? decision.Events.OfType<DisposalProposed>().Single().DisposalId));
    }

    [WolverinePost("/api/disposals")]
    [Tags("Arsip")]
    [EndpointSummary("Propose a disposal (daftar arsip usul musnah) of berkas whose retention ended with final action musnah, naming the panitia penilai")]
    [EndpointDescription("Committee: at least 3 active people of the agency, including the head of the records centre (chair), the head of each unit whose berkas are listed, and an archivist (PP 28/2012). A held berkas, one already on an open proposal, or one with an open disposition: 409; one whose retention has not ended or whose final action is not musnah: 422; each berkas named.")]
    [ProducesResponseType<DisposalProposedResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<DisposalProposedResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(ProposeDisposal body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<DisposalProposedResponse>>(caller.Agency, new ProposeDisposalCommand(caller, body), ct);
        return outcome.Decision.ToResult(() => outcome.Decision.Events.Count == 0 ? Results.Ok(outcome.Value) : Results.Created(outcome.Value!.Url, outcome.Value));
    }
}
