using System.Globalization;
using Arsip.Attachments;

namespace Arsip.Records;

/// <summary>The approval of ANRI or the regional archive (needed when a listed berkas has 10 or more years of retention):
/// multipart fields <c>number</c>, <c>date</c> (yyyy-MM-dd), <c>issuer</c> and the scan as one file (PDF or image,
/// recognised by content: anything else 415). Staged, stored only once accepted.</summary>
public sealed record RecordDisposalExternalApprovalCommand(Guid DisposalId, Caller Caller, MultipartUpload Upload);

public static class RecordDisposalExternalApprovalHandler
{
    public const int MaxText = 200;

    public static Decision Decide(RecordDisposalExternalApprovalCommand command, DisposalProposal? disposal, DateOnly today, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (disposal is null) return Decision.Refuse(Problems.NotFound("Usul musnah", command.DisposalId));
        if (!caller.Has(Role.Archivist) && !caller.Has(Role.Administrator))
            return Decision.Refuse(Problems.Forbidden("Persetujuan ANRI/lembaga kearsipan daerah dicatat oleh arsiparis atau administrator (only archivists and administrators record it)."));
        var fields = command.Upload.Fields;
        var number = fields.GetValueOrDefault("number")?.Trim();
        var issuer = fields.GetValueOrDefault("issuer")?.Trim();
        var dateText = fields.GetValueOrDefault("date")?.Trim();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(number)) errors["number"] = ["Nomor surat persetujuan wajib diisi (the approval letter's number is required)."];
        else if (number.Length > MaxText) errors["number"] = [$"Nomor paling banyak {MaxText} karakter (at most {MaxText} characters)."];
        if (string.IsNullOrEmpty(issuer)) errors["issuer"] = ["Penerbit persetujuan wajib diisi, mis. Arsip Nasional Republik Indonesia (the issuer is required)."];
        else if (issuer.Length > MaxText) errors["issuer"] = [$"Penerbit paling banyak {MaxText} karakter (at most {MaxText} characters)."];
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors["date"] = ["Tanggal surat persetujuan wajib diisi, format yyyy-MM-dd (the approval letter's date is required)."];
        else if (date > today) errors["date"] = ["Tanggal surat persetujuan tidak boleh di masa depan (the date cannot be in the future)."];
        if (command.Upload.Uploaded.Count != 1) errors["file"] = ["Lampirkan tepat satu pindaian surat persetujuan, PDF atau gambar (exactly one scan, PDF or image)."];
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Permintaan tidak valid (invalid request)" });
        if (disposal.Ended) return Decision.Refuse(DisposalRules.DecidedConflict(disposal));
        if (disposal.Status is DisposalStatus.Executing or DisposalStatus.Completed)
            return Decision.Refuse(Problems.Conflict("Pemusnahan sudah dilaksanakan (already executed)."));
        if (disposal.ExternalApproval is not null)
            return Decision.Refuse(Problems.Conflict("Persetujuan eksternal sudah dicatat (already recorded; a duplicate request)."));
        if (!disposal.NeedsExternalApproval)
            return Decision.Refuse(Problems.Conflict($"Tidak ada berkas dengan retensi {DisposalRules.ExternalApprovalYears} tahun atau lebih dalam usul ini; persetujuan eksternal tidak diperlukan (no external approval is needed)."));
        if (disposal.Status == DisposalStatus.Assessing)
            return Decision.Refuse(Problems.Conflict("Panitia penilai belum selesai menilai (the committee has not finished its assessment)."));
        var file = command.Upload.Uploaded[0];
        var name = Path.GetFileName(file.FileName);
        if (name.Length > MaxText) name = name[..MaxText];
        return Decision.Accept(new DisposalExternalApprovalRecorded(disposal.Id, number!, date, issuer!, file.Blob.Sha256, file.Blob.ContentType, file.Blob.Length,
            name.Length > 0 ? name : "persetujuan", caller.PersonId, caller.Name, now));
    }

    /// <summary>The scan is stored once accepted, before the event commits, so no event names a file that is not there.</summary>
    public static async Task<Decision> Handle(RecordDisposalExternalApprovalCommand command,
        [WriteAggregate(nameof(RecordDisposalExternalApprovalCommand.DisposalId), Required = false)] IEventStream<DisposalProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var time = await ReferenceData.AgencyTime.LoadAsync(session, ct);
        var decision = Decide(command, stream.Aggregate, time.Today(clock), clock.GetUtcNow());
        if (decision.Refused) return decision;
        await command.Upload.CommitAsync(ct);
        stream.AppendMany(decision.Events);
        return decision;
    }

    [WolverinePost("/api/disposals/{id}/external-approval")]
    [Tags("Arsip")]
    [EndpointSummary("Record the approval of ANRI or the regional archive (multipart: number, date, issuer, and the scan as a PDF or image file)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, HttpRequest request, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, IMessageBus bus, CancellationToken ct)
    {
        // an unknown proposal answers 404 before its upload is read
        if (await session.LoadAsync<DisposalProposal>(id, ct) is null) return Results.Problem(Problems.NotFound("Usul musnah", id));
        var (read, problem) = await MultipartUpload.ReadAsync(request, blobs, 1, ct);
        if (read is not { } upload) return Results.Problem(problem!);
        await using var _ = upload;
        return (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RecordDisposalExternalApprovalCommand(id, caller, upload), ct)).ToResult();
    }
}
