using Arsip.ReferenceData;
using Arsip.Attachments;
using Arsip.Correspondence;

namespace Arsip.Records;

/// <summary>The static archive's receipt (tanda terima): its number, its (local) date, who signed it.</summary>
public sealed record AcceptHandover(string? ReceiptNumber, DateOnly? ReceiptDate, string? ReceivedBy);

/// <summary>The scan of the signed receipt is only staged: stored when the acceptance is, so a refused one leaves no file.</summary>
public sealed record AcceptHandoverCommand(Guid HandoverId, Caller Caller, AcceptHandover Body, MultipartUpload? Upload = null);

public static class AcceptHandoverHandler
{
    public static readonly string[] ReceiptTypes = ["application/pdf", "image/png", "image/jpeg", "image/tiff"];

    /// <summary>Recorded once the package was built and downloaded: each berkas still on it is handed over (read-only, custody with
    /// the static archive), one held since the build left out with a note. <paramref name="contentKept"/>: whether content stays here.</summary>
    public static Decision Decide(AcceptHandoverCommand command, HandoverProposal? handover, IReadOnlySet<Guid> held, bool contentKept, DateOnly today, DateTimeOffset now)
    {
        var (caller, body) = (command.Caller, command.Body);
        if (handover is null) return Decision.Refuse(Problems.NotFound("Penyerahan", command.HandoverId));
        if (!HandoverRules.MayHandle(caller))
            return Decision.Refuse(Problems.Forbidden("Penerimaan penyerahan dicatat oleh arsiparis atau administrator (only archivists and administrators record the acceptance)."));
        if (command.Upload is { } upload)
        {
            if (upload.Uploaded.Count != 1)
                return Decision.Refuse(Problems.BadRequest("receipt", "Kirim tepat satu pindaian tanda terima (send exactly one scan of the receipt)."));
            var scan = upload.Uploaded[0];
            if (!ReceiptTypes.Contains(scan.Blob.ContentType) || AddIncomingLetterAttachmentsEndpoint.Mislabelled(scan) is not null)
                return Decision.Refuse(new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType, Title = "Jenis berkas tidak diterima (unsupported file type)",
                    Detail = $"Tanda terima harus PDF atau gambar (PNG, JPEG, TIFF); isi {scan.FileName} adalah {scan.Blob.ContentType} (the receipt must be a PDF or an image).",
                });
        }
        if (handover.Status == HandoverStatus.Accepted)
            return Decision.Refuse(Problems.Conflict($"Penerimaan penyerahan {handover.Label} sudah dicatat (already recorded; nothing done)."));
        if (handover.Status != HandoverStatus.Built)
            return Decision.Refuse(Problems.Conflict($"Paket penyerahan {handover.Label} belum selesai dibuat (the package is not built yet)."));
        if (handover.Downloads == 0)
            return Decision.Refuse(Problems.Conflict("Unduh paket dan serahkan kepada lembaga kearsipan dahulu (download the package and deliver it first)."));
        var number = body.ReceiptNumber?.Trim();
        if (string.IsNullOrEmpty(number) || number.Length > 200)
            return Decision.Refuse(Problems.BadRequest("receiptNumber", "Nomor tanda terima wajib diisi, paling banyak 200 karakter (the receipt number is required, at most 200 characters)."));
        if (body.ReceiptDate is not { } date)
            return Decision.Refuse(Problems.BadRequest("receiptDate", "Tanggal tanda terima wajib diisi (the receipt date is required)."));
        if (date > today)
            return Decision.Refuse(Problems.BadRequest("receiptDate", "Tanggal tanda terima tidak boleh setelah hari ini (the receipt date cannot be in the future)."));
        if (handover.ApprovedOn is { } approved && date < approved)
            return Decision.Refuse(Problems.BadRequest("receiptDate", $"Tanggal tanda terima sebelum persetujuan {approved:yyyy-MM-dd} (the receipt date is before the approval)."));
        var receivedBy = body.ReceivedBy?.Trim();
        if (receivedBy?.Length > HandoverRules.MaxText)
            return Decision.Refuse(Problems.BadRequest("receivedBy", $"Paling banyak {HandoverRules.MaxText} karakter (at most {HandoverRules.MaxText} characters)."));

        var events = new List<object>();
        foreach (var id in handover.CaseFileIds.Where(held.Contains))
        {
            const string note = "Ditangguhkan sebelum penerimaan dicatat; tidak diserahkan (held before the acceptance was recorded; not handed over).";
            events.Add(new HandoverItemSkipped(handover.Id, id, note, now));
            events.Add(new CaseFileLeftProposal(id, handover.Id, note, now));
        }
        var handed = handover.CaseFileIds.Where(id => !held.Contains(id)).ToArray();
        events.AddRange(handed.Select(id => new CaseFileHandedOver(id, handover.Id, date, contentKept, now)));
        var receipt = command.Upload?.Uploaded[0].Blob;
        events.Add(new HandoverAccepted(handover.Id, number, date, string.IsNullOrEmpty(receivedBy) ? null : receivedBy, receipt?.Sha256, receipt?.ContentType,
            handed, contentKept, caller.PersonId, caller.Name, now));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(AcceptHandoverCommand command,
        [WriteAggregate(nameof(AcceptHandoverCommand.HandoverId), Required = false)] IEventStream<HandoverProposal> stream,
        IDocumentSession session, IMessageContext messages, RecordsSettings settings, ArsipClock clock, CancellationToken ct)
    {
        var held = stream.Aggregate is { Status: HandoverStatus.Built } h ? await LegalHolds.HeldCaseFileIdsAsync(session, h.CaseFileIds, ct) : new HashSet<Guid>();
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var decision = Decide(command, stream.Aggregate, held, settings.KeepContentAfterHandover, today, clock.GetUtcNow());
        if (decision.Refused) return decision;
        if (command.Upload is { } upload) await upload.CommitAsync(ct);
        HandoverStreams.Append(session, stream, decision);
        // the content not kept here is destroyed in durable batches after this commits (a large handover is not one transaction)
        if (!settings.KeepContentAfterHandover)
            await messages.PublishAsync(new DestroyHandedOverContent(command.HandoverId), new DeliveryOptions { TenantId = session.TenantId });
        return decision;
    }

    [WolverinePost("/api/handovers/{id}/acceptance")]
    [Tags("Arsip")]
    [EndpointSummary("Record the static archive's acceptance (receipt number and date); the berkas become handed over and read-only")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, AcceptHandover body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new AcceptHandoverCommand(id, caller, body), ct)).ToResult();

    [WolverinePost("/api/handovers/{id}/acceptance/with-receipt")]
    [Tags("Arsip")]
    [EndpointSummary("Record the acceptance with the scan of the signed receipt (multipart/form-data: receiptNumber, receiptDate, receivedBy, one PDF or image file)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public static async Task<IResult> PostWithReceipt(Guid id, HttpRequest request, [NotBody] Caller caller, IBlobStore blobs, IMessageBus bus, CancellationToken ct)
    {
        var (read, problem) = await MultipartUpload.ReadAsync(request, blobs, 1, ct);
        if (read is not { } upload) return Results.Problem(problem!);
        await using var _ = upload;
        return (await bus.InvokeForTenantAsync<Decision>(caller.Agency, Command(id, caller, upload), ct)).ToResult();
    }

    public static AcceptHandoverCommand Command(Guid id, Caller caller, MultipartUpload upload) =>
        new(id, caller, new AcceptHandover(upload.Fields.GetValueOrDefault("receiptNumber"),
            DateOnly.TryParseExact(upload.Fields.GetValueOrDefault("receiptDate"), "yyyy-MM-dd", out var date) ? date : null,
            upload.Fields.GetValueOrDefault("receivedBy")), upload);
}
