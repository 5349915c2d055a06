using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using Wolverine.Runtime.Handlers;

namespace Arsip.Dispositions;

public sealed record DispositionRecipientChoice(Guid PositionId, bool Lead = false);

/// <summary>A client sending its own Id gets 409 on a resend instead of a second slip.</summary>
public sealed record IssueDisposition(
    Guid? Id,
    Guid? AsPositionId,
    DispositionRecipientChoice[]? Recipients,
    string[]? Instructions,
    string? Note,
    DateTimeOffset? Deadline);

public sealed record IssueDispositionResponse(Guid Id, DateTimeOffset Deadline) : CreationResponse($"/api/dispositions/{Id}");

public sealed record IssuingContext(
    Guid LetterId,
    Guid? ParentId,
    LetterSummary Letter,
    Position Issuer,
    Guid PersonId,
    string PersonName,
    ActingKind? Acting,
    IReadOnlyDictionary<Guid, Position> Positions,
    IReadOnlyList<Instruction> InstructionList,
    WorkingCalendar Calendar,
    Guid NewId,
    DateTimeOffset Now,
    bool AlreadyIssued = false);

public sealed record IssueDispositionCommand(Guid LetterId, Caller Caller, IssueDisposition Body);

public static class IssueDispositionHandler
{
    /// <summary>The letter may be appended to meanwhile (its first read by the addressee, a filing). A resent client Id is refused
    /// before any write (<see cref="IssuingContext.AlreadyIssued"/>), so only lost races are retried.</summary>
    public static void Configure(HandlerChain chain) => LostRaces.RetryLostRaces(chain);

    /// <summary>No context when the caller holds (or acts for) no position the letter is addressed to.</summary>
    public static Decision Decide(IssueDispositionCommand command, bool letterVisible, IssuingContext? context) =>
        !letterVisible ? Decision.Refuse(Problems.NotFound("Surat", command.LetterId))
        : context is null ? Decision.Refuse(DispositionProblems.Forbidden(
            "Disposisi pertama hanya dapat dibuat oleh jabatan yang dituju surat atau Plt/Plh-nya (only the addressee position, or whoever acts for it, issues the first disposition)."))
        : Decide(command.Body, context);

    public static Decision Decide(IssueDisposition command, IssuingContext context)
    {
        if (context.AlreadyIssued)
            return Decision.Refuse(Problems.Conflict(
                $"Disposisi {context.NewId} sudah dibuat; permintaan ganda (this disposition was already issued; a duplicate request)."));
        // every field's first problem at once, so a form can mark each field it has to send back
        var errors = new Dictionary<string, string[]>();
        var recipients = command.Recipients ?? [];
        var recipientError =
            recipients.Length == 0 ? "Penerima disposisi wajib diisi (at least one recipient)."
            : recipients.Length > 50 ? "Paling banyak 50 penerima (at most 50 recipients)."
            : recipients.Select(r => r.PositionId).Distinct().Count() != recipients.Length ? "Penerima tercantum lebih dari sekali (a recipient is listed twice)."
            : recipients.Count(r => r.Lead) > 1 ? "Hanya satu penerima dapat ditandai sebagai penanggung jawab (at most one lead)."
            : recipients.Any(r => r.PositionId == context.Issuer.Id) ? "Tidak dapat mendisposisi kepada jabatan sendiri (cannot dispose to oneself)."
            : recipients.FirstOrDefault(r => !context.Positions.ContainsKey(r.PositionId)) is { } unknown
                ? $"Jabatan tidak ada di instansi ini (position not in this agency): {unknown.PositionId}"
            : null;
        if (recipientError is not null) errors["recipients"] = [recipientError];
        var reportsTo = context.Positions.Values.ToDictionary(p => p.Id, p => p.ReportsTo);
        if (recipientError is null && recipients.FirstOrDefault(r => !ReportingLine.IsBelow(r.PositionId, context.Issuer.Id, reportsTo)) is { } outside)
            return Decision.Refuse(DispositionProblems.Forbidden(
                $"{context.Positions[outside.PositionId].Title} tidak berada di bawah garis komando {context.Issuer.Title} (not below the issuer in the reporting line)."));

        var instructions = (command.Instructions ?? []).Select(i => i.Trim().ToUpperInvariant()).Distinct().ToArray();
        var known = context.InstructionList.Select(i => i.Code).ToHashSet();
        if (instructions.Length == 0)
            errors["instructions"] = ["Isi disposisi wajib dipilih (at least one instruction code)."];
        else if (instructions.FirstOrDefault(i => !known.Contains(i)) is { } bad)
            errors["instructions"] = [$"Kode isi disposisi {bad} tidak ada dalam daftar instansi (instruction code not in the agency's list): {string.Join(", ", known)}"];
        if (command.Note?.Length > 2000)
            errors["note"] = ["Catatan paling banyak 2000 karakter (note at most 2000 characters)."];
        if (command.Deadline is { } explicitDeadline && explicitDeadline <= context.Now)
            errors["deadline"] = ["Batas waktu tidak boleh di masa lalu (the deadline is in the past)."];
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Permintaan tidak valid (invalid request)" });

        // working days are counted on the agency's calendar (Now carries the local offset); stored times are UTC
        var deadline = (command.Deadline ?? context.Calendar.DeadlineFor(context.Letter.Urgency, context.Now)).ToUniversalTime();
        var now = context.Now.ToUniversalTime();
        var issued = new DispositionIssued(
            context.NewId, context.LetterId, context.ParentId, context.Letter,
            context.Issuer.Id, context.Issuer.Title, context.PersonId, context.PersonName, context.Acting,
            recipients.Select(r => new DispositionRecipient(r.PositionId, context.Positions[r.PositionId].UnitId, context.Positions[r.PositionId].Title, r.Lead)).ToArray(),
            instructions, string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), deadline, now);
        var disposed = new LetterDisposed(context.LetterId, context.NewId, context.ParentId, context.Issuer.Id, issued.Recipients.Select(r => r.PositionId).ToArray(), now);
        return context.ParentId is { } parent
            ? Decision.Accept(issued, disposed, new DispositionForwarded(parent, context.NewId, context.Issuer.Id, context.PersonId, disposed.RecipientPositionIds, now))
            : Decision.Accept(issued, disposed);
    }

    public static async Task<Decision> Handle(
        IssueDispositionCommand command, IDocumentSession session, IMessageContext messages, ArsipClock clock, DispositionSettings settings, CancellationToken ct)
    {
        var letter = await session.LoadAsync<IncomingLetterView>(command.LetterId, ct);
        var visible = letter is not null && LetterAccess.CanSee(command.Caller, letter.AccessTokens);
        var issuer = visible ? DispositionIssuing.IssuerPosition(command.Caller, letter!.AddresseePositionId is { } a ? [a] : [], command.Body.AsPositionId) : null;
        var context = issuer is { } position
            ? await DispositionIssuing.LoadAsync(session, command.LetterId, DispositionIssuing.Summary(letter!), null, position, command.Body, command.Caller, clock, ct)
            : null;
        var decision = Decide(command, visible, context);
        await DispositionIssuing.AppendAsync(session, messages, command.Caller, decision, settings);
        // the first disposition of a letter from another agency goes back to its sender (Exchange decides whether, and sends it once)
        if (!decision.Refused && letter is { Origin: { } origin, DispositionCount: 0 })
            await messages.PublishAsync(new DeliveredLetterProgressed(letter.Id, origin, DeliveryProgress.Disposed, decision.Events.OfType<LetterDisposed>().Single().IssuedAt));
        return decision;
    }

    [WolverinePost("/api/letters/{id}/dispositions")]
    [Tags("Disposisi")]
    [EndpointSummary("Issue the first disposition on a letter: by its addressee position (or whoever acts for it)")]
    [ProducesResponseType<IssueDispositionResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Official)]
    public static async Task<IResult> Post(Guid id, IssueDisposition body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        DispositionIssuing.ToResult(await bus.InvokeForTenantAsync<Decision>(caller.Agency, new IssueDispositionCommand(id, caller, body), ct));
}

public static class DispositionIssuing
{
    public static Guid? IssuerPosition(Caller caller, IReadOnlyCollection<Guid> allowed, Guid? chosen) =>
        chosen is { } c
            ? caller.Positions.Contains(c) && allowed.Contains(c) ? c : null
            : caller.Positions.FirstOrDefault(allowed.Contains) is var p && p != Guid.Empty ? p : null;

    public static LetterSummary Summary(IncomingLetterView letter) =>
        new(letter.AgendaNumber, letter.AgendaYear, letter.Subject, letter.Sender, letter.SecurityLevel, letter.Urgency);

    public static async Task<IssuingContext> LoadAsync(
        IQuerySession session, Guid letterId, LetterSummary letter, Guid? parentId, Guid issuerPositionId, IssueDisposition command, Caller caller,
        ArsipClock clock, CancellationToken ct)
    {
        var calendar = (await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream, ct))?.Settings ?? CalendarSettings.Default;
        var time = AgencyTime.For(calendar);
        // the agency's wall clock: working days and "today" are its own, whatever zone the server runs in
        var now = time.ToLocal(clock.GetUtcNow());
        var today = time.Today(clock);
        var positions = (await session.Query<Position>().ToListAsync(ct)).ToDictionary(p => p.Id);
        var person = await session.LoadAsync<Person>(caller.PersonId, ct);
        var acting = person?.PositionId == issuerPositionId
            ? (ActingKind?)null
            : person?.Acting.LastOrDefault(a => a.PositionId == issuerPositionId && a.From <= today && today <= a.Until)?.Kind;
        var alreadyIssued = command.Id is { } id && await session.Events.FetchStreamStateAsync(id, ct) is not null;
        return new IssuingContext(letterId, parentId, letter, positions[issuerPositionId], caller.PersonId, caller.Name, acting, positions,
            await DispositionInstructionList.ForAgencyAsync(session, ct), calendar.ToCalendar(),
            command.Id ?? Guid.CreateVersion7(now), now, alreadyIssued);
    }

    /// <summary>The reminders go out with the transaction (outbox).</summary>
    public static async Task AppendAsync(IDocumentSession session, IMessageBus messages, Caller caller, Decision decision, DispositionSettings settings)
    {
        if (decision.Refused) return;
        var issued = decision.Events.OfType<DispositionIssued>().Single();
        session.Events.StartStream<Disposition>(issued.DispositionId, issued);
        session.Events.Append(issued.LetterId, decision.Events.OfType<LetterDisposed>().Single());
        await DispositionReminders.ScheduleAsync(messages, caller.Agency, issued, issued.IssuedAt, settings);
    }

    public static IResult ToResult(Decision decision) => decision.ToResult(() =>
    {
        var issued = decision.Events.OfType<DispositionIssued>().Single();
        return Results.Created($"/api/dispositions/{issued.DispositionId}", new IssueDispositionResponse(issued.DispositionId, issued.Deadline));
    });
}
