using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Correspondence;

public sealed record DraftOutgoingLetter(
    LetterKind? Kind, string? Classification, SecurityLevel? SecurityLevel, Urgency? Urgency, string? Subject, string? Body,
    string? Attachments, Addressee[]? Addressees, Addressee[]? CopyTo, Guid[]? Reviewers, Guid? SignatoryPositionId, LetterStructure? Structure = null)
{
    /// <summary>People chosen from the organization are not filled in yet: see <see cref="DraftReferences.ContentOf"/>.</summary>
    public LetterContent Content => new(Kind!.Value, Classification!.Trim(), SecurityLevel!.Value, Urgency!.Value, Subject!.Trim(), (Body ?? "").Trim(),
        string.IsNullOrWhiteSpace(Attachments) ? null : Attachments.Trim(), Addressees!.Select(Trimmed).ToArray(), (CopyTo ?? []).Select(Trimmed).ToArray(),
        LetterKinds.Normalize(Kind!.Value, Structure));

    private static Addressee Trimmed(Addressee a) => a with { Name = a.Name.Trim(), Agency = a.Agency?.Trim(), Address = a.Address?.Trim() };
}

public sealed record DraftOutgoingLetterResponse(Guid Id) : CreationResponse($"/api/outgoing-letters/{Id}");

public sealed record DraftOutgoingLetterCommand(Caller Caller, DraftOutgoingLetter Draft);

public static class DraftOutgoingLetterHandler
{
    public static Decision Decide(DraftOutgoingLetterCommand command, DraftReferences references, Unit? drafterUnit, Guid id, DateTimeOffset now)
    {
        if (OutgoingDrafts.Refusal(command.Draft, references) is { } refused) return Decision.Refuse(refused);
        var (draft, caller) = (command.Draft, command.Caller);
        return Decision.Accept(new OutgoingLetterDrafted(
            id, references.ContentOf(draft), draft.Reviewers ?? [], draft.SignatoryPositionId!.Value, caller.PersonId, caller.Name, drafterUnit?.Id, drafterUnit?.Code, now));
    }

    public static async Task<Decision> Handle(DraftOutgoingLetterCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (OutgoingDrafts.FieldRefusal(command.Draft) is { } invalid) return Decision.Refuse(invalid);
        var references = await DraftReferences.ReadAsync(session, command.Draft, ct);
        var unit = command.Caller.Units.Count > 0 ? await session.LoadAsync<Unit>(command.Caller.Units[0], ct) : null;
        var now = clock.GetUtcNow();
        var decision = Decide(command, references, unit, Guid.CreateVersion7(now), now);
        if (decision.Events is [OutgoingLetterDrafted drafted]) session.Events.StartStream<OutgoingLetter>(drafted.LetterId, drafted);
        return decision;
    }

    [WolverinePost("/api/outgoing-letters")]
    [Tags("Surat keluar")]
    [EndpointSummary("Draft an outgoing letter (surat keluar) with its reviewers in order and its signatory")]
    [ProducesResponseType<DraftOutgoingLetterResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(DraftOutgoingLetter draft, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new DraftOutgoingLetterCommand(caller, draft), ct);
        return decision.ToResult(() => OutgoingDrafts.Created(decision));
    }
}

public sealed record DraftReferences(ProblemDetails? UnknownClassification, IReadOnlySet<Guid> ExistingPositions)
{
    public static readonly DraftReferences None = new(null, new HashSet<Guid>());

    /// <summary>The people a structure names by id, as the organization records them now.</summary>
    public IReadOnlyDictionary<Guid, Person> People { get; init; } = new Dictionary<Guid, Person>();
    public IReadOnlyDictionary<Guid, Position> PeoplesPositions { get; init; } = new Dictionary<Guid, Position>();
    /// <summary>The signing position's superiors, nearest first, as far as an a.n. or u.b. form needs them.</summary>
    public IReadOnlyList<Position> SignatorySuperiors { get; init; } = [];

    public LetterContent ContentOf(DraftOutgoingLetter draft)
    {
        var content = draft.Content;
        return content with { Structure = LetterKinds.Resolve(content.Structure, People, PeoplesPositions) };
    }

    public static async Task<DraftReferences> ReadAsync(IQuerySession session, DraftOutgoingLetter draft, CancellationToken ct)
    {
        var named = OutgoingDrafts.NamedPositions(draft);
        var found = await session.Query<Position>().Where(p => named.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var personIds = (draft.Structure?.People ?? []).Where(p => p.PersonId is not null).Select(p => p.PersonId!.Value).Distinct().ToArray();
        var people = personIds.Length == 0 ? [] : await session.Query<Person>().Where(p => personIds.Contains(p.Id)).ToListAsync(ct);
        var held = people.Where(p => p.PositionId is not null).Select(p => p.PositionId!.Value).Distinct().ToArray();
        var positions = held.Length == 0 ? [] : await session.Query<Position>().Where(p => held.Contains(p.Id)).ToListAsync(ct);
        var form = draft.Structure?.OnBehalf;
        var superiors = form is null ? [] : await SigningOnBehalf.SuperiorsAsync(session, await session.LoadAsync<Position>(draft.SignatoryPositionId!.Value, ct), form, ct);
        return new(await ClassificationInScheme.RefusalAsync(session, draft.Classification!, ct), found.ToHashSet())
        {
            People = people.ToDictionary(p => p.Id), PeoplesPositions = positions.ToDictionary(p => p.Id), SignatorySuperiors = superiors,
        };
    }
}

public static class OutgoingDrafts
{
    /// <summary><paramref name="structured"/> is false for a letter signed on paper: its structure is on the paper, the body says what it is.</summary>
    public static ProblemDetails? FieldRefusal(DraftOutgoingLetter? draft, bool structured = true)
    {
        if (draft is null) return Problems.BadRequest("draft", "Draf wajib diisi (draft required).");
        var errors = new Dictionary<string, string[]>();
        if (draft.Kind is null) errors["kind"] = ["Jenis naskah wajib diisi (kind required)."];
        if (string.IsNullOrWhiteSpace(draft.Classification) || !ClassificationCode.IsWellFormed(draft.Classification.Trim()))
            errors["classification"] = ["Kode klasifikasi wajib, berupa angka bertitik (dotted classification code required)."];
        if (draft.SecurityLevel is null) errors["securityLevel"] = ["Sifat surat wajib diisi (security level required)."];
        if (draft.Urgency is null) errors["urgency"] = ["Derajat kecepatan wajib diisi (urgency required)."];
        if (string.IsNullOrWhiteSpace(draft.Subject) || draft.Subject.Length > 1000) errors["subject"] = ["Hal wajib diisi, paling banyak 1000 karakter (subject required)."];
        if (draft.Body?.Length > 200_000 || (string.IsNullOrWhiteSpace(draft.Body) && (!structured || draft.Kind is not { } kind || LetterKinds.NeedsBody(kind))))
            errors["body"] = ["Isi surat wajib diisi (body required)."];
        if (structured && draft.Kind is { } drafted) LetterKinds.Validate(drafted, draft.Structure, errors);
        if (draft.Addressees is not { Length: > 0 }) errors["addressees"] = ["Paling sedikit satu tujuan (at least one addressee)."];
        if ((draft.Addressees ?? []).Concat(draft.CopyTo ?? []).Any(a => string.IsNullOrWhiteSpace(a.Name)))
            errors["addressees"] = ["Setiap tujuan dan tembusan wajib bernama (every addressee needs a name)."];
        if ((draft.Addressees ?? []).Concat(draft.CopyTo ?? []).Any(a => a.Agency is not null && !AgencyId.IsWellFormed(a.Agency)))
            errors["addressees"] = ["Kode instansi tujuan tidak valid (malformed agency id)."];
        if (draft.SignatoryPositionId is null) errors["signatoryPositionId"] = ["Penandatangan wajib diisi (signatory required)."];
        if (draft.Reviewers is { } reviewers && reviewers.Distinct().Count() != reviewers.Length)
            errors["reviewers"] = ["Pemaraf tidak boleh berulang (reviewers must be distinct)."];
        return errors.Count > 0
            ? new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Draf surat keluar tidak valid (invalid draft)" }
            : null;
    }

    public static ProblemDetails? Refusal(DraftOutgoingLetter? draft, DraftReferences references, bool structured = true)
    {
        if (FieldRefusal(draft, structured) is { } invalid) return invalid;
        if (references.UnknownClassification is { } unknownCode) return unknownCode;
        var missing = NamedPositions(draft!).Where(p => !references.ExistingPositions.Contains(p)).ToList();
        if (missing.Count > 0)
            return Problems.BadRequest("positions", $"Jabatan tidak ada di instansi ini (positions not in this agency): {string.Join(", ", missing)}");
        var content = references.ContentOf(draft!);
        return LetterKinds.PeopleRefusal(content.Kind, content.Structure, references.People, requireNip: structured)
            ?? SigningOnBehalf.Refusal(content.Structure?.OnBehalf, references.SignatorySuperiors);
    }

    public static Guid[] NamedPositions(DraftOutgoingLetter draft) =>
        (draft.Reviewers ?? []).Append(draft.SignatoryPositionId!.Value)
            .Concat(draft.Addressees!.Concat(draft.CopyTo ?? []).Where(a => a.Agency is null && a.PositionId is not null).Select(a => a.PositionId!.Value))
            .Distinct().ToArray();

    internal static IResult Created(Decision decision)
    {
        var id = decision.Events.OfType<OutgoingLetterDrafted>().Single().LetterId;
        return Results.Created($"/api/outgoing-letters/{id}", new DraftOutgoingLetterResponse(id));
    }
}

/// <summary>Agency ids are tenant ids: lower-case letters, digits and dashes.</summary>
public static class AgencyId
{
    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 50 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
