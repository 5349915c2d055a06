using System.Text.Json;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Onboarding;
using Arsip.Organization;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Arsip.Exchange;

/// <summary>The intake: who signed (a peer in the directory), for whom (an agency hosted here, from an agency that peer hosts), when
/// (within the allowed clock skew), and the bytes (each file's SHA-256 as signed, the total under the limit). Every answer is signed.</summary>
public static class ReceiveEnvelopeEndpoint
{
    [WolverinePost(EnvelopePaths.Intake)]
    [AllowAnonymous]
    [Tags("Instalasi")]
    [EndpointSummary("Receive a signed envelope from a peer installation (multipart: envelope JSON + files); answers a signed receipt or a signed refusal")]
    [ProducesResponseType<EnvelopeReceipt>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public static async Task<IResult> Post(HttpRequest request, PeerDirectory peers, AgencyDirectory agencies, IBlobStore blobs, IDocumentStore store, GroupCommit commits,
        ExchangeKey key, IOptions<ExchangeOptions> options, ArsipClock clock, RefusalLog refusals, ILogger<LetterEnvelope> logger, CancellationToken ct)
    {
        var limits = options.Value;
        Guid? envelopeId = null;
        var claims = new RefusalClaims(request.Headers[EnvelopeFormat.KeyIdHeader].ToString());
        async Task<IResult> Refuse(int status, string detail)
        {
            logger.LogWarning("Envelope {Envelope} refused ({Status}): {Detail}", envelopeId, status, detail);
            await refusals.RecordAsync(RefusedItem.Envelope, claims with { EnvelopeId = envelopeId ?? claims.EnvelopeId }, status, detail, request.HttpContext, ct);
            return Signed(key, status, JsonSerializer.SerializeToUtf8Bytes(new ProblemDetails
            {
                Status = status, Title = "Amplop ditolak (envelope refused)", Detail = detail, Extensions = { ["envelopeId"] = envelopeId },
            }, EnvelopeFormat.Json), "application/problem+json");
        }

        var peer = await peers.ByKeyIdAsync(claims.KeyId, ct);
        claims = claims with { PeerId = peer?.PeerId };
        if (request.ContentLength > limits.MaxEnvelopeBytes)
            return await Refuse(StatusCodes.Status413PayloadTooLarge, $"Amplop melebihi {limits.MaxEnvelopeBytes} bita (the envelope exceeds {limits.MaxEnvelopeBytes} bytes).");
        const string unknown = "Pengirim tidak ada dalam direktori instalasi ini (unknown sender).";
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
            return peer is null ? await Refuse(StatusCodes.Status403Forbidden, unknown)
                : await Refuse(StatusCodes.Status415UnsupportedMediaType, "Kirim sebagai multipart/form-data (send multipart/form-data).");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = limits.MaxEnvelopeBytes + 1024 * 1024;

        var staged = new List<StagedBlob>();
        try
        {
            // 64 KB instead of the reader's 4 KB: a 1 MB file in 16 reads, not 256
            var reader = new MultipartReader(boundary, request.Body, 64 * 1024) { BodyLengthLimit = null };
            if (await reader.ReadNextSectionAsync(ct) is not { } head || !ContentDispositionHeaderValue.TryParse(head.ContentDisposition, out var headName)
                || HeaderUtilities.RemoveQuotes(headName.Name).Value != EnvelopeFormat.EnvelopePart)
                return peer is null ? await Refuse(StatusCodes.Status403Forbidden, unknown)
                    : await Refuse(StatusCodes.Status400BadRequest, "Bagian pertama harus amplop (the first part must be the envelope).");
            // read at most one byte past the limit: an unknown sender's envelope is read only for the names it claims (the refusal record)
            using var json = await ReadAtMostAsync(head.Body, EnvelopeFormat.MaxEnvelopeJson + 1, ct);
            if (json.Length > EnvelopeFormat.MaxEnvelopeJson)
                return peer is null ? await Refuse(StatusCodes.Status403Forbidden, unknown)
                    : await Refuse(StatusCodes.Status413PayloadTooLarge, "Data amplop terlalu besar (envelope data too large).");
            var bytes = json.ToArray();
            claims = claims.With(bytes, RefusedItem.Envelope);
            if (peer is null) return await Refuse(StatusCodes.Status403Forbidden, unknown);
            if (!peer.Signed(bytes, request.Headers[EnvelopeFormat.SignatureHeader].ToString()))
                return await Refuse(StatusCodes.Status403Forbidden, "Tanda tangan amplop tidak sah (bad envelope signature).");
            var envelope = JsonSerializer.Deserialize<LetterEnvelope>(bytes, EnvelopeFormat.Json);
            if (envelope?.Letter is not { } letter) return await Refuse(StatusCodes.Status400BadRequest, "Amplop kosong (empty envelope).");
            envelopeId = envelope.EnvelopeId;
            if (envelope.FromKeyId != peer.KeyId || letter.DeliveryId != envelope.EnvelopeId || letter.FromAgency != envelope.FromAgency)
                return await Refuse(StatusCodes.Status400BadRequest, "Isi amplop tidak konsisten (inconsistent envelope).");
            if ((clock.GetUtcNow() - envelope.SignedAt).Duration() > limits.MaxClockSkew)
                return await Refuse(StatusCodes.Status422UnprocessableEntity, $"Amplop ditandatangani {envelope.SignedAt:u}: terlalu lama, salinan ulang ditolak (signed too long ago: a replayed copy).");
            if (!peer.Agencies.Contains(envelope.FromAgency))
                return await Refuse(StatusCodes.Status403Forbidden, $"Instalasi {peer.PeerId} tidak melayani {envelope.FromAgency} menurut direktori (the peer does not host the sending agency).");
            if (await agencies.FindAsync(envelope.ToAgency, ct) is not { Suspended: false })
                return await Refuse(StatusCodes.Status404NotFound, $"Instansi {envelope.ToAgency} tidak dilayani di sini (agency not hosted here).");

            // one round trip: whether this envelope was registered before, where it would land (positions, units), its agenda book
            await using var session = store.QuerySession(envelope.ToAgency);
            var batch = session.CreateBatchQuery();
            var done = batch.Load<IncomingLetterFingerprint>(IncomingDelivery.Key(envelope.EnvelopeId));
            var positions = batch.Query<Position>().ToList();
            var units = batch.Query<Unit>().ToList();
            var numbering = batch.Load<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream);
            await batch.Execute(ct);
            if (await done is { } fingerprint) return Receipt(key, await ReceiptOfAsync(session, envelope, fingerprint, key, ct)); // a second copy: the same receipt
            var routing = DeliverLetterHandler.Decide(letter, envelope.ToAgency, await positions, await units);
            var agendaSequence = IncomingLetterRegistration.AgendaSequence(await numbering, routing.Registrar);

            var declared = (letter.Files ?? []).ToDictionary(f => f.Sha256, StringComparer.Ordinal);
            long total = json.Length;
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var part) || HeaderUtilities.RemoveQuotes(part.Name).Value != EnvelopeFormat.FilePart) continue;
                StagedBlob blob;
                try { blob = await blobs.StageAsync(section.Body, ct); }
                catch (BlobRefusedException refused) { return await Refuse(refused.Status, refused.Message); }
                staged.Add(blob);
                total += blob.Blob.Length;
                if (total > limits.MaxEnvelopeBytes)
                    return await Refuse(StatusCodes.Status413PayloadTooLarge, $"Amplop melebihi {limits.MaxEnvelopeBytes} bita (the envelope exceeds {limits.MaxEnvelopeBytes} bytes).");
                if (!declared.TryGetValue(blob.Blob.Sha256, out var file) || file.Length != blob.Blob.Length)
                    return await Refuse(StatusCodes.Status422UnprocessableEntity, "Berkas tidak cocok dengan SHA-256 yang ditandatangani (a file does not match its signed SHA-256).");
            }
            if (declared.Keys.Except(staged.Select(s => s.Blob.Sha256)).Any())
                return await Refuse(StatusCodes.Status422UnprocessableEntity, "Berkas yang disebut dalam amplop tidak terkirim (a file named in the envelope is missing).");

            foreach (var blob in staged) await blob.CommitAsync(ct);
            try
            {
                return Receipt(key, await RegisterAsync(commits, envelope, routing, agendaSequence, key, clock));
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // two copies at once: the loser's insert of the delivery fingerprint fails; it answers the winner's receipt
                if (await ExistingAsync(session, envelope, key, ct) is { } winner) return Receipt(key, winner);
                throw;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            return await Refuse(StatusCodes.Status400BadRequest, $"Amplop rusak (malformed envelope): {e.Message}");
        }
        finally
        {
            foreach (var blob in staged) await blob.DisposeAsync();
        }
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes; the caller sees a longer body by the length.</summary>
    public static async Task<MemoryStream> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while (copy.Length < limit && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - copy.Length)), ct)) > 0)
            copy.Write(buffer, 0, read);
        return copy;
    }

    /// <summary>Through the group commit: envelopes arriving together share one transaction on the agenda counter (its row lock would
    /// otherwise let one registration commit at a time); a second copy of the envelope fails its fingerprint insert alone.</summary>
    private static async Task<EnvelopeReceipt> RegisterAsync(GroupCommit commits, LetterEnvelope envelope, DeliveryRouting routing, string agendaSequence, ExchangeKey key,
        ArsipClock clock)
    {
        var letter = envelope.Letter;
        var plan = IncomingDelivery.Plan(envelope.EnvelopeId, Guid.CreateVersion7(clock.GetUtcNow()), routing.Addressee, agendaSequence,
            letter.SenderName, letter.LetterNumber, letter.LetterDate, routing.Content, letter.Files ?? [], routing.Registrar, clock,
            new DeliveryOrigin(envelope.EnvelopeId, letter.FromAgency, letter.FromLetterId, ByEnvelope: true));
        var registered = await commits.RunAsync(envelope.ToAgency, plan.AgendaSequence, plan.Year, plan.Stage);
        return new EnvelopeReceipt(envelope.EnvelopeId, envelope.ToAgency, registered.LetterId, registered.AgendaNumber, registered.RegisteredAt, key.KeyId);
    }

    public static async Task<EnvelopeReceipt?> ExistingAsync(IQuerySession session, LetterEnvelope envelope, ExchangeKey key, CancellationToken ct) =>
        await session.LoadAsync<IncomingLetterFingerprint>(IncomingDelivery.Key(envelope.EnvelopeId), ct) is { } done ? await ReceiptOfAsync(session, envelope, done, key, ct) : null;

    private static async Task<EnvelopeReceipt> ReceiptOfAsync(IQuerySession session, LetterEnvelope envelope, IncomingLetterFingerprint done, ExchangeKey key, CancellationToken ct)
    {
        var letter = await session.LoadAsync<IncomingLetterView>(done.LetterId, ct);
        return new EnvelopeReceipt(envelope.EnvelopeId, envelope.ToAgency, done.LetterId, letter?.AgendaNumber ?? 0, letter?.RegisteredAt ?? default, key.KeyId);
    }

    private static IResult Receipt(ExchangeKey key, EnvelopeReceipt receipt) =>
        Signed(key, StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(receipt, EnvelopeFormat.Json), "application/json");

    private static IResult Signed(ExchangeKey key, int status, byte[] body, string contentType) => new SignedResult(key.Sign(body), key.KeyId, status, body, contentType);

    private sealed class SignedResult(string signature, string keyId, int status, byte[] body, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = contentType;
            http.Response.Headers[EnvelopeFormat.SignatureHeader] = signature;
            http.Response.Headers[EnvelopeFormat.KeyIdHeader] = keyId;
            await http.Response.Body.WriteAsync(body);
        }
    }
}
