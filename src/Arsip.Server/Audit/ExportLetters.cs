using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arsip.Access;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.Pdf;

namespace Arsip.Audit;

/// <summary>An export, recorded on every letter it contains: who took which records out, and the manifest's hash.</summary>
public sealed record LetterExported(Guid LetterId, Guid ExportId, string ManifestSha256, int Letters, string ExportedBy, DateTimeOffset ExportedAt);

public sealed record ManifestFile(string Path, string Sha256, long Bytes);
public sealed record ExportManifest(
    string Format, Guid ExportId, string Agency, DateTimeOffset ExportedAt, string ExportedBy, IReadOnlyList<Guid> Letters, IReadOnlyList<ManifestFile> Files);

public sealed record LetterExport(Decision Decision, string? Path, string? FileName)
{
    /// <summary>The package as the answer; its temporary file goes when the response is done.</summary>
    public IResult ToResult(HttpContext http)
    {
        if (Decision.Refusal is { } problem) return Results.Problem(problem);
        http.Response.RegisterForDispose(new ExportLettersEndpoint.DeleteOnDispose(Path!));
        return Results.File(File.OpenRead(Path!), "application/zip", FileName);
    }
}

public sealed record ExportLetterCommand(Guid LetterId, Caller Caller);

public static class ExportLetterHandler
{
    public static async Task<LetterExport> Handle(ExportLetterCommand command, IDocumentSession session, IBlobStore blobs, IIssuedPdfStore pdfs,
        ILetterheads letterheads, AnchorSigner signer, ArsipClock clock, CancellationToken ct)
    {
        if (!await LetterHistory.CanSeeAsync(session, command.LetterId, command.Caller, ct))
            return new(Decision.Refuse(Problems.NotFound("Surat", command.LetterId)), null, null);
        var export = await ExportLettersEndpoint.PackageAsync([command.LetterId], command.Caller, session, blobs, pdfs, letterheads, signer, clock, ct);
        session.Events.Append(command.LetterId, export.Decision.Events.ToArray());
        return export;
    }
}

/// <summary>A self-contained package an auditor can read without Arsip; the manifest holds every file's SHA-256.</summary>
[Authorize(Policy = Policies.Auditor)]
public static class ExportLettersEndpoint
{
    public const string Format = "arsip-export/1";
    private static readonly JsonSerializerOptions Json = LetterPackage.Json;

    [WolverineGet("/api/letters/{id}/export")]
    [Tags("Audit")]
    [EndpointSummary("Export one letter with its history, verification, audit report and files as a ZIP package")]
    public static async Task<IResult> One(Guid id, [NotBody] Caller caller, IMessageBus bus, HttpContext http, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<LetterExport>(caller.Agency, new ExportLetterCommand(id, caller), ct)).ToResult(http);

    [WolverineGet("/api/audit/export")]
    [Tags("Audit")]
    [EndpointSummary("Export the agency's register for a period (letters the auditor may see) as a ZIP package")]
    public static async Task<IResult> Period(DateOnly? from, DateOnly? to, [NotBody] Caller caller, IDocumentSession session, IBlobStore blobs,
        IIssuedPdfStore pdfs, ILetterheads letterheads, ArsipClock clock, HttpContext http, CancellationToken ct)
    {
        if (from is null || to is null || to < from || to.Value.DayNumber - from.Value.DayNumber > 366)
            return Results.Problem(Problems.BadRequest("from", "from dan to wajib, paling lama satu tahun (from and to required, at most a year apart)."));
        var tokens = LetterAccess.TokensOf(caller);
        var incoming = await session.Query<IncomingLetterView>()
            .Where(l => l.ReceivedOn >= from.Value && l.ReceivedOn <= to.Value && l.AccessTokens.Any(t => tokens.Contains(t)))
            .Select(l => l.Id).ToListAsync(ct);
        var outgoing = await session.Query<OutgoingLetterView>()
            .Where(l => l.LetterDate >= from.Value && l.LetterDate <= to.Value && l.AccessTokens.Any(t => tokens.Contains(t)))
            .Select(l => l.Id).ToListAsync(ct);
        var ids = incoming.Concat(outgoing).ToList();
        if (ids.Count == 0) return Results.Problem(Problems.NotFound("Surat pada periode itu (letters in that period)", $"{from}..{to}"));
        if (ids.Count > 5000)
            return Results.Problem(Problems.BadRequest("to", "Lebih dari 5.000 surat; perkecil periode (more than 5,000 letters; narrow the period)."));
        var export = await PackageAsync(ids, caller, session, blobs, pdfs, letterheads, http.RequestServices.GetRequiredService<AnchorSigner>(), clock, ct);
        foreach (var e in export.Decision.Events) session.Events.Append(((LetterExported)e).LetterId, e);
        // committed before the file is handed out, so no package leaves unrecorded (this endpoint is not a bus handler)
        await session.SaveChangesAsync(ct);
        return export.ToResult(http);
    }

    internal static async Task<LetterExport> PackageAsync(IReadOnlyList<Guid> ids, Caller caller, IQuerySession session, IBlobStore blobs,
        IIssuedPdfStore pdfs, ILetterheads letterheads, AnchorSigner signer, ArsipClock clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var exportId = Guid.CreateVersion7(now);
        var path = Path.Combine(Path.GetTempPath(), $"arsip-export-{exportId:N}.zip");
        var files = new List<ManifestFile>();
        var manifestSha = "";
        var letterhead = await letterheads.ForAsync(session, session.TenantId, null, ct);
        await using (var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create))
        {
            async Task AddAsync(string name, Func<Stream, Task> write)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                await using var target = await entry.OpenAsync(ct);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using var hashing = new LetterPackage.HashingStream(target, hash);
                await write(hashing);
                files.Add(new ManifestFile(name, Convert.ToHexStringLower(hash.GetHashAndReset()), hashing.Written));
            }
            Task AddBytesAsync(string name, byte[] bytes) => AddAsync(name, s => s.WriteAsync(bytes, ct).AsTask());

            foreach (var id in ids)
            {
                var folder = $"letters/{id}";
                var (incoming, outgoing) = await LetterPackage.LoadAsync(session, id, ct);
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                var verification = await ChainVerifier.VerifyAsync(session.DocumentStore, session.TenantId, id, signer, ct);
                await AddBytesAsync($"{folder}/letter.json", JsonSerializer.SerializeToUtf8Bytes<object?>(incoming ?? (object?)outgoing, Json));
                await AddBytesAsync($"{folder}/history.json", JsonSerializer.SerializeToUtf8Bytes(events.Select(LetterHistory.Entry), Json));
                await AddBytesAsync($"{folder}/verification.json", JsonSerializer.SerializeToUtf8Bytes(verification, Json));
                await AddBytesAsync($"{folder}/audit-report.pdf", AuditReport(letterhead, incoming, outgoing, events, now));
                await foreach (var (name, content) in LetterPackage.FilesAsync(session, blobs, pdfs, id, incoming, outgoing, ct))
                    await using (content) await AddAsync($"{folder}/{name}", s => content.CopyToAsync(s, ct));
            }
            var manifest = new ExportManifest(Format, exportId, caller.Agency, now, caller.Name, ids, files);
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
            var entry = zip.CreateEntry("manifest.json");
            await using (var target = await entry.OpenAsync(ct)) await target.WriteAsync(manifestBytes, ct);
            var readme = Encoding.UTF8.GetBytes(ReadMe);
            await using (var target = await zip.CreateEntry("README.txt").OpenAsync(ct)) await target.WriteAsync(readme, ct);

            manifestSha = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        }
        var exported = ids.Select(id => (object)new LetterExported(id, exportId, manifestSha, ids.Count, caller.Name, now)).ToArray();
        return new LetterExport(Decision.Accept(exported), path, $"arsip-ekspor-{now:yyyyMMdd-HHmmss}.zip");
    }

    private static byte[] AuditReport(PrintedLetterhead letterhead, IncomingLetterView? incoming, OutgoingLetterView? outgoing, IReadOnlyList<IEvent> events, DateTimeOffset now) =>
        AuditReportPdf.Render(new AuditReportDocument
        {
            Letterhead = letterhead,
            LetterSummary = incoming is not null
                ? [new Field("Nomor agenda", $"{incoming.AgendaNumber}/{incoming.AgendaYear}"), new Field("Nomor surat", incoming.SenderLetterNumber),
                   new Field("Pengirim", incoming.Sender), new Field("Hal", LetterAccess.ListedSubject(incoming.SecurityLevel, incoming.Subject))]
                : [new Field("Nomor surat", outgoing?.LetterNumber ?? "(belum bernomor)"), new Field("Status", outgoing?.Status.ToString() ?? ""),
                   new Field("Hal", outgoing is null ? "" : LetterAccess.ListedSubject(outgoing.Content.SecurityLevel, outgoing.Content.Subject))],
            Events = events.Select(e => new AuditEvent(e.Version, e.Timestamp, e.GetHeader(HashChain.ActorHeader)?.ToString() ?? "", "",
                e.EventTypeName, Summarize(e.Data), e.GetHeader(HashChain.HashHeader)?.ToString() ?? "")).ToList(),
            Security = (incoming?.SecurityLevel ?? outgoing?.Content.SecurityLevel) switch
            {
                Kernel.SecurityLevel.Rahasia => Pdf.PrintedSecurity.Rahasia,
                Kernel.SecurityLevel.SangatRahasia => Pdf.PrintedSecurity.SangatRahasia,
                _ => Pdf.PrintedSecurity.Biasa,
            },
            GeneratedAt = now,
        });

    private static string Summarize(object data)
    {
        var json = JsonSerializer.Serialize(data, data.GetType(), Json).ReplaceLineEndings(" ");
        return json.Length <= 300 ? json : json[..297] + "...";
    }

    private const string ReadMe = """
        Paket ekspor Arsip (arsip-export/1)
        ===================================
        manifest.json          daftar semua berkas dengan SHA-256 dan ukurannya (every file with its SHA-256 and size)
        letters/<id>/letter.json         metadata surat saat ekspor (the letter's record at export time)
        letters/<id>/history.json        seluruh peristiwa berurutan: versi, jenis, waktu, pelaku, hash, data
                                         (every event in order; each hash = SHA-256 of "arsip-chain/2", previous
                                         hash, agency, stream id, version, type, canonical JSON of data,
                                         timestamp (UTC, microseconds) and actor, joined by newlines; events
                                         without header "chain" use the first form: previous hash, type,
                                         canonical JSON, recordedAt and actor)
        letters/<id>/verification.json   hasil verifikasi rantai hash dan jangkar terakhir yang memuatnya
                                         (the hash chain's verification and the newest anchor holding it)
        letters/<id>/audit-report.pdf    laporan riwayat PDF/A (PDF/A history report)
        letters/<id>/files/...           lampiran dan pindaian (attachments and scans)
        letters/<id>/issued-*.pdf        PDF surat yang diterbitkan (the issued letter)
        Periksa keutuhan: hitung SHA-256 setiap berkas dan bandingkan dengan manifest.json.
        """;

    internal sealed class DeleteOnDispose(string path) : IDisposable
    {
        public void Dispose()
        {
            try { File.Delete(path); } catch (IOException) { }
        }
    }
}
