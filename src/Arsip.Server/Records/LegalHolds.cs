using Arsip.Access;
using Arsip.Correspondence;

namespace Arsip.Records;

/// <summary>What a query hold is matched against: a letter's fields now, and the berkas it is in now.</summary>
public sealed record HeldLetterFacts(
    Guid LetterId, string Classification, string Sender, DateOnly? LetterDate, IReadOnlyCollection<Guid> Units, Guid? CaseFileId, Guid? CaseFileUnitId);

/// <summary>Which active holds cover a record, evaluated when asked and never stored: a hold on a berkas covers letters filed into
/// it later, a query hold letters registered or filed after it. Stage changes ask <see cref="CoveringAsync"/> or <see cref="CaseFileHeldAsync"/>.</summary>
public static class LegalHolds
{
    public static bool MayHold(Caller caller) => CaseFileRules.ReadsAllUnits(caller);

    /// <summary>Every given part must match: the classification code or one below it, the sender containing the text, the letter date in the period, one of its units.</summary>
    public static bool Matches(HoldQuery query, HeldLetterFacts letter) =>
        (string.IsNullOrWhiteSpace(query.ClassificationPrefix) || IsAtOrBelow(letter.Classification, query.ClassificationPrefix.Trim()))
        && (string.IsNullOrWhiteSpace(query.Sender) || letter.Sender.Contains(query.Sender.Trim(), StringComparison.OrdinalIgnoreCase))
        && (query.From is not { } from || letter.LetterDate >= from)
        && (query.To is not { } to || letter.LetterDate <= to)
        && (query.UnitId is not { } unit || letter.Units.Contains(unit) || letter.CaseFileUnitId == unit);

    public static bool IsAtOrBelow(string code, string prefix) =>
        code == prefix || code.StartsWith(prefix + ".", StringComparison.Ordinal);

    /// <summary>The active holds covering one letter: on the letter, on the berkas it is in, or a query matching it.</summary>
    public static IReadOnlyList<LegalHold> Covering(IEnumerable<LegalHold> activeHolds, HeldLetterFacts letter) =>
        activeHolds.Where(h => h.Active && h.Target switch
        {
            HoldTarget.Letter => h.LetterId == letter.LetterId,
            HoldTarget.CaseFile => letter.CaseFileId is { } f && h.CaseFileId == f,
            HoldTarget.Query => h.Query is { } q && Matches(q, letter),
            _ => false,
        }).ToList();

    /// <summary>For each letter, the active holds covering it now (an empty list when none); unknown ids cover nothing but are answered.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<LegalHold>>> CoveringAsync(
        IQuerySession session, IReadOnlyCollection<Guid> letterIds, CancellationToken ct)
    {
        var ids = letterIds.Distinct().ToArray();
        var batch = session.CreateBatchQuery();
        var holdsQuery = batch.Query<LegalHold>().Where(h => h.Active).ToList();
        var filingsQuery = batch.LoadMany<LetterFiling>().ById(ids);
        var incomingQuery = batch.LoadMany<IncomingLetterView>().ById(ids);
        var outgoingQuery = batch.LoadMany<OutgoingLetterView>().ById(ids);
        await batch.Execute(ct);
        var holds = await holdsQuery;
        if (holds.Count == 0) return ids.ToDictionary(id => id, _ => (IReadOnlyList<LegalHold>)[]);
        var facts = await FactsAsync(session, await filingsQuery, await incomingQuery, await outgoingQuery,
            holds.Any(h => h.Query?.UnitId is not null), ct);
        return ids.ToDictionary(id => id, id => facts.TryGetValue(id, out var f)
            ? Covering(holds, f)
            : (IReadOnlyList<LegalHold>)holds.Where(h => h.LetterId == id).ToList());
    }

    /// <summary>The active holds on the berkas itself or covering any letter in it now.</summary>
    public static async Task<IReadOnlyList<LegalHold>> CaseFileHeldAsync(IQuerySession session, Guid caseFileId, CancellationToken ct) =>
        await session.LoadAsync<CaseFile>(caseFileId, ct) is { } file ? (await CaseFilesHeldAsync(session, [file], ct))[file.Id] : [];

    /// <summary>Which of some berkas are held now (an id not found is not): the set every movement asks before proposing and again before executing.</summary>
    public static async Task<IReadOnlySet<Guid>> HeldCaseFileIdsAsync(IQuerySession session, IEnumerable<Guid> caseFileIds, CancellationToken ct)
    {
        // no active hold at all (the usual case): nothing to load per berkas
        if (!await session.Query<LegalHold>().AnyAsync(h => h.Active, ct)) return new HashSet<Guid>();
        var files = await session.LoadManyAsync<CaseFile>(ct, caseFileIds.Distinct().ToArray());
        return (await CaseFilesHeldAsync(session, files, ct)).Where(h => h.Value.Count > 0).Select(h => h.Key).ToHashSet();
    }

    /// <summary>For each berkas, the active holds on it or on any of its letters now, in two round trips whatever their number.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<LegalHold>>> CaseFilesHeldAsync(
        IQuerySession session, IReadOnlyCollection<CaseFile> files, CancellationToken ct)
    {
        if (files.Count == 0) return new Dictionary<Guid, IReadOnlyList<LegalHold>>();
        // active holds are few: CoveringAsync loads them all too
        var own = await session.Query<LegalHold>().Where(h => h.Active && h.CaseFileId != null).ToListAsync(ct);
        var letters = await CoveringAsync(session, files.SelectMany(f => f.Letters).Select(l => l.LetterId).ToArray(), ct);
        return files.ToDictionary(f => f.Id, f => (IReadOnlyList<LegalHold>)own.Where(h => h.CaseFileId == f.Id)
            .Concat(f.Letters.SelectMany(l => letters.GetValueOrDefault(l.LetterId) ?? [])).DistinctBy(h => h.Id).ToList());
    }

    public static async Task<Dictionary<Guid, HeldLetterFacts>> FactsAsync(
        IQuerySession session, IReadOnlyList<LetterFiling> filings, IReadOnlyList<IncomingLetterView> incoming, IReadOnlyList<OutgoingLetterView> outgoing,
        bool withCaseFileUnits, CancellationToken ct)
    {
        var filedIn = filings.ToDictionary(f => f.Id, f => f.CaseFileId);
        var fileUnits = withCaseFileUnits && filedIn.Count > 0
            ? (await session.LoadManyAsync<CaseFile>(ct, filedIn.Values.Distinct())).ToDictionary(f => f.Id, f => f.UnitId)
            : [];
        HeldLetterFacts Facts(Guid id, string classification, string sender, DateOnly? date, IEnumerable<Guid?> units)
        {
            var caseFile = filedIn.TryGetValue(id, out var f) ? f : (Guid?)null;
            return new(id, classification, sender, date, units.OfType<Guid>().ToArray(), caseFile,
                caseFile is { } c && fileUnits.TryGetValue(c, out var u) ? u : null);
        }
        var facts = new Dictionary<Guid, HeldLetterFacts>();
        foreach (var l in incoming)
            facts[l.Id] = Facts(l.Id, l.Classification, l.Sender, l.LetterDate, [l.RegisteredByUnitId, l.AddresseeUnitId]);
        foreach (var l in outgoing)
            facts[l.Id] = Facts(l.Id, l.Content.Classification, l.Signatory ?? "", l.LetterDate, [l.DraftedByUnitId]);
        return facts;
    }
}
