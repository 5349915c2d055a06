using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Records;
using Arsip.ReferenceData;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.Bench;

/// <summary>
/// <c>ops/bench records-disposal</c>: executing an approved pemusnahan of N berkas (one letter each) through the
/// durable batches, from <c>POST /api/disposals/{id}/execute</c> until the berita acara is stored, beside the baseline of
/// appending the same berkas's <c>CaseFileDestroyed</c> in batches of the same size straight to Marten. Until B2's
/// <c>RecordDestruction</c> is merged the destruction is a stub, so this measures the workflow's own cost (holds
/// re-checked per berkas, events, claims, progress); the 5,000 records/s target counts the destruction too.
/// </summary>
public sealed class DisposalBench : IBench
{
    public string Name => "records-disposal";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB");
        if (string.IsNullOrWhiteSpace(server)) return [];
        var count = context.Quick ? 200 : 1000; // one proposal takes at most 1,000 berkas
        var database = $"arsip_bench_disp_{Environment.ProcessId}";
        var connectionString = await CorrespondenceBench.CreateDatabaseAsync(server, database);
        try
        {
            await using var host = new CorrespondenceBench.BenchHost(connectionString, Path.Combine(context.WorkDir, "disposal"));
            var store = host.Services.GetRequiredService<IDocumentStore>();
            var archivist = await host.SignedInClientAsync("arsiparis", "kota-bekasi");
            var chart = (await archivist.GetFromJsonAsync<Arsip.Organization.OrganizationChart>("/api/organization", Json))!;
            var unit = chart.Units.Single(u => u.Code == "Umum").Id;
            Guid Person(string user) => chart.People.Single(p => p.UserName == user).Id;

            var measured = await SeedAsync(store, unit, count);
            var baseline = await SeedAsync(store, unit, count);
            context.Log.WriteLine($"  seeded {2 * count} ended berkas");

            var proposed = await archivist.PostAsJsonAsync("/api/disposals", new { caseFileIds = measured, committee = new[] { Person("kabag.umum"), Person("arsiparis"), Person("kasubbag.tu") } });
            if (!proposed.IsSuccessStatusCode) throw new InvalidOperationException($"propose: {(int)proposed.StatusCode} {await proposed.Content.ReadAsStringAsync()}");
            var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            foreach (var member in new[] { "kabag.umum", "arsiparis", "kasubbag.tu" })
            {
                var client = member == "arsiparis" ? archivist : await host.SignedInClientAsync(member, "kota-bekasi");
                var assessed = await client.PostAsJsonAsync($"/api/disposals/{id}/assessments", new { assessments = measured.Select(f => new { caseFileId = f, verdict = "Agree" }) }, Json);
                if (!assessed.IsSuccessStatusCode) throw new InvalidOperationException($"assess: {(int)assessed.StatusCode} {await assessed.Content.ReadAsStringAsync()}");
            }
            var head = await host.SignedInClientAsync("walikota", "kota-bekasi");
            var approved = await head.PostAsync($"/api/disposals/{id}/approve", null);
            if (!approved.IsSuccessStatusCode) throw new InvalidOperationException($"approve: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync()}");

            var clock = Stopwatch.StartNew();
            var started = await archivist.PostAsync($"/api/disposals/{id}/execute", null);
            if (!started.IsSuccessStatusCode) throw new InvalidOperationException($"execute: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
            while (true)
            {
                await using var session = store.QuerySession("kota-bekasi");
                if ((await session.LoadAsync<DisposalProposal>(id))?.Status == DisposalStatus.Completed) break;
                if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("the disposal did not finish in 10 minutes");
                await Task.Delay(20);
            }
            clock.Stop();
            var executed = count / clock.Elapsed.TotalSeconds;

            var batch = host.Services.GetRequiredService<DisposalSettings>().BatchSize;
            var direct = Stopwatch.StartNew();
            foreach (var chunk in baseline.Chunk(batch))
            {
                await using var session = store.LightweightSession("kota-bekasi");
                foreach (var file in chunk) session.Events.Append(file, new CaseFileDestroyed(file, Guid.Empty, new DateOnly(2026, 11, 24), DateTimeOffset.UtcNow));
                await session.SaveChangesAsync();
            }
            direct.Stop();
            var appended = count / direct.Elapsed.TotalSeconds;
            return
            [
                new BenchRow("Records", $"execute a pemusnahan of {count:N0} berkas, batches of {batch} (destruction stubbed until B2's merge: the workflow's own cost)",
                    "berkas/s", $"{executed:N0}", $"{appended:N0} (CaseFileDestroyed appended directly, same batches)", "≥ 5,000 records/s incl. destruction (issue)", executed >= 5000),
            ];
        }
        finally
        {
            await CorrespondenceBench.DropDatabaseAsync(server, database);
        }
    }

    /// <summary>Berkas of one letter each, closed in 2010 with 2 + 5 years: their retention ended long ago.</summary>
    private static async Task<Guid[]> SeedAsync(IDocumentStore store, Guid unit, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        var at = DateTimeOffset.UtcNow;
        foreach (var chunk in ids.Chunk(500))
        {
            await using var session = store.LightweightSession("kota-bekasi");
            foreach (var id in chunk)
                session.Events.StartStream<CaseFile>(id,
                    new CaseFileCreated(id, unit, 2009, Random.Shared.Next(1, 1_000_000), "000.1", "Berkas uji pemusnahan", null, null, null, SecurityLevel.Biasa, false, Guid.Empty, "bench", at),
                    new LettersFiled(id, [new FiledLetter(Guid.CreateVersion7(), LetterDirection.Incoming)], null, null, Guid.Empty, "bench", at),
                    new CaseFileClosed(id, new DateOnly(2010, 1, 10), new FixedRetention(1, "000.1", 2, 5, FinalAction.Musnah, RetentionTrigger.CaseFileClosed), Guid.Empty, "bench", at));
            await session.SaveChangesAsync();
        }
        return ids;
    }
}
