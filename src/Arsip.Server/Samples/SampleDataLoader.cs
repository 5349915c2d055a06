using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Onboarding;
using Arsip.Organization;
using Arsip.ReferenceData;
using Wolverine.Runtime;

namespace Arsip.Samples;

/// <summary>Idempotent: what exists is skipped and unchanged reference data gets no new version; every change is a command sent to the handler a person's request reaches.</summary>
public sealed class SampleDataLoader(
    IConfiguration configuration, IDocumentStore store, IWolverineRuntime runtime, ArsipClock clock, ILogger<SampleDataLoader> logger) : IHostedService
{
    private readonly MessageBus bus = new(runtime);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task StartAsync(CancellationToken ct) =>
        string.IsNullOrWhiteSpace(configuration["Arsip:SampleData"]) ? Task.CompletedTask : LoadAsync(configuration["Arsip:SampleData"]!, withReferenceData: true, withLetters: true, ct);

    public async Task LoadAsync(string folder, bool withReferenceData, bool withLetters, CancellationToken ct)
    {
        var organization = await ReadAsync<SampleOrganization>(folder, "organization.json", ct);
        if (organization is null) return;

        await RegisterAgenciesAsync(organization.Agencies, ct);
        var positionsByAgency = new Dictionary<string, Dictionary<string, Guid>>();
        foreach (var agency in organization.Agencies)
            positionsByAgency[agency.Id] = await LoadOrganizationAsync(agency, organization.DemoPassword, ct);
        if (withReferenceData) await LoadReferenceDataAsync(folder, organization.Agencies.Select(a => a.Id), ct);

        var letters = withLetters ? await ReadAsync<SampleIncomingLetter[]>(folder, "incoming-letters.json", ct) ?? [] : [];
        var loaded = 0;
        foreach (var sample in letters)
        {
            var positions = positionsByAgency[sample.Agency];
            var letter = sample.Letter with
            {
                AddresseePositionId = positions[sample.Addressee],
                CopyToPositionIds = sample.CopyTo.Select(k => positions[k]).ToArray(),
            };
            await using var session = store.LightweightSession(sample.Agency);
            var key = IncomingLetterFingerprint.For(letter.Sender!, letter.SenderLetterNumber!, letter.LetterDate!.Value);
            if (await session.LoadAsync<IncomingLetterFingerprint>(key, ct) is not null) continue;
            var registrar = await Authentication.PrincipalAsync(store, clock, sample.Agency, s => s.Query<Person>().Where(p => p.UserName == sample.Registrar).FirstOrDefaultAsync(ct), "sample", ct)
                ?? throw new InvalidOperationException($"Sample registrar {sample.Registrar} missing in {sample.Agency}.");
            await IncomingLetterRegistration.RegisterInSessionAsync(letter, session, clock, Caller.From(registrar), ct);
            await session.SaveChangesAsync(ct);
            loaded++;
        }
        logger.LogInformation("Sample data: {Agencies} agencies, {Loaded} new of {Total} incoming letters", organization.Agencies.Length, loaded, letters.Length);
        if (withLetters && organization.Agencies.Any(a => a.Id == DeliveryFrom) && organization.Agencies.Any(a => a.Id == DeliveryTo)) await SendSampleDeliveryAsync(ct);
        if (withLetters) await LoadDemoCertificatesAsync(folder, ct);
    }

    private const string DeliveryFrom = "kota-bekasi", DeliveryTo = "kab-bekasi";
    public const string SampleDeliverySubject = "Undangan Rapat Koordinasi Penyusutan Arsip Antardaerah";

    /// <summary>One letter from Kota Bekasi to the Sekretaris Daerah of Kabupaten Bekasi, signed (QR, before the demo certificates are
    /// loaded) and dispatched: ops/run shows it arriving there with its signed PDF as the scan (#20). Once: found by its subject.</summary>
    private async Task SendSampleDeliveryAsync(CancellationToken ct)
    {
        await using (var session = store.QuerySession(DeliveryFrom))
            if (await session.Query<OutgoingLetterView>().AnyAsync(l => l.Content.Subject == SampleDeliverySubject, ct)) return;
        async Task<Caller> CallerAsync(string userName) => Caller.From(await Authentication.PrincipalAsync(store, clock, DeliveryFrom,
            s => s.Query<Person>().Where(p => p.UserName == userName).FirstOrDefaultAsync(ct), "sample", ct)
            ?? throw new InvalidOperationException($"Sample person {userName} missing in {DeliveryFrom}."));
        var (analis, sekda) = (await CallerAsync("analis"), await CallerAsync("sekda"));
        Guid signatory;
        await using (var session = store.QuerySession(DeliveryFrom))
            signatory = (await session.Query<Position>().Where(p => p.Title == "Sekretaris Daerah").FirstAsync(ct)).Id;
        var draft = new DraftOutgoingLetter(LetterKind.SuratDinas, "000.1.2", SecurityLevel.Biasa, Urgency.Segera, SampleDeliverySubject,
            "Dalam rangka penyusutan arsip inaktif di Depo Arsip Kota Bekasi, dengan hormat kami mengundang Saudara untuk hadir pada rapat koordinasi " +
            "antardaerah guna menyepakati jadwal pemindahan dan pemusnahan arsip yang telah habis masa retensinya.\n\n" +
            "Demikian disampaikan, atas perhatian dan kehadiran Saudara diucapkan terima kasih.",
            "-", [new Addressee("Sekretaris Daerah", Agency: DeliveryTo)], [], [], signatory);
        var steps = new List<Decision> { await bus.InvokeForTenantAsync<Decision>(DeliveryFrom, new DraftOutgoingLetterCommand(analis, draft), ct) };
        if (steps[^1].Events.OfType<OutgoingLetterDrafted>().SingleOrDefault()?.LetterId is { } id)
        {
            steps.Add(await bus.InvokeForTenantAsync<Decision>(DeliveryFrom, new SubmitOutgoingLetterCommand(id, analis), ct));
            if (!steps[^1].Refused) steps.Add(await bus.InvokeForTenantAsync<Decision>(DeliveryFrom, new SignOutgoingLetterCommand(id, sekda), ct));
            if (!steps[^1].Refused) steps.Add(await bus.InvokeForTenantAsync<Decision>(DeliveryFrom, new DispatchOutgoingLetterCommand(id, analis, new DispatchOutgoingLetter(null)), ct));
        }
        if (steps[^1].Refusal is { } problem) logger.LogWarning("Sample delivery to {Agency} not sent: {Problem}", DeliveryTo, problem.Detail ?? problem.Title);
        else logger.LogInformation("Sample delivery: a signed letter from {From} to {To}, with its PDF", DeliveryFrom, DeliveryTo);
    }

    /// <summary>The DEMO signing certificates of samples/signing for the demo signatories (ops/run); passphrase demo-tte-2026.</summary>
    private async Task LoadDemoCertificatesAsync(string folder, CancellationToken ct)
    {
        foreach (var (agency, userName, file) in new[] { ("kota-bekasi", "sekda", "demo-sekda-kota-bekasi"), ("kota-bekasi", "walikota", "demo-walikota-kota-bekasi") })
        {
            var path = Path.Combine(folder, "signing", $"{file}.p12");
            if (!File.Exists(path)) continue;
            await using (var session = store.QuerySession(agency))
            {
                var person = await session.Query<Person>().Where(p => p.UserName == userName).FirstOrDefaultAsync(ct);
                if (person is null || await session.LoadAsync<Signing.SigningKey>(person.Id, ct) is not null) continue;
            }
            var principal = await Authentication.PrincipalAsync(store, clock, agency, s => s.Query<Person>().Where(p => p.UserName == userName).FirstOrDefaultAsync(ct), "sample", ct);
            if (principal is null) continue;
            var caller = Caller.From(principal);
            var result = await bus.InvokeForTenantAsync<Signing.SigningCertificateResult>(agency,
                new Signing.UploadSigningCertificateCommand(caller.PersonId, caller, await File.ReadAllBytesAsync(path, ct), "demo-tte-2026"), ct);
            if (result.Refusal is { } refused) logger.LogWarning("Demo certificate {File} refused: {Detail}", file, refused.Detail);
        }
    }

    /// <summary>The demo agencies in the installation's registry (found by name at sign-in, suspended by the operator like any other).</summary>
    private async Task RegisterAgenciesAsync(IEnumerable<SampleAgency> agencies, CancellationToken ct)
    {
        await using var session = store.LightweightSession(Installation.Tenant);
        foreach (var agency in agencies)
            if (await session.Events.FetchStreamStateAsync(AgencyStreams.For(agency.Id), ct) is null)
                session.Events.StartStream<RegisteredAgency>(AgencyStreams.For(agency.Id),
                    new AgencyCreated(agency.Id, agency.Name, agency.Kind ?? AgencyKind.Lainnya, CalendarSettings.DefaultTimeZone, "admin", "sampel", clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
    }

    private async Task<Dictionary<string, Guid>> LoadOrganizationAsync(SampleAgency agency, string password, CancellationToken ct)
    {
        await using var session = store.QuerySession(agency.Id);
        Task<Guid> CreateAsync(Guid id, object command) => CreatedAsync(agency.Id, id, command, ct);
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Code, u => u.Id);
        foreach (var unit in agency.Units.Where(u => !units.ContainsKey(u.Code)))
        {
            var id = NewId();
            units[unit.Code] = await CreateAsync(id, new EstablishUnitCommand(id, new EstablishUnit(unit.Code, unit.Name, unit.Parent is null ? null : units[unit.Parent])));
        }

        var positions = new Dictionary<string, Guid>();
        var existing = await session.Query<Position>().ToListAsync(ct);
        foreach (var position in agency.Positions)
        {
            var unitId = units[position.Unit];
            var id = NewId();
            positions[position.Key] = existing.FirstOrDefault(p => p.Title == position.Title && p.UnitId == unitId)?.Id
                ?? await CreateAsync(id, new CreatePositionCommand(id,
                    new CreatePosition(position.Title, unitId, position.ReportsTo is null ? null : positions[position.ReportsTo], position.Roles)));
        }

        var people = (await session.Query<Person>().Select(p => p.UserName).ToListAsync(ct)).ToHashSet();
        foreach (var person in agency.People.Where(p => !people.Contains(p.UserName)))
        {
            var id = NewId();
            await CreateAsync(id, new RegisterPersonCommand(id, new RegisterPerson(person.UserName, person.FullName, person.Nip, person.Rank, password, positions[person.Position])));
        }
        return positions;
    }

    private Guid NewId() => Guid.CreateVersion7(clock.GetUtcNow());

    private async Task<Guid> CreatedAsync(string agency, Guid id, object command, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(agency, command, ct)).Refused
            ? throw new InvalidOperationException("Sample organization data was refused; check samples/organization.json.")
            : id;

    private async Task<T?> ReadAsync<T>(string folder, string name, CancellationToken ct)
    {
        var file = Path.Combine(folder, name);
        if (File.Exists(file)) return JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(file, ct), Json);
        logger.LogWarning("Sample data {File} not found; skipped", file);
        return default;
    }

    private async Task LoadReferenceDataAsync(string folder, IEnumerable<string> agencies, CancellationToken ct)
    {
        const string setBy = "sampel";
        var scheme = await ReadBytesAsync(Path.Combine(folder, "classification", "permendagri-83-2022.csv"), ct);
        var templates = await ReadJsonAsync<Dictionary<string, Dictionary<string, SetLetterNumberTemplate>>>(Path.Combine(folder, "reference", "templates.json"), ct);
        var letterheads = await ReadJsonAsync<Dictionary<string, Dictionary<string, SetLetterhead>>>(Path.Combine(folder, "reference", "letterheads.json"), ct);
        var calendar = await ReadJsonAsync<SetCalendar>(Path.Combine(folder, "reference", "calendar-2026.json"), ct);

        foreach (var agency in agencies)
        {
            var changes = 0;
            async Task SendAsync<T>(object command, string what)
            {
                var outcome = await bus.InvokeForTenantAsync<Outcome<T>>(agency, command, ct);
                if (outcome.Decision.Refusal is { } problem)
                    logger.LogWarning("Sample {What} for {Agency} is invalid; skipped: {Problem}", what, agency, problem.Detail ?? problem.Title);
                else if (outcome.Decision.Events.Count > 0) changes++;
            }

            if (scheme is not null)
                await SendAsync<ClassificationImportResponse>(new ImportClassificationSchemeCommand(
                    new ClassificationImport(scheme, SchemeFileFormat.Csv, "permendagri-83-2022.csv", false, null), setBy), "classification scheme");
            foreach (var (kind, template) in templates?.GetValueOrDefault(agency) ?? [])
                await SendAsync<LetterNumberTemplateResponse>(new SetLetterNumberTemplateCommand(kind, template, setBy), $"letter number template {kind}");
            foreach (var (key, sample) in letterheads?.GetValueOrDefault(agency) ?? [])
            {
                // the sample emblem is a PNG beside the file (lambang-contoh.png, drawn by lambang-contoh.py), named instead of inlined
                var letterhead = sample.Emblem is { } name && name.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
                    ? sample with { Emblem = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(folder, "reference", Path.GetFileName(name)), ct)) }
                    : sample;
                await SendAsync<LetterheadResponse>(new SetLetterheadCommand(key, letterhead, setBy), $"letterhead {key}");
            }
            if (calendar is not null) await SendAsync<CalendarResponse>(new SetCalendarCommand(calendar, setBy), "calendar");
            logger.LogInformation("Sample reference data for {Agency}: {Changes} new versions", agency, changes);
        }
    }

    private async Task<byte[]?> ReadBytesAsync(string file, CancellationToken ct)
    {
        if (File.Exists(file)) return await File.ReadAllBytesAsync(file, ct);
        logger.LogWarning("Sample data {File} not found; skipped", file);
        return null;
    }

    private async Task<T?> ReadJsonAsync<T>(string file, CancellationToken ct) where T : class =>
        await ReadBytesAsync(file, ct) is { } bytes ? JsonSerializer.Deserialize<T>(bytes, Json) : null;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private sealed record SampleOrganization(string DemoPassword, SampleAgency[] Agencies);
    private sealed record SampleAgency(string Id, string Name, AgencyKind? Kind, SampleUnit[] Units, SamplePosition[] Positions, SamplePerson[] People);
    private sealed record SampleUnit(string Code, string Name, string? Parent);
    private sealed record SamplePosition(string Key, string Title, string Unit, string? ReportsTo, Role[] Roles);
    private sealed record SamplePerson(string UserName, string FullName, string? Nip, string? Rank, string Position);
    private sealed record SampleIncomingLetter(string Agency, string Registrar, string Addressee, string[] CopyTo, RegisterIncomingLetter Letter);
}
