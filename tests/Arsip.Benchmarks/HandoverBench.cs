using System.Diagnostics;
using Arsip.Attachments;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.Records;
using Arsip.ReferenceData;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arsip.Bench;

/// <summary>
/// Issue 17, penyerahan: building a handover package of 10,000 records with 1 MB of files each (--quick: 1,000) is limited by
/// the disk: its MB/s beside <c>cp -r</c> of the same blob files in the same run. The records are seeded directly (a letter
/// view with one 1 MB scan in the blob store, one event on the letter's stream, one closed berkas per letter), the build is
/// <see cref="HandoverPackages.BuildAsync"/> as the durable message runs it.
/// </summary>
public sealed class HandoverBench : IBench
{
    private const string Agency = "kota-bekasi";

    public string Name => "records-handover";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB");
        if (string.IsNullOrWhiteSpace(server)) return [];
        // ARSIP_BENCH_HANDOVER_RECORDS sizes the package (profiling, or a disk too small for 10 GB)
        var records = int.TryParse(Environment.GetEnvironmentVariable("ARSIP_BENCH_HANDOVER_RECORDS"), out var size) ? size : context.Quick ? 1_000 : 10_000;
        var database = $"arsip_bench_handover_{Environment.ProcessId}";
        var connectionString = await CorrespondenceBench.CreateDatabaseAsync(server, database);
        try
        {
            var data = Path.Combine(context.WorkDir, "handover");
            // OCR of the seeded scans would only compete with the build for the two cores
            Environment.SetEnvironmentVariable("Arsip__Ocr", "false");
            await using var host = new CorrespondenceBench.BenchHost(connectionString, data);
            var services = host.Services;
            var store = services.GetRequiredService<IDocumentStore>();
            var blobs = services.GetRequiredService<IBlobStore>();
            var clock = services.GetRequiredService<ArsipClock>();
            var now = clock.GetUtcNow();
            Guid unit;
            await using (var query = store.QuerySession(Agency)) unit = (await query.Query<Arsip.Organization.Unit>().FirstAsync(u => u.Code == "Umum")).Id;

            var seeding = Stopwatch.StartNew();
            var files = new List<Guid>();
            var random = new Random(17);
            var scan = new byte[1 << 20];
            for (var batch = 0; batch < records; batch += 500)
            {
                await using var session = store.LightweightSession(Agency);
                for (var i = batch; i < Math.Min(records, batch + 500); i++)
                {
                    random.NextBytes(scan);
                    // a scan is an image (the blob store takes PDFs and images only, by content); with OCR off the search feeder
                    // leaves it alone, where 1,000 random-byte "PDFs" kept pdftotext busy on both cores through the measurement
                    ((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).CopyTo(scan);
                    ((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]).CopyTo(scan.AsSpan(scan.Length - 12));
                    var blob = await blobs.PutAsync(new MemoryStream(scan, writable: false));
                    var letter = Guid.CreateVersion7();
                    var file = Guid.CreateVersion7();
                    session.Store(new IncomingLetterView
                    {
                        Id = letter, Sender = "Dinas Uji Penyerahan", Subject = $"Peraturan uji {i}", SenderLetterNumber = $"PNY/{i}",
                        Files = [new LetterFile($"pindaian-{i}.png", blob.Sha256, blob.ContentType, blob.Length, AttachmentKind.Scan, now)],
                    });
                    session.Events.StartStream<CaseFile>(file,
                        new CaseFileCreated(file, unit, 2010, i + 1, "100.3", $"Peraturan uji {i}", null, null, null, SecurityLevel.Biasa, false, Guid.Empty, "bench", now),
                        new LettersFiled(file, [new FiledLetter(letter, LetterDirection.Incoming)], null, null, Guid.Empty, "bench", now),
                        new CaseFileClosed(file, new DateOnly(2010, 12, 31), new FixedRetention(1, "100.3", 2, 5, FinalAction.Permanen, RetentionTrigger.CaseFileClosed), Guid.Empty, "bench", now));
                    session.Events.StartStream<IncomingLetter>(letter, new LetterFiledInCaseFile(letter, file, null, null, Guid.Empty, "bench", now));
                    files.Add(file);
                }
                await session.SaveChangesAsync();
            }
            var id = Guid.CreateVersion7();
            await using (var session = store.LightweightSession(Agency))
            {
                session.Events.StartStream<HandoverProposal>(id, new HandoverProposed(id, 2026, 1, "Dinas Perpustakaan dan Kearsipan", [.. files], Guid.Empty, "bench", now),
                    new HandoverApproved(id, Guid.Empty, "walikota", "Wali Kota Bekasi", DateOnly.FromDateTime(now.Date), now));
                await session.SaveChangesAsync();
            }
            context.Log.WriteLine($"  records-handover: seeded {records:N0} records with 1 MB scans in {seeding.Elapsed.TotalSeconds:0} s");

            // baseline: cp of the same blob files, same disk, same run (flushed, as the build flushes its package)
            var blobFolder = Path.Combine(data, "blobs");
            var copy = Path.Combine(context.WorkDir, "handover-cp");
            Run("sync");
            var cp = Stopwatch.StartNew();
            Run("cp", "-r", blobFolder, copy);
            Run("sync");
            cp.Stop();
            var copied = Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Directory.Delete(copy, recursive: true);

            var settings = services.GetRequiredService<RecordsSettings>();
            var build = Stopwatch.StartNew();
            await HandoverPackages.BuildAsync(new BuildHandoverPackage(Agency, id), store, blobs, services.GetRequiredService<IIssuedPdfStore>(),
                services.GetRequiredService<ILetterheads>(), services.GetRequiredService<AnchorSigner>(), clock, settings, NullLogger.Instance, CancellationToken.None);
            build.Stop();
            var package = new FileInfo(HandoverPackages.PathOf(settings, Agency, id)).Length;
            File.Delete(HandoverPackages.PathOf(settings, Agency, id));

            double MBps(long bytes, TimeSpan t) => bytes / 1048576.0 / t.TotalSeconds;
            var (ours, baseline) = (MBps(package, build.Elapsed), MBps(copied, cp.Elapsed));
            return
            [
                new BenchRow("records", $"handover package of {records:N0} records, 1 MB scan each ({package / 1048576.0:N0} MB ZIP, BagIt, hashed, signed)",
                    "write speed", $"{ours:N0} MB/s ({build.Elapsed.TotalSeconds:0.0} s)", $"cp -r of the scans: {baseline:N0} MB/s ({cp.Elapsed.TotalSeconds:0.0} s)",
                    "limited by the disk (≥ 50 % of cp)", ours >= baseline * 0.5),
            ];
        }
        finally
        {
            await CorrespondenceBench.DropDatabaseAsync(server, database);
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {process.StandardError.ReadToEnd()}");
    }
}
