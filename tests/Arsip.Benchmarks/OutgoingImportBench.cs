using System.Diagnostics;
using System.Text;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Arsip.Bench;

/// <summary>
/// Issue 21, outgoing registers: the import of an old buku agenda surat keluar (the CLI's path, which the web run shares: parse, numbers
/// read with the agency's template, counters moved, every letter through one Marten session) beside a raw COPY of the same rows into a
/// plain table. <c>ops/bench outgoing-import</c>.
/// </summary>
public sealed class OutgoingImportBench : IBench
{
    public string Name => "outgoing-import";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB");
        if (string.IsNullOrWhiteSpace(server)) return [];
        var database = $"arsip_bench_out_{Environment.ProcessId}";
        var connectionString = await CorrespondenceBench.CreateDatabaseAsync(server, database);
        try
        {
            await using var host = new CorrespondenceBench.BenchHost(connectionString, Path.Combine(context.WorkDir, "outgoing-import"));
            var store = host.Services.GetRequiredService<IDocumentStore>();
            var count = context.Quick ? 5_000 : 20_000;
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            TemplateOf template;
            await using (var query = store.QuerySession("kab-bekasi"))
            {
                var templates = await query.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream);
                template = new(templates?.Templates.GetValueOrDefault("surat-dinas") is { } entry ? LetterNumberTemplate.Parse(entry.Template).Template! : LetterNumbers.Default);
            }
            var rows = Enumerable.Range(1, count).Select(i =>
            {
                var date = new DateOnly(2024, 1, 2).AddDays(i * 360 / count);
                return (Number: template.Template.Format(new LetterNumberParts("000.5", i, "Setda", date, SecurityLevel.Biasa)), Date: date,
                    To: $"Kepala Dinas {i % 40}", Subject: $"Undangan rapat koordinasi penataan arsip nomor {i}");
            }).ToList();
            var csv = new StringBuilder("Nomor surat;Tanggal surat;Tujuan;Perihal\n");
            foreach (var r in rows) csv.Append(r.Number).Append(';').Append(r.Date.ToString("dd/MM/yyyy")).Append(';').Append(r.To).Append(';').Append(r.Subject).Append('\n');

            context.Log.WriteLine($"  outgoing import: {count:N0} rows into kab-bekasi (load {load})");
            var result = await ImportLegacyRegister.ImportOutgoingAsync(store, "kab-bekasi", new StringReader(csv.ToString()), "bench-keluar.csv", ArsipClock.Real, "registrar");
            if (!result.Ok) throw new InvalidOperationException("import refused: " + string.Join("; ", result.Errors.Take(5)));
            var rate = count / result.Elapsed.TotalSeconds;
            foreach (var (step, time) in result.Steps) context.Log.WriteLine($"    {step}: {time.TotalMilliseconds:N0} ms");

            var copy = await RawCopyAsync(connectionString, rows);
            var after = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return
            [
                new("Correspondence", $"import an outgoing register, {count:N0} rows (parse, numbers read, counters moved, one session: events, view, snapshot, hash chains); load {load}–{after}",
                    "throughput", $"{rate:N0} letters/s ({result.Elapsed.TotalSeconds:0.00} s: {string.Join(", ", result.Steps.Select(st => $"{st.Step} {st.Time.TotalSeconds:0.0} s"))}) = {rate / copy:P1} of raw COPY",
                    $"raw COPY of the same rows {copy:N0} rows/s", "", true),
            ];
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await CorrespondenceBench.DropDatabaseAsync(server, database);
        }
    }

    private sealed record TemplateOf(LetterNumberTemplate Template);

    private static async Task<double> RawCopyAsync(string connectionString, List<(string Number, DateOnly Date, string To, string Subject)> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand("""
            drop table if exists bench_outgoing;
            create table bench_outgoing (id uuid primary key, letter_number text not null, letter_date date not null, addressee text not null, subject text not null)
            """, connection).ExecuteNonQueryAsync();
        var watch = Stopwatch.StartNew();
        await using (var import = await connection.BeginBinaryImportAsync("copy bench_outgoing (id, letter_number, letter_date, addressee, subject) from stdin (format binary)"))
        {
            foreach (var r in rows)
            {
                await import.StartRowAsync();
                await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await import.WriteAsync(r.Number, NpgsqlDbType.Text);
                await import.WriteAsync(r.Date, NpgsqlDbType.Date);
                await import.WriteAsync(r.To, NpgsqlDbType.Text);
                await import.WriteAsync(r.Subject, NpgsqlDbType.Text);
            }
            await import.CompleteAsync();
        }
        return rows.Count / watch.Elapsed.TotalSeconds;
    }
}
