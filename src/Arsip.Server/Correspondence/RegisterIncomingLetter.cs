using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using JasperFx;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arsip.Correspondence;

public sealed record RegisterIncomingLetter(
    string? Sender,
    string? SenderLetterNumber,
    DateOnly? LetterDate,
    DateOnly? ReceivedOn,
    string? Subject,
    string? Classification,
    SecurityLevel? SecurityLevel,
    Urgency? Urgency,
    string? Attachments = null,
    string? Remarks = null,
    Guid? AddresseePositionId = null,
    Guid[]? CopyToPositionIds = null,
    bool ConfirmedDistinct = false);

public sealed record RegisterIncomingLetterResponse(Guid Id, int AgendaNumber, int AgendaYear)
    : CreationResponse($"/api/incoming-letters/{Id}");

/// <summary>Catches a second registration of one sender's letter even under a race.</summary>
public sealed record IncomingLetterFingerprint(string Id, Guid LetterId)
{
    public static string For(string sender, string number, DateOnly letterDate) =>
        $"{Normalize(sender)}|{Normalize(number)}|{letterDate:yyyy-MM-dd}";

    private static string Normalize(string value) =>
        string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

public sealed record Addressees(Position? Addressee, IReadOnlyList<Position> Copies);

/// <summary>Read in one round trip, shared by validation and the write; the scheme itself comes back only to refuse a code outside it.</summary>
public sealed record RegistrationLookup(
    Addressees Addressees, IReadOnlyList<Guid> UnknownPositions, string AgendaSequence, Guid? RegisteredAs, ProblemDetails? ClassificationRefusal = null);

public static class IncomingLetterRegistration
{
    public static async Task<RegistrationLookup> LoadAsync(RegisterIncomingLetter command, IQuerySession session, Caller caller, CancellationToken ct)
    {
        var ids = (command.CopyToPositionIds ?? []).Append(command.AddresseePositionId ?? Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToArray();
        var batch = session.CreateBatchQuery();
        var positions = ids.Length == 0 ? null : batch.LoadMany<Position>().ById(ids);
        var numbering = batch.Load<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream);
        var fingerprint = command is { ConfirmedDistinct: false, Sender: { } sender, SenderLetterNumber: { } number, LetterDate: { } letterDate }
            ? batch.Load<IncomingLetterFingerprint>(IncomingLetterFingerprint.For(sender, number, letterDate))
            : null;
        var code = command.Classification?.Trim();
        var outsideScheme = code is { Length: > 0 } && ClassificationCode.IsWellFormed(code) ? ClassificationInScheme.SchemeLackingAsync(batch, session.TenantId, code) : null;
        await batch.Execute(ct);

        IReadOnlyList<Position> found = positions is null ? [] : await positions;
        var addressees = new Addressees(
            found.FirstOrDefault(p => p.Id == command.AddresseePositionId),
            found.Where(p => command.CopyToPositionIds?.Contains(p.Id) == true).ToList());
        var sequence = AgendaNumberingView.SequenceFor(await numbering, caller.Units.Count > 0 ? caller.Units[0] : null);
        var refusal = outsideScheme is not null && await outsideScheme is [var scheme, ..] ? ClassificationInScheme.Refusal(scheme.Classes, code!) : null;
        return new RegistrationLookup(addressees, ids.Except(found.Select(p => p.Id)).ToList(), sequence, fingerprint is null ? null : (await fingerprint)?.LetterId, refusal);
    }

    public static ProblemDetails? Validate(RegisterIncomingLetter command, RegistrationLookup lookup, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value)) errors[field] = [$"{field} wajib diisi (required)."];
            else if (value.Length > max) errors[field] = [$"{field} paling banyak {max} karakter (at most {max} characters)."];
        }

        Require("sender", command.Sender, 300);
        Require("senderLetterNumber", command.SenderLetterNumber, 100);
        Require("subject", command.Subject, 1000);
        Require("classification", command.Classification, 40);
        if (command.Classification is { Length: > 0 } code && !ClassificationCode.IsWellFormed(code))
            errors["classification"] = ["Kode klasifikasi harus berupa angka bertitik, mis. 000.1.2 (dotted digits, e.g. 000.1.2)."];
        if (command.LetterDate is null) errors["letterDate"] = ["letterDate wajib diisi (required)."];
        else if (command.LetterDate > today) errors["letterDate"] = ["Tanggal surat tidak boleh di masa depan (letter date is in the future)."];
        if (command.ReceivedOn is null) errors["receivedOn"] = ["receivedOn wajib diisi (required)."];
        else if (command.ReceivedOn > today) errors["receivedOn"] = ["Tanggal terima tidak boleh di masa depan (received date is in the future)."];
        else if (command.LetterDate is { } letterDate && command.ReceivedOn < letterDate)
            errors["receivedOn"] = ["Tanggal terima sebelum tanggal surat (received before the letter was dated)."];
        if (command.SecurityLevel is null) errors["securityLevel"] = ["securityLevel wajib diisi: Biasa, Terbatas, Rahasia, SangatRahasia."];
        if (command.Urgency is null) errors["urgency"] = ["urgency wajib diisi: Biasa, Segera, SangatSegera."];
        if (command.Attachments?.Length > 300) errors["attachments"] = ["attachments paling banyak 300 karakter (at most 300 characters)."];
        if (command.Remarks?.Length > 2000) errors["remarks"] = ["remarks paling banyak 2000 karakter (at most 2000 characters)."];
        if (command.CopyToPositionIds?.Length > 50) errors["copyToPositionIds"] = ["Paling banyak 50 tembusan (at most 50 copies)."];
        if (errors.Count > 0)
            return new ValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Data surat masuk tidak valid (invalid incoming letter)",
            };
        if (lookup.ClassificationRefusal is { } unknownCode) return unknownCode;

        if (lookup.UnknownPositions.Count > 0)
            return Problems.BadRequest(lookup.UnknownPositions.Contains(command.AddresseePositionId ?? Guid.Empty) ? "addresseePositionId" : "copyToPositionIds",
                $"Jabatan tidak ada di instansi ini (position not in this agency): {string.Join(", ", lookup.UnknownPositions)}");
        return lookup.RegisteredAs is { } existing ? Problems.DuplicateLetter(existing) : null;
    }

    /// <summary>The agenda number is taken in the caller's open transaction and held until it commits.</summary>
    public static async Task<IncomingLetterRegistered> RegisterInSessionAsync(
        RegisterIncomingLetter command, IDocumentSession session, ArsipClock clock, Caller caller, CancellationToken ct)
    {
        var lookup = await LoadAsync(command, session, caller, ct);
        var agendaNumber = await Sequences.NextAsync(session, lookup.AgendaSequence, command.ReceivedOn!.Value.Year, ct);
        var now = clock.GetUtcNow();
        var registered = Register(command, lookup.Addressees, caller, Guid.CreateVersion7(now), agendaNumber, now);
        return (IncomingLetterRegistered)Stage(session, Decision.Accept(registered), agendaNumber, command.ConfirmedDistinct).Events[0];
    }

    public static async Task<string> AgendaSequenceAsync(IQuerySession session, Caller registrar, CancellationToken ct) =>
        AgendaSequence(await session.LoadAsync<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream, ct), registrar);

    /// <summary>Agencies that number per registry unit use the registrar's unit's book.</summary>
    public static string AgendaSequence(AgendaNumberingView? numbering, Caller registrar) =>
        AgendaNumberingView.SequenceFor(numbering, registrar.Units.Count > 0 ? registrar.Units[0] : null);

    public static Decision Stage(IDocumentSession session, Decision decision, int agendaNumber, bool confirmedDistinct)
    {
        var registered = decision.Events.OfType<IncomingLetterRegistered>().Single() with { AgendaNumber = agendaNumber };
        var events = decision.Events.Select(e => e is IncomingLetterRegistered ? registered : e).ToArray();
        session.Events.StartStream<IncomingLetter>(registered.LetterId, events);
        if (!confirmedDistinct)
            session.Insert(new IncomingLetterFingerprint(
                IncomingLetterFingerprint.For(registered.Sender, registered.SenderLetterNumber, registered.LetterDate), registered.LetterId));
        return Decision.Accept(events);
    }

    /// <summary>Through the group commit, not Wolverine's transaction: registrations waiting for the same agenda counter share one commit; a twin that committed first makes this a duplicate.</summary>
    public static async Task<Decision> CommitAsync(
        GroupCommit commits, IQuerySession session, Caller caller, RegisterIncomingLetter letter, RegistrationLookup lookup, Decision decision, CancellationToken ct)
    {
        if (decision.Refused) return decision;
        try
        {
            return await commits.RunAsync(caller.Agency, lookup.AgendaSequence, letter.ReceivedOn!.Value.Year,
                (writing, agendaNumber) => Stage(writing, decision, agendaNumber, letter.ConfirmedDistinct));
        }
        catch (DocumentAlreadyExistsException) when (!letter.ConfirmedDistinct)
        {
            var fingerprint = IncomingLetterFingerprint.For(letter.Sender!, letter.SenderLetterNumber!, letter.LetterDate!.Value);
            if (await session.LoadAsync<IncomingLetterFingerprint>(fingerprint, ct) is not { } winner) throw;
            return Decision.Refuse(Problems.DuplicateLetter(winner.LetterId));
        }
    }

    public static IncomingLetterRegistered Register(
        RegisterIncomingLetter command, Addressees addressees, Caller registrar, Guid id, int agendaNumber, DateTimeOffset now) => new(
        id,
        agendaNumber,
        command.ReceivedOn!.Value.Year,
        command.Sender!.Trim(),
        command.SenderLetterNumber!.Trim(),
        command.LetterDate!.Value,
        command.ReceivedOn.Value,
        command.Subject!.Trim(),
        command.Classification!.Trim(),
        command.SecurityLevel!.Value,
        command.Urgency!.Value,
        string.IsNullOrWhiteSpace(command.Attachments) ? null : command.Attachments.Trim(),
        string.IsNullOrWhiteSpace(command.Remarks) ? null : command.Remarks.Trim(),
        addressees.Addressee?.Id,
        addressees.Addressee?.UnitId,
        addressees.Copies.Select(p => p.Id).ToArray(),
        addressees.Copies.Select(p => p.UnitId).Distinct().ToArray(),
        registrar.PersonId,
        registrar.Units.Count > 0 ? registrar.Units[0] : null,
        registrar.Name,
        now);
}

public sealed record RegisterIncomingLetterCommand(Caller Caller, RegisterIncomingLetter Letter);

public static class RegisterIncomingLetterHandler
{
    /// <summary>Agenda number 0: the group commit gives the number when it stages it.</summary>
    public static Decision Decide(RegisterIncomingLetterCommand command, RegistrationLookup lookup, DateOnly today, DateTimeOffset now, Guid id) =>
        IncomingLetterRegistration.Validate(command.Letter, lookup, today) is { } refusal
            ? Decision.Refuse(refusal)
            : Decision.Accept(IncomingLetterRegistration.Register(command.Letter, lookup.Addressees, command.Caller, id, 0, now));

    public static async Task<Decision> Handle(RegisterIncomingLetterCommand command, IQuerySession session, GroupCommit commits, ArsipClock clock, CancellationToken ct)
    {
        var lookup = await IncomingLetterRegistration.LoadAsync(command.Letter, session, command.Caller, ct);
        var now = clock.GetUtcNow();
        var decision = Decide(command, lookup, clock.Today, now, Guid.CreateVersion7(now));
        return await IncomingLetterRegistration.CommitAsync(commits, session, command.Caller, command.Letter, lookup, decision, ct);
    }

    [WolverinePost("/api/incoming-letters")]
    [Tags("Surat masuk")]
    [EndpointSummary("Register an incoming letter (surat masuk) and give it an agenda number")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<Results<Created<RegisterIncomingLetterResponse>, ProblemHttpResult>> Post(
        RegisterIncomingLetter command, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RegisterIncomingLetterCommand(caller, command), ct);
        if (decision.Refusal is { } refusal) return TypedResults.Problem(refusal);
        var registered = Registered(decision);
        return TypedResults.Created(registered.Url, registered);
    }

    public static RegisterIncomingLetterResponse Registered(Decision decision)
    {
        var e = decision.Events.OfType<IncomingLetterRegistered>().Single();
        return new(e.LetterId, e.AgendaNumber, e.AgendaYear);
    }
}
