using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using Marten;

namespace Arsip.Samples;

/// <summary>
/// Loads the demo data from <c>samples/</c> when <c>Arsip:SampleData</c> names that folder: three
/// agencies with their units, positions and people, their reference data (classification scheme,
/// letter number templates, letterheads, calendar), then sample letters. Idempotent: what exists
/// (same unit code, position title, user name, or letter fingerprint) is skipped and unchanged
/// reference data gets no new version. Every change goes through the endpoint code a person would use.
/// </summary>
public sealed class SampleDataLoader(
    IConfiguration configuration, IDocumentStore store, ArsipClock clock, ILogger<SampleDataLoader> logger) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task StartAsync(CancellationToken ct) =>
        string.IsNullOrWhiteSpace(configuration["Arsip:SampleData"]) ? Task.CompletedTask : LoadAsync(configuration["Arsip:SampleData"]!, withReferenceData: true, withLetters: true, ct);

    public async Task LoadAsync(string folder, bool withReferenceData, bool withLetters, CancellationToken ct)
    {
        var organization = await ReadAsync<SampleOrganization>(folder, "organization.json", ct);
        if (organization is null) return;

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
            await RegisterIncomingLetterEndpoint.RegisterInSessionAsync(letter, session, clock, Caller.From(registrar), ct);
            await session.SaveChangesAsync(ct);
            loaded++;
        }
        logger.LogInformation("Sample data: {Agencies} agencies, {Loaded} new of {Total} incoming letters", organization.Agencies.Length, loaded, letters.Length);
    }

    private async Task<Dictionary<string, Guid>> LoadOrganizationAsync(SampleAgency agency, string password, CancellationToken ct)
    {
        await using var session = store.LightweightSession(agency.Id);
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Code, u => u.Id);
        foreach (var unit in agency.Units.Where(u => !units.ContainsKey(u.Code)))
            units[unit.Code] = await CreatedIdAsync(ManagingOrganizationEndpoints.EstablishUnit(
                new EstablishUnit(unit.Code, unit.Name, unit.Parent is null ? null : units[unit.Parent]), session, clock));

        var positions = new Dictionary<string, Guid>();
        var existing = await session.Query<Position>().ToListAsync(ct);
        foreach (var position in agency.Positions)
        {
            var unitId = units[position.Unit];
            positions[position.Key] = existing.FirstOrDefault(p => p.Title == position.Title && p.UnitId == unitId)?.Id
                ?? await CreatedIdAsync(ManagingOrganizationEndpoints.CreatePosition(
                    new CreatePosition(position.Title, unitId, position.ReportsTo is null ? null : positions[position.ReportsTo], position.Roles), session, clock));
        }

        var people = (await session.Query<Person>().Select(p => p.UserName).ToListAsync(ct)).ToHashSet();
        foreach (var person in agency.People.Where(p => !people.Contains(p.UserName)))
            await CreatedIdAsync(ManagingOrganizationEndpoints.RegisterPerson(
                new RegisterPerson(person.UserName, person.FullName, person.Nip, person.Rank, password, positions[person.Position]), session, clock));
        return positions;
    }

    private static async Task<Guid> CreatedIdAsync(Task<IResult> creation) =>
        await creation is Microsoft.AspNetCore.Http.HttpResults.Created<IdResponse> { Value: { } created }
            ? created.Id
            : throw new InvalidOperationException("Sample organization data was refused; check samples/organization.json.");

    private async Task<T?> ReadAsync<T>(string folder, string name, CancellationToken ct)
    {
        var file = Path.Combine(folder, name);
        if (File.Exists(file)) return JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(file, ct), Json);
        logger.LogWarning("Sample data {File} not found; skipped", file);
        return default;
    }

    private async Task LoadReferenceDataAsync(string folder, IEnumerable<string> agencies, CancellationToken ct)
    {
        var registrar = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "sampel")], "sample"));
        var scheme = await ReadBytesAsync(Path.Combine(folder, "classification", "permendagri-83-2022.csv"), ct);
        var templates = await ReadJsonAsync<Dictionary<string, Dictionary<string, SetLetterNumberTemplate>>>(Path.Combine(folder, "reference", "templates.json"), ct);
        var letterheads = await ReadJsonAsync<Dictionary<string, Dictionary<string, SetLetterhead>>>(Path.Combine(folder, "reference", "letterheads.json"), ct);
        var calendar = await ReadJsonAsync<SetCalendar>(Path.Combine(folder, "reference", "calendar-2026.json"), ct);

        foreach (var agency in agencies)
        {
            var changes = 0;
            async Task SaveAsync(IDocumentSession session)
            {
                changes += session.PendingChanges.Streams().Count();
                await session.SaveChangesAsync(ct);
            }

            if (scheme is not null)
            {
                await using var session = store.LightweightSession(agency);
                var decision = await ImportClassificationSchemeEndpoint.ImportAsync(
                    new ClassificationImport(scheme, SchemeFileFormat.Csv, "permendagri-83-2022.csv", false, null), session, "sampel", clock.GetUtcNow(), ct);
                if (decision.Problem is not null) logger.LogWarning("Sample classification scheme not imported for {Agency}: {Problem}", agency, decision.Problem.Detail);
                await SaveAsync(session);
            }
            foreach (var (kind, template) in templates?.GetValueOrDefault(agency) ?? [])
            {
                if (!NaskahKinds.All.ContainsKey(kind) || SetLetterNumberTemplateEndpoint.Check(template).Count > 0)
                {
                    logger.LogWarning("Sample letter number template {Kind} for {Agency} is invalid; skipped", kind, agency);
                    continue;
                }
                await using var session = store.LightweightSession(agency);
                await SetLetterNumberTemplateEndpoint.Put(kind, template, session, clock, registrar, ct);
                await SaveAsync(session);
            }
            foreach (var (key, sample) in letterheads?.GetValueOrDefault(agency) ?? [])
            {
                // the sample emblem is a PNG beside the file (lambang-contoh.png, drawn by lambang-contoh.py), named instead of inlined
                var letterhead = sample.Emblem is { } name && name.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
                    ? sample with { Emblem = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(folder, "reference", Path.GetFileName(name)), ct)) }
                    : sample;
                if (LetterheadRules.Build(key, letterhead).Errors.Count > 0)
                {
                    logger.LogWarning("Sample letterhead {Key} for {Agency} is invalid; skipped", key, agency);
                    continue;
                }
                await using var session = store.LightweightSession(agency);
                await SetLetterheadEndpoint.Put(key, letterhead, session, clock, registrar, ct);
                await SaveAsync(session);
            }
            if (calendar is not null && SetCalendarEndpoint.Build(calendar).Errors.Count == 0)
            {
                await using var session = store.LightweightSession(agency);
                await SetCalendarEndpoint.Put(calendar, session, clock, registrar, ct);
                await SaveAsync(session);
            }
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
    private sealed record SampleAgency(string Id, string Name, SampleUnit[] Units, SamplePosition[] Positions, SamplePerson[] People);
    private sealed record SampleUnit(string Code, string Name, string? Parent);
    private sealed record SamplePosition(string Key, string Title, string Unit, string? ReportsTo, Role[] Roles);
    private sealed record SamplePerson(string UserName, string FullName, string? Nip, string? Rank, string Position);
    private sealed record SampleIncomingLetter(string Agency, string Registrar, string Addressee, string[] CopyTo, RegisterIncomingLetter Letter);
}
