using Arsip.Infrastructure;
using Arsip.ReferenceData;
using System.Security.Cryptography;
using Arsip.Documents;
using Arsip.Organization;
using Arsip.Pdf;

namespace Arsip.Records;

public sealed record AcceptTransferCommand(Guid TransferId, Caller Caller);

/// <summary>What acceptance did: the berita acara's number, the berkas moved and those skipped (held), or that it had already happened.</summary>
public sealed record TransferAcceptance(Guid Id, string? ReportNumber, int Transferred, IReadOnlyList<TransferSkip> Skipped, bool AlreadyAccepted, string Message);

public sealed record TransferSkip(Guid CaseFileId, string Number, string Reason);

public static class AcceptTransferHandler
{
    public const string ReportSequence = "berita-acara-pemindahan";

    /// <summary>The records centre (its head or an archivist) accepts an approved proposal on its local date: a berkas held since the
    /// proposal is skipped with a note, the others move into its custody; accepting again changes nothing. The handler fills
    /// in the berita acara's number and hash once accepted.</summary>
    public static Decision Decide(AcceptTransferCommand command, TransferProposal? transfer, IReadOnlyCollection<Position> positions,
        IReadOnlyDictionary<Guid, IReadOnlyList<LegalHold>> holds, DateOnly today, DateTimeOffset now)
    {
        if (transfer is null) return Decision.Refuse(Problems.NotFound("Usulan pemindahan", command.TransferId));
        if (!TransferRules.MayReceive(command.Caller, positions) || Authorities.RecordsCentreUnit(positions) is not { } centre)
            return Decision.Refuse(Problems.Forbidden("Hanya kepala atau arsiparis unit kearsipan yang menerima pemindahan (only the records centre accepts)."));
        if (transfer.Status == TransferStatus.Accepted) return Decision.Accept();
        if (transfer.Status != TransferStatus.Approved)
            return Decision.Refuse(Problems.Conflict("Usulan belum disetujui kepala unit atau sudah ditutup (not approved by the unit head, or closed)."));
        var held = transfer.Items.Where(i => holds.GetValueOrDefault(i.CaseFileId) is { Count: > 0 }).ToList();
        if (held.Count == transfer.Items.Count)
            return Decision.Refuse(Problems.Conflict("Semua berkas dalam usulan ini ditangguhkan; tidak ada yang dapat dipindahkan (every berkas is under a legal hold)."));
        var caller = command.Caller;
        var events = new List<object>();
        foreach (var i in held)
        {
            var note = $"Berkas {i.Number} ditangguhkan ({string.Join("; ", holds[i.CaseFileId].Select(h => h.Reference))}); tetap di unit pengolah";
            events.Add(new TransferItemSkipped(transfer.Id, i.CaseFileId, note, now));
            events.Add(new CaseFileLeftProposal(i.CaseFileId, transfer.Id, note, now));
        }
        var moved = transfer.Items.Except(held).ToList();
        events.Add(new TransferAccepted(transfer.Id, centre, [.. moved.Select(i => i.CaseFileId)], caller.PersonId, caller.Name, today, "", "", now));
        events.AddRange(moved.Select(i => new CaseFileTransferred(i.CaseFileId, transfer.Id, centre, today, now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Outcome<TransferAcceptance>> Handle(AcceptTransferCommand command,
        [WriteAggregate(nameof(AcceptTransferCommand.TransferId), Required = false)] IEventStream<TransferProposal> stream,
        IDocumentSession session, ArsipClock clock, ILetterheads letterheads, IIssuedPdfStore pdfs, CancellationToken ct)
    {
        var transfer = stream.Aggregate;
        var positions = await session.Query<Position>().ToListAsync(ct);
        var files = transfer is { Status: TransferStatus.Approved }
            ? (await session.LoadManyAsync<CaseFile>(ct, transfer.Items.Select(i => i.CaseFileId).ToArray())).ToList()
            : [];
        // asked again now, not trusted from the proposal: a hold placed since then keeps its berkas
        var holds = await LegalHolds.CaseFilesHeldAsync(session, files, ct);
        var time = await AgencyTime.LoadAsync(session, ct);
        var today = time.Today(clock);
        var decision = Decide(command, transfer, positions, holds, today, clock.GetUtcNow());
        if (decision.Refused) return new(decision, null);
        if (decision.Events.Count == 0)
            return new(decision, new(transfer!.Id, transfer.ReportNumber, transfer.Items.Count, Skips(transfer.Skipped, transfer), true,
                $"Pemindahan ini sudah diterima pada {IndonesianDate.Format(transfer.AcceptedOn!.Value)}; tidak ada yang diubah (already accepted; nothing changed)."));

        var accepted = decision.Events.OfType<TransferAccepted>().Single();
        var number = await Sequences.NextAsync(session, ReportSequence, today.Year, ct);
        var reportNumber = $"{number}/BA-PMD/{today.Year}";
        var centre = await session.LoadAsync<Unit>(accepted.RecordsCentreUnitId, ct);
        var items = transfer!.Items.Where(i => accepted.CaseFileIds.Contains(i.CaseFileId)).ToList();
        var preview = new TransferProposal { Id = transfer.Id, UnitId = transfer.UnitId, UnitName = transfer.UnitName, RecordsCentreUnitId = accepted.RecordsCentreUnitId };
        var list = await TransferDocuments.ListAsync(session, letterheads, command.Caller, preview, items, positions, time.ToLocal(accepted.At), ct);
        var (first, second) = await TransferDocuments.PartiesAsync(session, transfer, positions, accepted.RecordsCentreUnitId, centre?.Name ?? "", command.Caller, today, ct);
        var bytes = TransferPdf.RenderReport(new TransferReportDocument
        {
            Number = reportNumber, Date = today, Place = Letterheads.PlaceOf(command.Caller.Agency), FirstParty = first, SecondParty = second,
            ReceivedBy = command.Caller.Name, List = list,
        });
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await pdfs.PutAsync(session, sha256, transfer.Id, bytes, ct);
        var final = accepted with { ReportNumber = reportNumber, ReportSha256 = sha256 };
        var events = decision.Events.Select(e => ReferenceEquals(e, accepted) ? final : e).ToList();
        TransferRules.Append(session, events, stream.AppendMany);
        var skipped = events.OfType<TransferItemSkipped>().Select(s => transfer.Items.First(i => i.CaseFileId == s.CaseFileId) is var i ? new TransferSkip(i.CaseFileId, i.Number, s.Reason) : null!).ToList();
        return new(Decision.Accept([.. events]), new(transfer.Id, reportNumber, items.Count, skipped, false,
            $"{items.Count} berkas dipindahkan ke unit kearsipan; berita acara {reportNumber}" + (skipped.Count > 0 ? $"; {skipped.Count} berkas dilewati karena ditangguhkan" : "") +
            $" ({items.Count} berkas transferred{(skipped.Count > 0 ? $", {skipped.Count} skipped: held" : "")})."));
    }

    private static List<TransferSkip> Skips(IEnumerable<TransferItem> skipped, TransferProposal transfer) =>
        skipped.Select(i => new TransferSkip(i.CaseFileId, i.Number, transfer.Steps.LastOrDefault(s => s.What == "Berkas dilewati" && s.Note?.Contains(i.Number, StringComparison.Ordinal) == true)?.Note ?? "")).ToList();

    [WolverinePost("/api/transfers/{id}/accept")]
    [Tags("Arsip")]
    [EndpointSummary("The records centre accepts an approved pemindahan: custody moves, the berita acara pemindahan is issued; held berkas are skipped; a second call changes nothing (200, alreadyAccepted)")]
    [ProducesResponseType<TransferAcceptance>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<TransferAcceptance>>(caller.Agency, new AcceptTransferCommand(id, caller), ct);
        return outcome.Decision.ToResult(() => Results.Ok(outcome.Value));
    }
}
