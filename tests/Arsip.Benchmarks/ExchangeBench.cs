using System.Diagnostics;
using System.Net;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Exchange;
using Arsip.Kernel;
using Arsip.Onboarding;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using static Arsip.Bench.CorrespondenceBench;

namespace Arsip.Bench;

/// <summary>#20: letters with a 1 MB PDF from installation A to installation B (two hosts, two databases, loopback HTTP): sent from
/// A's durable outbox, checked and registered by B, the signed receipt recorded by A. Baseline: the same bytes by plain HTTP POST
/// to a server that only reads them, with as many requests at once as A's envelope queue runs.</summary>
public sealed class ExchangeBench : IBench
{
    private const string Sender = "kota-bekasi", Receiver = "kab-garut";
    public string Name => "exchange";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB")
            ?? throw new InvalidOperationException("Set ARSIP_BENCH_DB to a PostgreSQL server connection string (ops/bench does).");
        var letters = context.Quick ? 200 : 1_000;
        var databases = new[] { $"arsip_bench_xa_{Environment.ProcessId}", $"arsip_bench_xb_{Environment.ProcessId}" };
        try
        {
            var a = await CreateDatabaseAsync(server, databases[0]);
            var b = await CreateDatabaseAsync(server, databases[1]);
            await using var hostB = new BenchHost(b, Path.Combine(context.WorkDir, "exchange-b"), new Dictionary<string, string> { ["Arsip:SampleData"] = "" });
            await using var hostA = new BenchHost(a, Path.Combine(context.WorkDir, "exchange-a"));
            var clock = hostA.Services.GetRequiredService<ArsipClock>();
            var operatorCaller = new Caller(Installation.Tenant, Guid.Empty, "bench", [], [], []);
            var created = await hostB.Services.GetRequiredService<IMessageBus>().CreateAgencyAsync(new CreateAgency(Receiver, "Pemerintah Kabupaten Garut",
                AgencyKind.PemerintahKabupaten, "WIB", new FirstAdministrator("admin.garut", "Admin Garut", null, "sandi-awal-2026")), operatorCaller, clock, CancellationToken.None);
            if (created.Refused) throw new InvalidOperationException(created.Refusal!.Detail);
            await SetPeerAsync(hostB, "arsip-a", Address(hostA), hostA.Services.GetRequiredService<ExchangeKey>().PublicKeyPem, Sender);
            await SetPeerAsync(hostA, "arsip-b", Address(hostB), hostB.Services.GetRequiredService<ExchangeKey>().PublicKeyPem, Receiver);

            var pdf = (byte[])[.. "%PDF-1.7\n"u8, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024 * 1024 - 16), .. "\n%%EOF\n"u8];
            var blob = await hostA.Services.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream(pdf));
            var file = new LetterFile("surat.pdf", blob.Sha256, blob.ContentType, blob.Length, AttachmentKind.Scan, DateTimeOffset.UtcNow);
            var bus = hostA.Services.GetRequiredService<IMessageBus>();
            async Task SendAsync(int from, int count) => await Parallel.ForAsync(from, from + count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            {
                var letter = new DeliverLetter(Guid.CreateVersion7(), Sender, Guid.NewGuid(), "Sekretariat Daerah (kota-bekasi)", $"000.5/{i + 1}/Setda/2026", new DateOnly(2026, 12, 1),
                    $"Surat uji {i + 1}", "000.5", SecurityLevel.Biasa, Urgency.Biasa, null, "Sekretaris Daerah", false, [file]);
                await bus.PublishAsync(new DeliverLetterToPeer(letter, Receiver), new DeliveryOptions { TenantId = Sender });
            });
            // both hosts' paths compiled and their pools filled first (a first request costs seconds of JIT on a loaded machine); not counted
            const int warmUp = 20;
            await SendAsync(0, warmUp);
            await WaitAsync(a, warmUp, TimeSpan.FromMinutes(5));
            // CPU per letter does not depend on what else the shared machine runs, letters/s does
            var postmaster = await Measure.PostmasterPidAsync(server);
            var cpuBefore = Measure.CpuNow(postmaster);
            var (jitBefore, methodsBefore, gcBefore) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount(), GC.GetTotalPauseDuration());
            var watch = Stopwatch.StartNew();
            await SendAsync(warmUp, letters);
            await WaitAsync(a, warmUp + letters, TimeSpan.FromMinutes(context.Quick ? 5 : 20));
            var exchangeSeconds = watch.Elapsed.TotalSeconds;
            var cpuAfter = Measure.CpuNow(postmaster);
            var (jitMs, methods, gcMs) = ((System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds / letters,
                System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore, (GC.GetTotalPauseDuration() - gcBefore).TotalMilliseconds / letters);
            var registered = await CountAsync(b, $"select count(*) from arsip.mt_events where tenant_id = '{Receiver}' and type = 'incoming_letter_registered'") - warmUp;
            var (arsipMs, postgresMs) = ((cpuAfter.Process - cpuBefore.Process).TotalMilliseconds / letters, (cpuAfter.Postgres - cpuBefore.Postgres).TotalMilliseconds / letters);
            context.Log.WriteLine($"exchange: {letters} letters in {exchangeSeconds:0.0} s, {registered} registered at B, CPU {(cpuAfter.Process - cpuBefore.Process).TotalSeconds:0.0} s " +
                $"= {arsipMs:0.0} ms a letter in the bench process (both hosts) + {postgresMs:0.0} ms PostgreSQL; " +
                $"of the bench process's, {jitMs:0.0} ms compiling (JIT, tiering up: {methods} methods in all) and {gcMs:0.0} ms in GC pauses");

            var parallel = Arsip.Exchange.Configuration.ParallelEnvelopes; // as many at once as A's envelope queue sends
            var plainCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var baselineSeconds = await PlainPostAsync(pdf, letters, parallel);
            var plainMs = (Process.GetCurrentProcess().TotalProcessorTime - plainCpu).TotalMilliseconds / letters;
            context.Log.WriteLine($"plain POST: {letters} in {baselineSeconds:0.0} s, {plainMs:0.0} CPU-ms a request (client and server)");
            var rate = letters / exchangeSeconds;
            var baseline = letters / baselineSeconds;
            return
            [
                new BenchRow("exchange", $"{letters} letters × 1 MB PDF, A → B on loopback{(context.Quick ? " (quick: fewer than 1,000)" : "")}, signed, checked, registered, receipt back",
                    "letters/s", $"{rate:0.0} ({registered} registered); CPU {arsipMs:0.0} ms a letter + {postgresMs:0.0} ms PostgreSQL",
                    $"{baseline:0.0}/s plain POST of the same bytes ({parallel} at once); CPU {plainMs:0.0} ms a request", "≥ 50/s and ≥ 50 % of baseline",
                    rate >= 50 && rate >= baseline * 0.5 && registered == letters),
            ];
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var database in databases) await DropDatabaseAsync(server, database);
        }
    }

    private static string Address(BenchHost host) =>
        host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");

    private static async Task SetPeerAsync(BenchHost host, string peerId, string url, string publicKey, string agency)
    {
        var decision = await host.Services.GetRequiredService<IMessageBus>().InvokeForTenantAsync<Decision>(Installation.Tenant,
            new SetPeerInstallationCommand(peerId, new SetPeerInstallation(peerId, url, publicKey, [agency]), "bench"));
        if (decision.Refused) throw new InvalidOperationException(decision.Refusal!.Detail);
    }

    private static async Task WaitAsync(string connectionString, int letters, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (await CountAsync(connectionString, $"select count(*) from arsip.mt_doc_envelopestate where tenant_id = '{Sender}' and data->>'Status' in ('Received', '2')") < letters)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not every envelope was received within {limit}");
            await Task.Delay(100);
        }
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (long)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())!;
    }

    /// <summary>The same bytes, one request each, to a Kestrel server on loopback that reads the body and answers 204.</summary>
    private static async Task<double> PlainPostAsync(byte[] body, int count, int parallel)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        await using var app = builder.Build();
        app.MapPost("/", async (HttpRequest request) => { await request.Body.CopyToAsync(Stream.Null); return Results.NoContent(); });
        await app.StartAsync();
        var url = app.Urls.First();
        using var client = new HttpClient();
        var next = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
                (await client.PostAsync(url, new ByteArrayContent(body))).EnsureSuccessStatusCode();
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        await app.StopAsync();
        return seconds;
    }
}
