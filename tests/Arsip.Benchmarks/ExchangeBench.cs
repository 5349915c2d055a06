using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
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

            // What bounds the exchange, beside the plain POST: what any receiver of a letter's file must do (hash it, store it), and what
            // registering the same letter with the same scan costs through B's own registrar path. The rest is the exchange's own.
            var (storedSeconds, storedMs, storedPgMs) = await StoredPostAsync(hostA.Services.GetRequiredService<IBlobStore>(), hostB.Services.GetRequiredService<IBlobStore>(),
                blob.Sha256, letters, parallel, postmaster);
            context.Log.WriteLine($"plain POST, hashed and stored: {letters} in {storedSeconds:0.0} s, {storedMs:0.0} CPU-ms a request (client and server) + {storedPgMs:0.0} ms PostgreSQL");
            var (registeredSeconds, registeredMs, registeredPgMs, registeredCount) = await RegistrarPathAsync(hostB, b, pdf, letters, parallel, postmaster);
            context.Log.WriteLine($"registrar's path at B: {letters} in {registeredSeconds:0.0} s ({registeredCount} registered), {registeredMs:0.0} CPU-ms a letter + {registeredPgMs:0.0} ms PostgreSQL");
            var (storedRate, registeredRate) = (letters / storedSeconds, letters / registeredSeconds);
            return
            [
                new BenchRow("exchange", $"{letters} letters × 1 MB PDF, A → B on loopback{(context.Quick ? " (quick: fewer than 1,000)" : "")}, signed, checked, registered, receipt back",
                    "letters/s", $"{rate:0.0} ({registered} registered); CPU {arsipMs:0.0} ms a letter + {postgresMs:0.0} ms PostgreSQL",
                    $"{baseline:0.0}/s plain POST of the same bytes ({parallel} at once); CPU {plainMs:0.0} ms a request", "≥ 50/s and ≥ 50 % of baseline",
                    rate >= 50 && rate >= baseline * 0.5 && registered == letters),
                new BenchRow("exchange", $"what bounds the exchange (a): the same {letters} POSTs, read from A's blob store, hashed (SHA-256) and stored by the server through B's blob store (IBlobStore.PutAsync)",
                    "requests/s", $"{storedRate:0.0} = {storedRate / baseline:P0} of plain POST; CPU {storedMs:0.0} ms a request + {storedPgMs:0.0} ms PostgreSQL; the exchange is {rate / storedRate:P0} of it",
                    $"{baseline:0.0}/s plain POST; CPU {plainMs:0.0} ms", "", true),
                new BenchRow("exchange", $"what bounds the exchange (b): the same {letters} letters with the same 1 MB scan registered at B by its registrar's path (POST /api/incoming-letters/with-scan, {parallel} at once, signed in)",
                    "letters/s", $"{registeredRate:0.0} ({registeredCount} registered) = {registeredRate / baseline:P0} of plain POST; CPU {registeredMs:0.0} ms a letter + {registeredPgMs:0.0} ms PostgreSQL; the exchange is {rate / registeredRate:P0} of it",
                    $"{baseline:0.0}/s plain POST; CPU {plainMs:0.0} ms", "", true),
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

    /// <summary>(a) The plain POST with what any receiver of a letter's file must do: the client streams the file from A's blob store, the
    /// server hashes it and stores it through B's blob store (staged, renamed into place) and answers with the hash.</summary>
    private static Task<(double Seconds, double CpuMs, double PostgresMs)> StoredPostAsync(IBlobStore from, IBlobStore to, string sha256, int count, int parallel, int postmaster) =>
        LoopbackAsync(async (HttpRequest request) => Results.Text((await to.PutAsync(request.Body)).Sha256), async (client, url) =>
        {
            async Task PostAsync()
            {
                await using var stream = await from.OpenReadAsync(sha256) ?? throw new InvalidOperationException("the bench's blob is not at A");
                var response = await client.PostAsync(url, new StreamContent(stream, 256 * 1024));
                response.EnsureSuccessStatusCode();
                if (await response.Content.ReadAsStringAsync() != sha256) throw new InvalidOperationException("stored under another hash");
            }
            for (var i = 0; i < 20; i++) await PostAsync(); // compiled first, as the exchange's warm-up letters
            var before = Measure.CpuNow(postmaster);
            var watch = Stopwatch.StartNew();
            await InParallelAsync(parallel, count, PostAsync);
            var seconds = watch.Elapsed.TotalSeconds;
            var after = Measure.CpuNow(postmaster);
            return (seconds, (after.Process - before.Process).TotalMilliseconds / count, (after.Postgres - before.Postgres).TotalMilliseconds / count);
        });

    /// <summary>(b) What registering the letter costs at B without the exchange: its administrator (a registrar by policy) registers the same
    /// letter with the same 1 MB scan through the HTTP API, as many at once as A's envelope queue sends; after 20 unmeasured ones.</summary>
    private static async Task<(double Seconds, double CpuMs, double PostgresMs, long Registered)> RegistrarPathAsync(BenchHost host, string database, byte[] pdf, int count, int parallel, int postmaster)
    {
        var before = await CountAsync(database, $"select count(*) from arsip.mt_events where tenant_id = '{Receiver}' and type = 'incoming_letter_registered'");
        using var http = await host.SignedInClientAsync("admin.garut", Receiver, "sandi-awal-2026");
        // the first administrator must replace the initial password before anything else
        (await http.PutAsJsonAsync("/api/me/password", new { currentPassword = "sandi-awal-2026", newPassword = "sandi-bench-panjang-2026" })).EnsureSuccessStatusCode();
        var run = Guid.NewGuid().ToString("N")[..8];
        async Task RegisterAsync(int i)
        {
            using var form = new MultipartFormDataContent();
            form.Add(JsonContent.Create(new
            {
                sender = "Sekretariat Daerah (kota-bekasi)", senderLetterNumber = $"000.5/{i + 1}/Setda/2026/{run}", letterDate = new DateOnly(2026, 12, 1),
                receivedOn = DateOnly.FromDateTime(DateTime.Today), subject = $"Surat uji {i + 1}", classification = "000.5", securityLevel = "Biasa", urgency = "Biasa",
            }), "letter");
            var scan = new ByteArrayContent(pdf);
            scan.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(scan, "scan", "surat.pdf");
            var response = await http.PostAsync("/api/incoming-letters/with-scan", form);
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"registration {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        const int warmUp = 20;
        await Parallel.ForAsync(0, warmUp, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) => await RegisterAsync(i));
        var next = warmUp - 1;
        var cpuBefore = Measure.CpuNow(postmaster);
        var watch = Stopwatch.StartNew();
        await InParallelAsync(parallel, count, () => RegisterAsync(Interlocked.Increment(ref next)));
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuAfter = Measure.CpuNow(postmaster);
        var registered = await CountAsync(database, $"select count(*) from arsip.mt_events where tenant_id = '{Receiver}' and type = 'incoming_letter_registered'") - before - warmUp;
        return (seconds, (cpuAfter.Process - cpuBefore.Process).TotalMilliseconds / count, (cpuAfter.Postgres - cpuBefore.Postgres).TotalMilliseconds / count, registered);
    }

    /// <summary>The same bytes, one request each, to a Kestrel server on loopback that reads the body and answers 204.</summary>
    private static Task<double> PlainPostAsync(byte[] body, int count, int parallel) =>
        LoopbackAsync(async (HttpRequest request) => { await request.Body.CopyToAsync(Stream.Null); return Results.NoContent(); }, async (client, url) =>
        {
            var watch = Stopwatch.StartNew();
            await InParallelAsync(parallel, count, async () => (await client.PostAsync(url, new ByteArrayContent(body))).EnsureSuccessStatusCode());
            return watch.Elapsed.TotalSeconds;
        });

    /// <summary>A slim Kestrel server on loopback answering POST / with <paramref name="handler"/>, and a client for it while <paramref name="run"/> runs.</summary>
    private static async Task<T> LoopbackAsync<T>(Delegate handler, Func<HttpClient, string, Task<T>> run)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        await using var app = builder.Build();
        app.MapPost("/", handler);
        await app.StartAsync();
        using var client = new HttpClient();
        var result = await run(client, app.Urls.First());
        await app.StopAsync();
        return result;
    }

    /// <summary><paramref name="count"/> calls, <paramref name="parallel"/> at a time, as A's envelope queue sends.</summary>
    private static Task InParallelAsync(int parallel, int count, Func<Task> call)
    {
        var next = 0;
        return Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count) await call();
        }));
    }
}
