using Arsip.Documents;
using Arsip.Organization;
using Arsip.Pdf;

namespace Arsip.Records;

/// <summary>The daftar arsip yang dipindahkan and the berita acara pemindahan, built from a proposal's facts and its berkas's letters.</summary>
public static class TransferDocuments
{
    /// <summary>The list of <paramref name="items"/> with each berkas's letters under it. An official list names every record, so
    /// letters are listed whoever asks; the subject of a Rahasia or Sangat Rahasia one is left out.</summary>
    public static async Task<TransferListDocument> ListAsync(IQuerySession session, ILetterheads letterheads, Caller caller, TransferProposal transfer,
        IReadOnlyList<TransferItem> items, IReadOnlyCollection<Position> positions, DateTimeOffset generatedAt, CancellationToken ct)
    {
        var centreId = transfer.RecordsCentreUnitId ?? Authorities.RecordsCentreUnit(positions);
        var centre = centreId is { } c ? await session.LoadAsync<Unit>(c, ct) : null;
        var files = (await session.LoadManyAsync<CaseFile>(ct, items.Select(i => i.CaseFileId).ToArray())).ToDictionary(f => f.Id);
        var letters = await LettersOnFile.LoadAsync(session, caller, files.Values.SelectMany(f => f.Letters).Select(l => l.LetterId).Distinct().ToList(), ct);
        return new TransferListDocument
        {
            Letterhead = await letterheads.ForAsync(session, caller.Agency, centreId ?? transfer.UnitId, ct),
            UnitName = transfer.UnitName,
            RecordsCentreName = centre?.Name ?? "unit kearsipan",
            GeneratedAt = generatedAt,
            Files = items.Select(i =>
            {
                var lines = files.TryGetValue(i.CaseFileId, out var f)
                    ? f.Letters.Select(l => letters.GetValueOrDefault(l.LetterId)?.Line).OfType<LetterLine>().OrderBy(l => l.Date).ThenBy(l => l.Number, StringComparer.Ordinal).ToList()
                    : [];
                return new TransferListFile
                {
                    Number = i.Number, Classification = i.Classification, Title = i.Title, Period = i.Period, Retention = i.Retention,
                    Count = $"{lines.Count} item",
                    Remarks = f?.Vital == true ? "arsip vital" : "",
                    Items = lines.Select((l, n) => new CaseFileItemLine
                    {
                        Number = n + 1,
                        Description = (l.SecurityLevel is SecurityLevel.Rahasia or SecurityLevel.SangatRahasia ? "(isi dirahasiakan)" : l.Subject) +
                                      $"; nomor {l.Number}" + (l.Date is { } d ? $"; tanggal {IndonesianDate.Format(d)}" : ""),
                        Remarks = (l.Direction == LetterDirection.Incoming ? "Surat masuk dari " : "Surat keluar kepada ") + l.Correspondent,
                    }).ToList(),
                };
            }).ToList(),
        };
    }

    /// <summary>The two parties: the unit head who approved, and the records centre's head (its holder, or the receiver acting for it).</summary>
    public static async Task<(BeritaAcaraParty First, BeritaAcaraParty Second)> PartiesAsync(IQuerySession session, TransferProposal transfer,
        IReadOnlyCollection<Position> positions, Guid centreId, string centreName, Caller receiver, DateOnly today, CancellationToken ct)
    {
        var unitHead = positions.FirstOrDefault(p => p.Id == transfer.ApprovedAsPositionId) ?? Authorities.UnitHead(positions, transfer.UnitId);
        var approver = transfer.ApprovedByPersonId is { } a ? await session.LoadAsync<Person>(a, ct) : null;
        var centreHead = Authorities.UnitHead(positions, centreId);
        Person? head = null;
        if (centreHead is not null)
        {
            head = Authorities.Holds(receiver, centreHead)
                ? await session.LoadAsync<Person>(receiver.PersonId, ct)
                : (await session.Query<Person>().Where(p => p.PositionId == centreHead.Id).ToListAsync(ct)).FirstOrDefault(p => p.DeactivatedAt is null);
        }
        return (new BeritaAcaraParty(approver?.FullName ?? transfer.ApprovedBy ?? "-", approver?.Nip, unitHead?.Title ?? "Kepala unit", transfer.UnitName),
            new BeritaAcaraParty(head?.FullName ?? "-", head?.Nip, centreHead?.Title ?? "Kepala unit kearsipan", $"unit kearsipan ({centreName})"));
    }
}
