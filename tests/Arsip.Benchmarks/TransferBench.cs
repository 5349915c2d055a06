using System.Diagnostics;
using System.Net.Http.Json;
using Arsip.Records;
using Arsip.ReferenceData;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Arsip.Bench;

/// <summary>
/// Issue 17 part A: accepting a pemindahan of 1,000 berkas (the largest proposal) through HTTP — holds asked again, custody
/// moved on every berkas, the berita acara with its 1,000-row lampiran rendered and stored — beside appending the same
/// events to Marten directly. <c>ops/bench records-transfer</c>.
/// </summary>
public sealed class TransferBench : IBench
{
    private const string Area = "records-transfer";

    public string Name => "records-transfer";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB");
        if (string.IsNullOrWhiteSpace(server)) return [];
        var database = $"arsip_bench_pmd_{Environment.ProcessId}";
        var connectionString = await CorrespondenceBench.CreateDatabaseAsync(server, database);
        try
        {
            await using var host = new CorrespondenceBench.BenchHost(connectionString, Path.Combine(context.WorkDir, "transfer"));
            var archivist = await host.SignedInClientAsync("arsiparis", "kota-bekasi");
            var head = await host.SignedInClientAsync("kabag.or", "kota-bekasi");
            var chart = await archivist.GetFromJsonAsync<Arsip.Organization.OrganizationChart>("/api/organization", Json);
            var unit = chart!.Units.Single(u => u.Code == "OR").Id;
            var store = host.Services.GetRequiredService<IDocumentStore>();
            var files = context.Quick ? 200 : 1000;
            var rounds = context.Quick ? 2 : 3;
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            var (ours, direct) = (new List<double>(), new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                var ids = await SeedAsync(store, unit, files, round * 2);
                var proposed = await archivist.PostAsJsonAsync("/api/transfers", new { unitId = unit, caseFileIds = ids }, Json);
                if (!proposed.IsSuccessStatusCode) return [new BenchRow(Area, "accept", "latency", $"propose refused: {(int)proposed.StatusCode}", "", "", false)];
                var id = (await proposed.Content.ReadFromJsonAsync<TransferProposedResponse>(Json))!.Id;
                (await archivist.PostAsync($"/api/transfers/{id}/submit", null)).EnsureSuccessStatusCode();
                (await head.PostAsync($"/api/transfers/{id}/approve", null)).EnsureSuccessStatusCode();
                var start = Stopwatch.GetTimestamp();
                (await archivist.PostAsync($"/api/transfers/{id}/accept", null)).EnsureSuccessStatusCode();
                ours.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

                // baseline: the acceptance's events appended straight to Marten (no HTTP, holds, PDF or decision)
                var others = await SeedAsync(store, unit, files, round * 2 + 1);
                var at = DateTimeOffset.UtcNow;
                var transfer = Guid.CreateVersion7();
                start = Stopwatch.GetTimestamp();
                await using (var session = store.LightweightSession("kota-bekasi"))
                {
                    session.Events.StartStream<TransferProposal>(transfer,
                        new TransferProposed(transfer, unit, "Bagian Organisasi", [], Guid.NewGuid(), "bench", at),
                        new TransferAccepted(transfer, unit, others, Guid.NewGuid(), "bench", DateOnly.FromDateTime(at.Date), "0/BA-PMD/0", "", at));
                    foreach (var f in others) session.Events.Append(f, new CaseFileTransferred(f, transfer, unit, DateOnly.FromDateTime(at.Date), at));
                    await session.SaveChangesAsync();
                }
                direct.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            var (sorted, baseline) = (ours.Order().ToArray(), direct.Order().ToArray());
            return
            [
                new BenchRow(Area, $"accept a pemindahan of {files:N0} berkas (custody moved, berita acara with a {files:N0}-row lampiran rendered and stored), {rounds} runs",
                    "p50 / max", $"{Measure.Ms(Measure.Percentile(sorted, 50))} / {Measure.Ms(sorted[^1])}",
                    $"the same events appended to Marten directly: {Measure.Ms(Measure.Percentile(baseline, 50))} / {Measure.Ms(baseline[^1])}; load average {load} → {File.ReadAllText("/proc/loadavg").Split(' ')[0]}",
                    "p50 < 10 s", Measure.Percentile(sorted, 50) < 10_000),
            ];
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await CorrespondenceBench.DropDatabaseAsync(server, database);
        }
    }

    /// <summary>Closed berkas whose active period ended long ago (inaktif now), appended straight to the store.</summary>
    private static async Task<Guid[]> SeedAsync(IDocumentStore store, Guid unit, int count, int batch)
    {
        var at = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        await using var session = store.LightweightSession("kota-bekasi");
        for (var i = 0; i < ids.Length; i++)
            session.Events.StartStream<CaseFile>(ids[i],
                new CaseFileCreated(ids[i], unit, 2022, batch * count + i + 1, "800.1", $"Berkas pemindahan {batch}-{i}", null, null, null, SecurityLevel.Biasa, false, Guid.NewGuid(), "bench", at),
                new CaseFileClosed(ids[i], new DateOnly(2023, 1, 10), new FixedRetention(1, "800.1", 2, 5, FinalAction.Musnah, RetentionTrigger.CaseFileClosed), Guid.NewGuid(), "bench", at));
        await session.SaveChangesAsync();
        return ids;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
