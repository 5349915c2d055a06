using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Correspondence;
using Arsip.ReferenceData;
using Marten;

namespace Arsip.Samples;

/// <summary>
/// Loads the demo data from <c>samples/</c> when <c>Arsip:SampleData</c> names that folder.
/// Idempotent: a letter already registered (same sender, number and date) is skipped, and reference data
/// (classification scheme, letter number templates, letterheads, calendar) gets no new version when unchanged.
/// </summary>
public sealed class SampleDataLoader(
    IConfiguration configuration, IDocumentStore store, TimeProvider clock, ILogger<SampleDataLoader> logger) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static readonly IReadOnlyList<string> DemoAgencies = ["kota-bekasi", "kab-bekasi", "kota-tangerang"];

    public async Task StartAsync(CancellationToken ct)
    {
        var folder = configuration["Arsip:SampleData"];
        if (string.IsNullOrWhiteSpace(folder)) return;
        await LoadReferenceDataAsync(folder, ct);
        var file = Path.Combine(folder, "incoming-letters.json");
        if (!File.Exists(file))
        {
            logger.LogWarning("Sample data {File} not found; nothing loaded", file);
            return;
        }

        var letters = JsonSerializer.Deserialize<SampleIncomingLetter[]>(await File.ReadAllTextAsync(file, ct), Json) ?? [];
        var registrar = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "sampel")], "sample"));
        var loaded = 0;
        foreach (var letter in letters)
        {
            await using var session = store.LightweightSession(letter.Agency);
            var key = IncomingLetterFingerprint.For(letter.Letter.Sender!, letter.Letter.SenderLetterNumber!, letter.Letter.LetterDate!.Value);
            if (await session.LoadAsync<IncomingLetterFingerprint>(key, ct) is not null) continue;
            await RegisterIncomingLetterEndpoint.Post(letter.Letter, session, clock, registrar, ct);
            await session.SaveChangesAsync(ct);
            loaded++;
        }
        logger.LogInformation("Sample data: {Loaded} of {Total} incoming letters registered", loaded, letters.Length);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task LoadReferenceDataAsync(string folder, CancellationToken ct)
    {
        var registrar = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "sampel")], "sample"));
        var scheme = await ReadBytesAsync(Path.Combine(folder, "classification", "permendagri-83-2022.csv"), ct);
        var templates = await ReadJsonAsync<Dictionary<string, Dictionary<string, SetLetterNumberTemplate>>>(Path.Combine(folder, "reference", "templates.json"), ct);
        var letterheads = await ReadJsonAsync<Dictionary<string, Dictionary<string, SetLetterhead>>>(Path.Combine(folder, "reference", "letterheads.json"), ct);
        var calendar = await ReadJsonAsync<SetCalendar>(Path.Combine(folder, "reference", "calendar-2026.json"), ct);

        foreach (var agency in DemoAgencies)
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
            foreach (var (key, letterhead) in letterheads?.GetValueOrDefault(agency) ?? [])
            {
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

    private sealed record SampleIncomingLetter(string Agency, RegisterIncomingLetter Letter);
}
