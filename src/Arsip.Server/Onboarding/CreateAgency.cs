using System.Reflection;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Onboarding;

/// <summary>The agency's first administrator: a person holding an Administrator position in the agency's first unit.</summary>
public sealed record FirstAdministrator(string? UserName, string? FullName, string? Nip, string? Password,
    string? UnitCode = null, string? UnitName = null, string? PositionTitle = null);

/// <summary>An uploaded classification scheme (CSV or JSON as on /api/classification/import); none: the bundled Permendagri 83/2022 default.</summary>
public sealed record ClassificationFile(string? FileName, string? ContentBase64);

public sealed record CreateAgency(string? Id, string? Name, AgencyKind? Kind, string? TimeZone, FirstAdministrator? Administrator,
    SetLetterhead? Letterhead = null, ClassificationFile? Classification = null);

public sealed record CreateAgencyCommand(CreateAgency Body, Guid UnitId, Guid PositionId, Guid PersonId, string CreatedBy);

public sealed record AgencyCreatedResponse(string Id, string Name, string AdministratorUserName);

/// <summary>The events of the new agency's own tenant, stream by stream, as the pure decision plans them.</summary>
public sealed record TenantStream(Guid Id, Type Aggregate, IReadOnlyList<object> Events);

public sealed record AgencySetup(IReadOnlyList<TenantStream> Streams);

public static class CreateAgencyHandler
{
    public const int MaximumNameLength = 200;
    public const string DefaultUnitCode = "Setda", DefaultUnitName = "Sekretariat", DefaultPositionTitle = "Administrator Arsip";
    private const string BundledScheme = "permendagri-83-2022.csv";

    /// <summary>
    /// The registry entry and everything the agency starts with (first unit, the administrator's position and person with a password to
    /// change at first sign-in, classification scheme, letterhead, calendar in its zone), decided by the same rules as each part's own use case.
    /// </summary>
    public static Outcome<AgencySetup> Decide(CreateAgencyCommand command, bool idTaken, ParsedScheme scheme, DateTimeOffset now, Func<string, string> hashPassword)
    {
        static Outcome<AgencySetup> Refuse(ProblemDetails problem) => new(Decision.Refuse(problem), null);
        var body = command.Body;
        var id = body.Id?.Trim() ?? "";
        if (!AgencyStreams.IsValidId(id))
            return Refuse(Problems.BadRequest("id", $"Kode instansi 3 sampai 40 karakter: huruf kecil, angka dan tanda hubung, mis. kab-garut; bukan '{Installation.Tenant}' " +
                                                   "(the agency id is 3 to 40 lower-case letters, digits and inner hyphens)."));
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaximumNameLength)
            return Refuse(Problems.BadRequest("name", $"Nama instansi wajib diisi, paling panjang {MaximumNameLength} karakter (name required, at most {MaximumNameLength} characters)."));
        if (body.Kind is not { } kind || !Enum.IsDefined(kind))
            return Refuse(Problems.BadRequest("kind", "Jenis instansi wajib dipilih (kind required)."));
        if (IndonesianZones.Resolve(body.TimeZone) is not { } zone)
            return Refuse(Problems.BadRequest("timeZone", "Zona waktu WIB, WITA atau WIT (time zone must be WIB, WITA or WIT)."));
        if (body.Administrator is not { } admin)
            return Refuse(Problems.BadRequest("administrator", "Administrator pertama wajib diisi (first administrator required)."));
        if (!scheme.IsValid) return Refuse(ImportClassificationSchemeHandler.InvalidFile(scheme.Errors));

        const string setBy = "operator";
        var unit = EstablishUnitHandler.Decide(new EstablishUnitCommand(command.UnitId,
            new EstablishUnit(Or(admin.UnitCode, DefaultUnitCode), Or(admin.UnitName, DefaultUnitName), null)), parentExists: false, codeTaken: false);
        var position = CreatePositionHandler.Decide(new CreatePositionCommand(command.PositionId,
            new CreatePosition(Or(admin.PositionTitle, DefaultPositionTitle), command.UnitId, null, [Role.Administrator])), unitExists: true, superiorExists: false);
        var person = RegisterPersonHandler.Decide(new RegisterPersonCommand(command.PersonId,
            new RegisterPerson(admin.UserName, admin.FullName, admin.Nip, null, admin.Password, command.PositionId)),
            positionExists: true, userNameTaken: false, DateOnly.FromDateTime(ArsipClock.ToLocal(now, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime), hashPassword);
        var letterhead = SetLetterheadHandler.Decide(new SetLetterheadCommand(Letterhead.AgencyKey,
            body.Letterhead ?? new SetLetterhead([name.ToUpperInvariant()]), setBy), null, now);
        var calendar = SetCalendarHandler.Decide(new SetCalendarCommand(new SetCalendar(null, zone, null, null), setBy), null, now);
        var classification = ImportClassificationSchemeHandler.Decide(new ImportClassificationSchemeCommand(
            new ClassificationImport([], SchemeFileFormat.Csv, body.Classification?.FileName ?? BundledScheme, false, null), setBy), null, scheme, now);
        foreach (var (part, field) in new (Decision, string?)[] { (unit, "administrator"), (position, "administrator"), (person, "administrator"), (letterhead, "letterhead"), (calendar, null), (classification, null) })
            if (part.Refusal is { } problem) return Refuse(Prefixed(problem, field));
        if (idTaken) return Refuse(Problems.Conflict($"Instansi {id} sudah ada (agency id already exists)."));

        return new(Decision.Accept(new AgencyCreated(id, name, kind, zone, admin.UserName!.Trim(), command.CreatedBy, now)), new AgencySetup(
        [
            new(command.UnitId, typeof(Unit), unit.Events),
            new(command.PositionId, typeof(Position), position.Events),
            new(command.PersonId, typeof(Person), [.. person.Events, new PasswordChangeRequired(command.PersonId)]),
            new(LetterheadView.StreamFor(Letterhead.AgencyKey), typeof(LetterheadView), letterhead.Events),
            new(ReferenceDataStreams.WorkingCalendarStream, typeof(WorkingCalendarView), calendar.Events),
            new(ReferenceDataStreams.ClassificationSchemeStream, typeof(ClassificationSchemeView), classification.Events),
        ]));

        static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
    }

    /// <summary>
    /// One transaction: the registry entry in the installation's tenant and the agency's first streams in its own
    /// (<c>ForTenant</c> shares this session's unit of work), so a half-made agency never exists.
    /// </summary>
    public static async Task<Decision> Handle(CreateAgencyCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var id = command.Body.Id?.Trim() ?? "";
        // an agency made before the registry (the sample loader's, on an older installation) has people already
        var idTaken = AgencyStreams.IsValidId(id) && (await session.Events.FetchStreamStateAsync(AgencyStreams.For(id), ct) is not null
                                                     || await session.ForTenant(id).Query<Person>().AnyAsync(ct));
        var outcome = Decide(command, idTaken, ParseScheme(command.Body.Classification), clock.GetUtcNow(), Credentials.Hash);
        if (outcome.Decision.Refused) return outcome.Decision;
        session.Events.StartStream<RegisteredAgency>(AgencyStreams.For(id), outcome.Decision.Events);
        var tenant = session.ForTenant(id);
        foreach (var stream in outcome.Value!.Streams.Where(s => s.Events.Count > 0))
            tenant.Events.StartStream(stream.Aggregate, stream.Id, [.. stream.Events]);
        return outcome.Decision;
    }

    [WolverinePost("/api/agencies")]
    [Tags("Instansi")]
    [EndpointSummary("Create an agency with its first administrator, letterhead, calendar zone and classification scheme (installation operator)")]
    [EndpointDescription("The administrator signs in with the initial password and must change it first. Without 'classification' the agency " +
                         "starts from the bundled scheme following Permendagri 83/2022.")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType<AgencyCreatedResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(CreateAgency body, [NotBody] Caller caller, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        var decision = await bus.CreateAgencyAsync(body, caller, clock, ct);
        return decision.ToResult(() => Results.Created($"/api/agencies/{body.Id!.Trim()}",
            new AgencyCreatedResponse(body.Id!.Trim(), body.Name!.Trim(), body.Administrator!.UserName!.Trim())));
    }

    /// <summary>What the endpoint and the operator's page both send.</summary>
    public static Task<Decision> CreateAgencyAsync(this IMessageBus bus, CreateAgency body, Caller caller, ArsipClock clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var command = new CreateAgencyCommand(body, Guid.CreateVersion7(now), Guid.CreateVersion7(now), Guid.CreateVersion7(now), caller.Name);
        return bus.InvokeForTenantAsync<Decision>(Installation.Tenant, command, ct);
    }

    public static ParsedScheme ParseScheme(ClassificationFile? file)
    {
        if (file?.ContentBase64 is not { Length: > 0 } base64) return ClassificationSchemeFile.Parse(BundledSchemeBytes.Value, SchemeFileFormat.Csv);
        byte[] content;
        try
        {
            content = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return new ParsedScheme([], new Dictionary<string, int>(), [new ImportError(0, "file", "Isi berkas bukan base64 (the file content is not base64).")]);
        }
        return ClassificationSchemeFile.Parse(content, ClassificationSchemeFile.DetectFormat(null, file.FileName, content));
    }

    /// <summary>samples/classification/permendagri-83-2022.csv, built into the server.</summary>
    public static readonly Lazy<byte[]> BundledSchemeBytes = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Arsip.{BundledScheme}")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static ProblemDetails Prefixed(ProblemDetails problem, string? prefix) =>
        prefix is not null && problem is ValidationProblemDetails v
            ? new ValidationProblemDetails(v.Errors.ToDictionary(e => $"{prefix}.{e.Key}", e => e.Value)) { Status = v.Status, Title = v.Title, Detail = v.Detail }
            : problem;
}
