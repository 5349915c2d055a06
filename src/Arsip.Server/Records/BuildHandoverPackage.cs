using Arsip.ReferenceData;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Arsip.Attachments;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;
using Npgsql;

namespace Arsip.Records;

/// <summary>Build (or finish building) one handover's package; durable, so a restart picks it up again. The agency travels in the body.</summary>
public sealed record BuildHandoverPackage(string Agency, Guid HandoverId);

public static class BuildHandoverPackageHandler
{
    public static Task Handle(BuildHandoverPackage message, IDocumentStore store, IBlobStore blobs, IIssuedPdfStore pdfs, ILetterheads letterheads,
        AnchorSigner signer, ArsipClock clock, RecordsSettings settings, ILogger<BuildHandoverPackage> logger, CancellationToken ct) =>
        HandoverPackages.BuildAsync(message, store, blobs, pdfs, letterheads, signer, clock, settings, logger, ct);
}

/// <summary>The handover package: a BagIt bag (RFC 8493) in one ZIP, written file by file to disk (never whole in memory). Under
/// <c>data/</c>, per berkas a folder with <c>berkas.json</c>, the berkas's <c>events.jsonl</c> and <c>anchor.json</c>, and per
/// record (letter) its <c>metadata.json</c>, <c>events.jsonl</c> (every event as stored, with its hash chain), <c>anchor.json</c> and
/// files; the anchors themselves in <c>data/anchors/</c>; the list and the berita acara. The payload manifest is signed with the
/// installation's anchor key (<c>manifest-sha256.txt.sig</c>, DER ECDSA P-256 / SHA-256; the public key in <c>anchor-public-key.pem</c>).
/// <c>ops/verify-handover</c> checks all of it without Arsip.</summary>
public static class HandoverPackages
{
    public const int BatchSize = 50;
    public const string Format = "arsip-handover/1";

    private static readonly JsonWriterOptions Lines = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static string Folder(RecordsSettings settings, string agency) => Path.Combine(settings.HandoverFolder, LetterPackage.SafeName(agency));

    /// <summary>The finished package of a handover; partial files beside it are an interrupted build's.</summary>
    public static string PathOf(RecordsSettings settings, string agency, Guid id) => Path.Combine(Folder(settings, agency), $"{id}.zip");

    public static string FileName(HandoverProposal h) => $"penyerahan-{h.Number}-{h.Year}.zip";

    public static async Task BuildAsync(BuildHandoverPackage message, IDocumentStore store, IBlobStore blobs, IIssuedPdfStore pdfs, ILetterheads letterheads,
        AnchorSigner signer, ArsipClock clock, RecordsSettings settings, ILogger logger, CancellationToken ct)
    {
        var (agency, id) = (message.Agency, message.HandoverId);
        // One build per handover at a time, across nodes; the lock goes with the connection, so a killed node frees it.
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = LockKey(agency, id) } } })
            if (!(bool)(await lockCommand.ExecuteScalarAsync(ct))!)
            {
                logger.LogInformation("Handover {Id} is being built elsewhere; nothing to do", id);
                return;
            }

        int attempt;
        HandoverProposal handover;
        await using (var session = store.LightweightSession(agency))
        {
            if (await session.LoadAsync<HandoverProposal>(id, ct) is not { Status: HandoverStatus.Approved or HandoverStatus.Building } found) return; // built already: idempotent
            var now = clock.GetUtcNow();
            // the holds are asked again at execution: a berkas held since approval leaves with a note
            foreach (var held in await LegalHolds.HeldCaseFileIdsAsync(session, found.CaseFileIds, ct))
            {
                const string note = "Ditangguhkan sebelum paket dibuat; dikeluarkan dari penyerahan (held before the package was built; left out of the handover).";
                HandoverStreams.AppendOne(session, id, new HandoverItemSkipped(id, held, note, now));
                HandoverStreams.AppendOne(session, id, new CaseFileLeftProposal(held, id, note, now));
            }
            attempt = found.Attempt + 1;
            session.Events.Append(id, new HandoverPackageStarted(id, attempt, found.CaseFileIds.Count, now));
            // its own transaction: progress is visible while the build runs, and a crash leaves a restartable "Building"
            await session.SaveChangesAsync(ct);
            handover = (await session.LoadAsync<HandoverProposal>(id, ct))!;
        }
        // every stream in the package is covered by a signed anchor
        await Anchors.CreateAsync(store, agency, signer, "sistem (penyerahan)", clock.GetUtcNow(), (_, changed) => changed > 0, ct);

        var folder = Folder(settings, agency);
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.EnumerateFiles(folder, $"{id}.*")) File.Delete(stale); // an interrupted attempt's half-written package
        var partial = Path.Combine(folder, $"{id}.{attempt}.partial");
        var built = await WriteAsync(handover, agency, partial, connection, store, blobs, pdfs, letterheads, signer, clock, attempt, ct);
        File.Move(partial, PathOf(settings, agency, id), overwrite: true);

        await using (var session = store.LightweightSession(agency))
        {
            await pdfs.PutAsync(session, built.Event.ListPdfSha256, id, built.ListPdf, ct);
            await pdfs.PutAsync(session, built.Event.BeritaAcaraPdfSha256, id, built.BeritaAcaraPdf, ct);
            session.Events.Append(id, built.Event);
            await session.SaveChangesAsync(ct);
        }
        logger.LogInformation("Handover {Id}: package of {CaseFiles} berkas, {Records} records, {Bytes} bytes", id, built.Event.CaseFiles, built.Event.Records, built.Event.Bytes);
    }

    private static long LockKey(string agency, Guid id) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"handover:{agency}:{id}")));

    private sealed record Built(HandoverPackageBuilt Event, byte[] ListPdf, byte[] BeritaAcaraPdf);

    private static async Task<Built> WriteAsync(HandoverProposal handover, string agency, string path, NpgsqlConnection connection, IDocumentStore store,
        IBlobStore blobs, IIssuedPdfStore pdfs, ILetterheads letterheads, AnchorSigner signer, ArsipClock clock, int attempt, CancellationToken ct)
    {
        await using var session = store.QuerySession(agency);
        var schema = store.Options.Events.DatabaseSchemaName;
        var now = clock.GetUtcNow();
        var time = await AgencyTime.LoadAsync(session, ct);
        var letterhead = await letterheads.ForAsync(session, agency, null, ct);
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Id);
        var positions = await session.Query<Position>().ToListAsync(ct);
        var approver = await session.Query<Person>().Where(p => p.UserName == handover.ApprovedBy).FirstOrDefaultAsync(ct);
        var files = (await session.LoadManyAsync<CaseFile>(ct, handover.CaseFileIds)).OrderBy(f => f.Year).ThenBy(f => f.Number).ToList();
        // every stream as written (each berkas, then its records), read a window at a time; the covering anchors found once for all
        var order = files.SelectMany(f => f.Letters.Select(l => l.LetterId).Prepend(f.Id)).ToArray();
        var covering = await CoveringHeadsAsync(connection, schema, agency, order, ct);
        var window = new Window(order, store, schema, agency);
        var lines = files.Select((file, i) => new HandoverLine(i + 1, HandoverRules.Label(file), file.Classification, file.Title,
            CaseFileLists.Period(file.PeriodFrom, file.PeriodTo), file.Letters.Count, units.GetValueOrDefault(file.UnitId)?.Name ?? "",
            $"Permanen{(file.ReappraisedAs is not null ? " (dinilai kembali)" : "")}{(file.Vital ? ", arsip vital" : "")}")).ToList();
        var document = new HandoverDocument
        {
            Letterhead = letterhead, Number = handover.Label, Date = time.DateOf(now), AgencyName = Letterheads.AgencyName(agency),
            HandingOverName = approver?.FullName ?? handover.ApprovedBy ?? "",
            HandingOverTitle = handover.ApprovedAs ?? Authorities.AgencyHead(positions)?.Title ?? "",
            ReceivingInstitution = handover.Institution, Lines = lines, GeneratedAt = time.ToLocal(now),
        };
        // the two PDFs need only the list: rendered on the other core while the files are copied
        var listPdfTask = Task.Run(() => HandoverPdf.RenderList(document), ct);
        var beritaAcaraTask = Task.Run(() => HandoverPdf.RenderBeritaAcara(document), ct);
        var records = 0;
        var bagName = $"penyerahan-{handover.Number}-{handover.Year}";

        string zipSha;
        long zipBytes;
        var bag = new BagWriter(bagName);
        // unbuffered: the write-behind stream hands it whole megabytes
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
        {
            using var zipHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var hashing = new WriteBehindStream(output, zipHash))
            {
                await using (var zip = new ZipArchive(hashing, ZipArchiveMode.Create, leaveOpen: true))
                {
                    bag.Zip = zip;
                    var progress = Task.CompletedTask;
                    for (var i = 0; i < files.Count; i++)
                    {
                        var file = files[i];
                        var folder = $"data/berkas/{file.Id}";
                        var letters = file.Letters.Select(l => l.LetterId).ToList();
                        await bag.AddJsonAsync($"{folder}/berkas.json", new
                        {
                            format = Format, agency, handover = handover.Label, unit = units.GetValueOrDefault(file.UnitId)?.Name, caseFile = file,
                            finalAction = file.FinalAction, records = letters,
                        }, ct);
                        await AddStreamAsync(bag, folder, file.Id, await window.EventsAsync(file.Id, ct), covering, ct);
                        foreach (var letterId in letters)
                        {
                            var recordFolder = $"{folder}/records/{letterId}";
                            var events = await window.EventsAsync(letterId, ct);
                            var (incoming, outgoing) = window.View(letterId);
                            await bag.AddJsonAsync($"{recordFolder}/metadata.json", (object?)incoming ?? outgoing, ct);
                            await AddStreamAsync(bag, recordFolder, letterId, events, covering, ct);
                            await foreach (var (name, content) in LetterPackage.FilesAsync(session, blobs, pdfs, letterId, incoming, outgoing, ct))
                                await using (content) await bag.AddAsync($"{recordFolder}/{name}", s => content.CopyToAsync(s, 1 << 20, ct), ct);
                        }
                        records += letters.Count;
                        if ((i + 1) % BatchSize == 0 || i == files.Count - 1)
                        {
                            // saved while the next berkas are copied; one at a time, in order, the last one before the package is done
                            await progress;
                            progress = ProgressAsync(store, agency, handover.Id, attempt, i + 1, clock, ct);
                        }
                    }
                    await progress;
                    var anchorIds = order.Select(covering.GetValueOrDefault).Where(h => h is not null).Select(h => h!.AnchorId).Distinct().ToArray();
                    var anchors = (await session.LoadManyAsync<AuditAnchor>(ct, anchorIds)).ToDictionary(a => a.Id);
                    foreach (var anchor in anchorIds.Select(a => anchors[a])) await bag.AddJsonAsync($"data/anchors/{anchor.Id}.json", anchor, ct);

                    var listPdf = await listPdfTask;
                    var beritaAcara = await beritaAcaraTask;
                    await bag.AddBytesAsync("data/daftar-arsip-statis-yang-diserahkan.pdf", listPdf, ct);
                    await bag.AddBytesAsync("data/berita-acara-penyerahan.pdf", beritaAcara, ct);

                    var manifest = bag.Manifest();
                    var info = new StringBuilder()
                        .Append("Source-Organization: ").Append(Letterheads.AgencyName(agency)).Append('\n')
                        .Append("External-Identifier: ").Append(handover.Label).Append('\n')
                        .Append("Internal-Sender-Identifier: ").Append(handover.Id).Append('\n')
                        .Append("External-Description: Penyerahan arsip statis kepada ").Append(handover.Institution.ReplaceLineEndings(" ")).Append('\n')
                        .Append("Bagging-Date: ").Append(time.DateOf(now).ToString("yyyy-MM-dd")).Append('\n')
                        .Append("Payload-Oxum: ").Append(bag.PayloadBytes).Append('.').Append(bag.PayloadCount).Append('\n')
                        .Append("Arsip-Format: ").Append(Format).Append('\n')
                        .Append("Arsip-Agency: ").Append(agency).Append('\n')
                        .Append("Arsip-Berkas-Count: ").Append(files.Count).Append('\n')
                        .Append("Arsip-Record-Count: ").Append(records).Append('\n')
                        .Append("Arsip-Anchor-Key-Id: ").Append(signer.KeyId).Append('\n')
                        .Append("Arsip-Files-Note: Issued PDFs and the two lists are PDF/A-2b; scans and attachments are kept exactly as received (not converted to PDF/A).\n")
                        .Append("Arsip-Chain-Note: events.jsonl holds every event as stored; each hash is SHA-256 of arsip-chain/2, previous hash, agency, stream id, version, type, canonical JSON of data, recordedAt and actor, joined by newlines.\n");
                    await bag.AddTagAsync("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"u8.ToArray(), ct);
                    await bag.AddTagAsync("bag-info.txt", Encoding.UTF8.GetBytes(info.ToString()), ct);
                    await bag.AddTagAsync("manifest-sha256.txt", manifest, ct);
                    await bag.AddTagAsync("manifest-sha256.txt.sig", signer.SignDer(manifest), ct);
                    await bag.AddTagAsync("anchor-public-key.pem", Encoding.ASCII.GetBytes(signer.PublicKeyPem + "\n"), ct);
                    await bag.AddTagAsync("tagmanifest-sha256.txt", bag.TagManifest(), ct, listed: false);

                    var built = new HandoverPackageBuilt(handover.Id, FileName(handover), "", 0, Convert.ToHexStringLower(SHA256.HashData(manifest)),
                        Sha(listPdf), Sha(beritaAcara), files.Count, records, now);
                    bag.Result = new Built(built, listPdf, beritaAcara);
                }
                await hashing.CompleteAsync();
                zipBytes = hashing.Written;
            }
            zipSha = Convert.ToHexStringLower(zipHash.GetHashAndReset());
            output.Flush(flushToDisk: true);
        }
        return bag.Result! with { Event = bag.Result!.Event with { Sha256 = zipSha, Bytes = zipBytes } };
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task ProgressAsync(IDocumentStore store, string agency, Guid id, int attempt, int done, ArsipClock clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession(agency);
        session.Events.Append(id, new HandoverPackageProgressed(id, attempt, done, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
    }

    /// <summary>A stream's events as stored (what the chain hashes) and the head of the anchor that covers it, as <c>events.jsonl</c> and <c>anchor.json</c>.</summary>
    private static async Task AddStreamAsync(BagWriter bag, string folder, Guid stream, IReadOnlyList<StoredEvent> events,
        Dictionary<Guid, CoveringHead> covering, CancellationToken ct)
    {
        await bag.AddAsync($"{folder}/events.jsonl", s => WriteEventsAsync(s, stream, events, ct), ct);
        if (covering.TryGetValue(stream, out var head))
            await bag.AddJsonAsync($"{folder}/anchor.json", new { anchorId = head.AnchorId, stream, head.Version, head.Hash }, ct);
    }

    private sealed record CoveringHead(Guid AnchorId, long Version, string Hash);

    /// <summary>Per stream, the head in the anchor <see cref="Anchors.CoveringAsync"/> picks (the one covering most, then the latest), for
    /// every stream at once: one pass over the anchors' heads instead of loading a whole anchor (one head per stream it covers) per stream.</summary>
    private static async Task<Dictionary<Guid, CoveringHead>> CoveringHeadsAsync(NpgsqlConnection connection, string schema, string agency, Guid[] streams, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
             select distinct on (s.id) s.id, a.id, (h->>'Version')::bigint, h->>'Hash'
             from {schema}.mt_doc_auditanchor a
             cross join lateral jsonb_array_elements(a.data->'Heads') h
             join unnest($2::uuid[]) s(id) on s.id = (h->>'StreamId')::uuid
             where a.tenant_id = $1 and a.data->>'Format' = '{Anchors.Format}'
             order by s.id, (a.data->>'CoveredThrough')::bigint desc, (a.data->>'CreatedAt')::timestamptz desc
             """, connection) { Parameters = { new() { Value = agency }, new() { Value = streams } } };
        var heads = new Dictionary<Guid, CoveringHead>(streams.Length);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) heads[reader.GetGuid(0)] = new CoveringHead(reader.GetGuid(1), reader.GetInt64(2), reader.IsDBNull(3) ? "" : reader.GetString(3));
        return heads;
    }

    /// <summary>The streams in the order they are written, their events and letter views loaded <see cref="Size"/> streams at a time
    /// (three round trips per window instead of several per record); the next window is read (on its own connection and
    /// session) while the current one is written, so the build does not wait on PostgreSQL between windows. Two windows at most are held.</summary>
    private sealed class Window(Guid[] order, IDocumentStore store, string schema, string agency)
    {
        private const int Size = 500;
        private int _next, _loadedTo;
        private Loaded _current = new([], [], []);
        private Task<Loaded>? _prefetch;

        private sealed record Loaded(Dictionary<Guid, List<StoredEvent>> Events, Dictionary<Guid, IncomingLetterView> Incoming, Dictionary<Guid, OutgoingLetterView> Outgoing);

        public async Task<IReadOnlyList<StoredEvent>> EventsAsync(Guid stream, CancellationToken ct)
        {
            if (_next >= order.Length || order[_next] != stream) throw new InvalidOperationException($"Stream {stream} read out of order");
            if (_next >= _loadedTo)
            {
                _current = await (_prefetch ?? LoadAsync(order[_next..Math.Min(order.Length, _next + Size)], ct));
                _loadedTo = Math.Min(order.Length, _next + Size);
                _prefetch = _loadedTo < order.Length ? LoadAsync(order[_loadedTo..Math.Min(order.Length, _loadedTo + Size)], ct) : null;
            }
            _next++;
            return _current.Events.GetValueOrDefault(stream) ?? [];
        }

        public (IncomingLetterView?, OutgoingLetterView?) View(Guid letter) =>
            _current.Incoming.TryGetValue(letter, out var incoming) ? (incoming, null) : (null, _current.Outgoing.GetValueOrDefault(letter));

        private async Task<Loaded> LoadAsync(Guid[] streams, CancellationToken ct)
        {
            await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            var events = await ChainVerifier.ReadManyAsync(connection, schema, agency, streams, ct);
            await using var session = store.QuerySession(agency);
            var incoming = (await session.LoadManyAsync<IncomingLetterView>(ct, streams)).ToDictionary(l => l.Id);
            var rest = streams.Where(s => !incoming.ContainsKey(s)).ToArray();
            var outgoing = rest.Length == 0 ? [] : (await session.LoadManyAsync<OutgoingLetterView>(ct, rest)).ToDictionary(l => l.Id);
            return new(events, incoming, outgoing);
        }
    }

    /// <summary>One line per event: stream, version, type, data (the stored JSON, byte for byte), hash, recordedAt, actor, format.</summary>
    public static async Task WriteEventsAsync(Stream target, Guid stream, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        await using var writer = new Utf8JsonWriter(target, Lines);
        foreach (var e in events)
        {
            writer.WriteStartObject();
            writer.WriteString("stream", stream);
            writer.WriteNumber("version", e.Version);
            writer.WriteString("type", e.Type);
            writer.WritePropertyName("data");
            writer.WriteRawValue(e.Data, skipInputValidation: true);
            writer.WriteString("hash", e.Hash);
            writer.WriteString("recordedAt", e.RecordedAt);
            writer.WriteString("actor", e.Actor);
            writer.WriteNumber("format", e.Format);
            writer.WriteEndObject();
            await writer.FlushAsync(ct);
            await target.WriteAsync("\n"u8.ToArray(), ct);
            writer.Reset(target);
        }
    }

    /// <summary>The package's own SHA-256 and the file writes on the other core: what the ZIP writer hands over is gathered into
    /// 1 MB buffers, which a second task hashes and writes while the next entry is read, hashed and checksummed. A build that
    /// hashed the whole package on the same thread as the entries hashed every byte twice in a row.</summary>
    private sealed class WriteBehindStream : Stream
    {
        private const int BufferBytes = 1 << 20;
        private readonly Stream _inner;
        private readonly IncrementalHash _hash;
        private readonly System.Threading.Channels.Channel<(byte[] Buffer, int Length)> _full =
            System.Threading.Channels.Channel.CreateBounded<(byte[], int)>(new System.Threading.Channels.BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        private readonly Task _writer;
        private byte[] _current = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferBytes);
        private int _used;
        private bool _completed;

        public WriteBehindStream(Stream inner, IncrementalHash hash)
        {
            (_inner, _hash) = (inner, hash);
            _writer = Task.Run(DrainAsync);
        }

        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        // a flush only hands over what is gathered; CompleteAsync waits for the disk
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
            buffer.CopyTo(copy);
            try { WriteAsync(copy.AsMemory(0, buffer.Length)).AsTask().GetAwaiter().GetResult(); }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(copy); }
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (_completed) throw new InvalidOperationException("The package is complete");
            Written += buffer.Length;
            while (buffer.Length > 0)
            {
                var take = Math.Min(buffer.Length, BufferBytes - _used);
                buffer.Span[..take].CopyTo(_current.AsSpan(_used));
                (_used, buffer) = (_used + take, buffer[take..]);
                if (_used == BufferBytes) await HandOverAsync(ct);
            }
        }

        private async ValueTask HandOverAsync(CancellationToken ct)
        {
            if (_used == 0) return;
            try { await _full.Writer.WriteAsync((_current, _used), ct); }
            catch (System.Threading.Channels.ChannelClosedException) { await _writer; throw; } // the writer failed: its exception
            (_current, _used) = (System.Buffers.ArrayPool<byte>.Shared.Rent(BufferBytes), 0);
        }

        private async Task DrainAsync()
        {
            try
            {
                await foreach (var (buffer, length) in _full.Reader.ReadAllAsync())
                {
                    _hash.AppendData(buffer, 0, length);
                    await _inner.WriteAsync(buffer.AsMemory(0, length));
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            catch (Exception e)
            {
                _full.Writer.TryComplete(e);
                throw;
            }
        }

        /// <summary>Everything handed over, hashed and written to the file.</summary>
        public async Task CompleteAsync()
        {
            if (_completed) return;
            await HandOverAsync(CancellationToken.None);
            _completed = true;
            _full.Writer.TryComplete();
            await _writer;
            System.Buffers.ArrayPool<byte>.Shared.Return(_current);
        }

        public override async ValueTask DisposeAsync()
        {
            // a build that failed half-way: stop the writer, its file is deleted by the next attempt
            _completed = true;
            _full.Writer.TryComplete();
            try { await _writer; } catch { /* the build's own exception is the one that matters */ }
            await base.DisposeAsync();
        }
    }

    /// <summary>Writes entries under the bag's folder, hashing each as it goes; payload (data/) and tag files are manifested apart.</summary>
    private sealed class BagWriter(string root)
    {
        private readonly List<(string Path, string Sha256)> _payload = [];
        private readonly List<(string Path, string Sha256)> _tags = [];
        public ZipArchive Zip { get; set; } = null!;
        public long PayloadBytes { get; private set; }
        public int PayloadCount => _payload.Count;
        public Built? Result { get; set; }

        public async Task AddAsync(string name, Func<Stream, Task> write, CancellationToken ct, bool tag = false, bool listed = true)
        {
            // stored, not deflated: scans and PDFs do not shrink, and the build is then limited by the disk alone
            var entry = Zip.CreateEntry($"{root}/{name}", CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(ct);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var hashing = new LetterPackage.HashingStream(target, hash);
            await write(hashing);
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!tag) PayloadBytes += hashing.Written;
            if (listed) (tag ? _tags : _payload).Add((name, sha));
        }

        public Task AddBytesAsync(string name, byte[] bytes, CancellationToken ct) => AddAsync(name, s => s.WriteAsync(bytes, ct).AsTask(), ct);

        public Task AddJsonAsync(string name, object? value, CancellationToken ct) =>
            AddAsync(name, s => JsonSerializer.SerializeAsync(s, value, value?.GetType() ?? typeof(object), LetterPackage.Json, ct), ct);

        public Task AddTagAsync(string name, byte[] bytes, CancellationToken ct, bool listed = true) =>
            AddAsync(name, s => s.WriteAsync(bytes, ct).AsTask(), ct, tag: true, listed);

        public byte[] Manifest() => Lines(_payload);
        public byte[] TagManifest() => Lines(_tags);

        private static byte[] Lines(List<(string Path, string Sha256)> files) =>
            Encoding.UTF8.GetBytes(string.Concat(files.Select(f => $"{f.Sha256}  {f.Path}\n")));
    }
}
