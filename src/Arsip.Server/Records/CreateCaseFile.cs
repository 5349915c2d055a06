using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>Open a berkas in a unit's daftar berkas. <c>Id</c> is optional: a client that sends its own id gets the same berkas
/// back (200) on a resend with the same content, and 409 when the content differs.</summary>
public sealed record CreateCaseFile(
    Guid? Id,
    Guid? UnitId,
    string? Classification,
    string? Title,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    string? Description,
    SecurityLevel? SecurityLevel,
    bool Vital = false);

public sealed record CreateCaseFileResponse(Guid Id, Guid UnitId, int Year, int Number) : CreationResponse($"/api/case-files/{Id}");

public sealed record CreateCaseFileCommand(Caller Caller, CreateCaseFile Body);

/// <summary>What creating needs besides the command: the unit, the scheme's classes (null: no scheme), a berkas with the same id.</summary>
public sealed record CreatingContext(Unit? Unit, IReadOnlyList<ClassificationClass>? Classes, CaseFile? Existing, Guid NewId, DateOnly Today, DateTimeOffset Now);

public static class CreateCaseFileHandler
{
    public const int MaxTitle = 500;
    public const int MaxDescription = 4000;

    /// <summary>The decision; the event's number is 0 here: the handler takes it from the unit's counter only once accepted, so a
    /// refusal never uses up a number. A resend of an existing berkas is accepted with no events.</summary>
    public static Decision Decide(CreateCaseFileCommand command, CreatingContext context)
    {
        var body = command.Body;
        var errors = new Dictionary<string, string[]>();
        if (body.UnitId is null) errors["unitId"] = ["Unit wajib dipilih (unitId is required)."];
        var code = body.Classification?.Trim();
        if (string.IsNullOrEmpty(code)) errors["classification"] = ["Kode klasifikasi wajib diisi (required)."];
        else if (!ClassificationCode.IsWellFormed(code))
            errors["classification"] = ["Kode klasifikasi harus berupa angka bertitik, mis. 000.1.2 (dotted digits, e.g. 000.1.2)."];
        var title = body.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors["title"] = ["Uraian informasi (judul) wajib diisi (title is required)."];
        else if (title.Length > MaxTitle) errors["title"] = [$"Judul paling banyak {MaxTitle} karakter (at most {MaxTitle} characters)."];
        if (body.Description?.Length > MaxDescription)
            errors["description"] = [$"Keterangan paling banyak {MaxDescription} karakter (at most {MaxDescription} characters)."];
        if (body.PeriodFrom is { } from && body.PeriodTo is { } to && from > to)
            errors["periodTo"] = ["Akhir kurun waktu sebelum awalnya (the period ends before it starts)."];
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Data berkas tidak valid (invalid berkas)" });

        if (context.Unit is null) return Decision.Refuse(Problems.BadRequest("unitId", $"Unit tidak ada di instansi ini (unit not in this agency): {body.UnitId}"));
        if (!CaseFileRules.CanWork(command.Caller, context.Unit.Id)) return Decision.Refuse(CaseFileRules.Forbidden);
        if (context.Classes is null)
            return Decision.Refuse(Problems.Conflict("Instansi belum mempunyai skema klasifikasi; impor skema dahulu (the agency has no classification scheme yet)."));
        if (ClassificationInScheme.Refusal(context.Classes, code!) is { } unknown) return Decision.Refuse(unknown);
        var cls = context.Classes.First(c => c.Code == code);

        var created = new CaseFileCreated(
            context.NewId, context.Unit.Id, context.Today.Year, 0, code!, title!, body.PeriodFrom, body.PeriodTo,
            CaseFileRules.Reason(body.Description), body.SecurityLevel ?? cls.DefaultSecurityLevel ?? SecurityLevel.Biasa, body.Vital,
            command.Caller.PersonId, command.Caller.Name, context.Now);
        if (context.Existing is { } existing)
            return SameContent(existing, created)
                ? Decision.Accept()
                : Decision.Refuse(Problems.Conflict($"Berkas dengan id {existing.Id} sudah ada dengan isi berbeda (a berkas with this id exists with different content)."));
        return Decision.Accept(created);
    }

    private static bool SameContent(CaseFile f, CaseFileCreated e) =>
        f.UnitId == e.UnitId && f.Classification == e.Classification && f.Title == e.Title && f.PeriodFrom == e.PeriodFrom &&
        f.PeriodTo == e.PeriodTo && f.Description == e.Description && f.SecurityLevel == e.SecurityLevel && f.Vital == e.Vital;

    public static async Task<Outcome<CreateCaseFileResponse>> Handle(CreateCaseFileCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var body = command.Body;
        var batch = session.CreateBatchQuery();
        var unit = body.UnitId is { } u ? batch.Load<Unit>(u) : Task.FromResult<Unit?>(null);
        var scheme = batch.Load<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream);
        var existing = body.Id is { } id ? batch.Load<CaseFile>(id) : Task.FromResult<CaseFile?>(null);
        var calendar = batch.Load<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream);
        await batch.Execute(ct);
        var now = clock.GetUtcNow();
        var today = AgencyTime.For((await calendar)?.Settings).Today(clock);
        var context = new CreatingContext(await unit, (await scheme)?.Classes, await existing, body.Id ?? Guid.CreateVersion7(now), today, now);
        var decision = Decide(command, context);
        if (decision.Refused) return new(decision, null);
        if (decision.Events.Count == 0)
        {
            var f = context.Existing!;
            return new(decision, new(f.Id, f.UnitId, f.Year, f.Number));
        }
        // the number is taken in this transaction and held until it commits: no gap, no repeat
        var created = (CaseFileCreated)decision.Events[0];
        created = created with { Number = await Sequences.NextAsync(session, SequenceName(created.UnitId), created.Year, ct) };
        session.Events.StartStream<CaseFile>(created.CaseFileId, created);
        return new(Decision.Accept(created), new(created.CaseFileId, created.UnitId, created.Year, created.Number));
    }

    /// <summary>Each unit's daftar berkas counts on its own, per (agency-local) year.</summary>
    public static string SequenceName(Guid unitId) => $"berkas:{unitId:N}";

    [WolverinePost("/api/case-files")]
    [Tags("Arsip")]
    [EndpointSummary("Open a berkas in a unit's daftar berkas (numbered per unit and year); a resend with the same id answers 200")]
    [ProducesResponseType<CreateCaseFileResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<CreateCaseFileResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(CreateCaseFile body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<CreateCaseFileResponse>>(caller.Agency, new CreateCaseFileCommand(caller, body), ct);
        return outcome.Decision.ToResult(() => outcome.Decision.Events.Count == 0
            ? Results.Ok(outcome.Value)
            : Results.Created(outcome.Value!.Url, outcome.Value));
    }
}
