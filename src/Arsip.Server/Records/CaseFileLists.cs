using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Organization;
using Arsip.Pdf;
using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>A unit's berkas as a list: the daftar berkas of a year, or the daftar arsip aktif with the records inside.</summary>
public sealed record CaseFileListing(Guid UnitId, string UnitName, int? Year, DateOnly AsOf, IReadOnlyList<ListedCaseFile> CaseFiles);

/// <summary>One berkas of a list. <see cref="Count"/> counts only the records the reader may see, so a Rahasia letter
/// outside the reader's chain shows neither as an item nor in the number.</summary>
public sealed record ListedCaseFile(
    Guid Id, int Number, int Year, string Classification, string Title, DateOnly? PeriodFrom, DateOnly? PeriodTo, string Period,
    int Count, CaseFileStatus Status, RetentionStage Stage, DateOnly? ClosedOn, DateOnly? ActiveUntil, DateOnly? InactiveUntil,
    FinalAction? FinalAction, bool Vital, string Remarks, IReadOnlyList<ListedRecord> Items);

public sealed record ListedRecord(
    int Number, Guid LetterId, LetterDirection Direction, string LetterNumber, DateOnly LetterDate, string Subject,
    string Description, string Development, string Count, string Remarks);

/// <summary>The read side of the two printed lists (JSON, CSV, PDF, pages). A unit's lists are read by its members and the
/// agency-wide roles; the letters listed are those the caller's tokens unlock (<see cref="LetterAccess"/>).</summary>
public static class CaseFileLists
{
    /// <summary>Open berkas and closed ones still in their active period (or waiting for their trigger), with their visible records.</summary>
    public static Task<(CaseFileListing? List, ProblemDetails? Problem)> ActiveRecordsAsync(
        IQuerySession session, Caller caller, Guid? unitId, int? year, DateOnly today, CancellationToken ct) =>
        LoadAsync(session, caller, unitId, year, today, activeOnly: true, ct);

    public static Task<(CaseFileListing? List, ProblemDetails? Problem)> RegisterAsync(
        IQuerySession session, Caller caller, Guid? unitId, int? year, DateOnly today, CancellationToken ct) =>
        LoadAsync(session, caller, unitId, year, today, activeOnly: false, ct);

    private static async Task<(CaseFileListing?, ProblemDetails?)> LoadAsync(
        IQuerySession session, Caller caller, Guid? unitId, int? year, DateOnly today, bool activeOnly, CancellationToken ct)
    {
        if (year is < 1900 or > 9999) return (null, Problems.BadRequest("year", $"Tahun tidak valid: {year} (invalid year)."));
        if ((unitId ?? (caller.Units.Count > 0 ? caller.Units[0] : null)) is not { } id)
            return (null, Problems.BadRequest("unitId", "Unit kerja wajib dipilih (unitId is required)."));
        // another agency's unit is not found under this tenant: 404, as for anything the caller cannot reach
        if (await session.LoadAsync<Unit>(id, ct) is not { } unit) return (null, Problems.NotFound("Unit kerja", id));
        if (!CaseFileRules.CanRead(caller, id))
            return (null, Problems.Forbidden("Daftar berkas unit ini hanya untuk anggota unit, arsiparis, auditor dan administrator (only the unit's members and agency-wide roles may read its lists)."));

        var query = session.Query<CaseFile>().Where(f => f.UnitId == id);
        if (year is { } y) query = query.Where(f => f.Year == y);
        // status and active_until are duplicated columns: an open berkas, or a closed one not yet past its active period
        if (activeOnly) query = query.Where(f => f.Status == CaseFileStatus.Open || f.ActiveUntil == null || f.ActiveUntil > today);
        var files = (await query.ToListAsync(ct)).OrderBy(f => f.Year).ThenBy(f => f.Number).ToList();

        var tokens = LetterAccess.TokensOf(caller);
        var incomingIds = files.SelectMany(f => f.Letters).Where(l => l.Direction == LetterDirection.Incoming).Select(l => l.LetterId).Distinct().ToArray();
        var outgoingIds = files.SelectMany(f => f.Letters).Where(l => l.Direction == LetterDirection.Outgoing).Select(l => l.LetterId).Distinct().ToArray();
        var incoming = incomingIds.Length == 0 ? [] : (await session.Query<IncomingLetterView>()
            .Where(l => incomingIds.Contains(l.Id) && l.AccessTokens.Any(t => tokens.Contains(t))).ToListAsync(ct)).ToDictionary(l => l.Id);
        var outgoing = outgoingIds.Length == 0 ? [] : (await session.Query<OutgoingLetterView>()
            .Where(l => outgoingIds.Contains(l.Id) && l.AccessTokens.Any(t => tokens.Contains(t))).ToListAsync(ct)).ToDictionary(l => l.Id);

        var listed = files.Select(f => Listed(f, today, f.Letters.Select(l => Record(l, incoming, outgoing)).OfType<LetterLine>()
            .OrderBy(l => l.Date).ThenBy(l => l.Number, StringComparer.Ordinal).ToList())).ToList();
        return (new CaseFileListing(id, unit.Name, year, today, listed), null);
    }

    private sealed record LetterLine(Guid Id, LetterDirection Direction, string Number, DateOnly Date, string Subject, string Remarks);

    private static LetterLine? Record(FiledLetter filed, Dictionary<Guid, IncomingLetterView> incoming, Dictionary<Guid, OutgoingLetterView> outgoing) =>
        filed.Direction == LetterDirection.Incoming
            ? incoming.TryGetValue(filed.LetterId, out var i)
                ? new LetterLine(i.Id, filed.Direction, i.SenderLetterNumber, i.LetterDate, i.Subject, $"Surat masuk dari {i.Sender}, agenda {i.AgendaNumber}/{i.AgendaYear}")
                : null
            : outgoing.TryGetValue(filed.LetterId, out var o)
                ? new LetterLine(o.Id, filed.Direction, o.LetterNumber ?? "(belum bernomor)", o.LetterDate ?? DateOnly.FromDateTime(o.DraftedAt.UtcDateTime), o.Content.Subject,
                    "Surat keluar" + (o.Content.Addressees.Length > 0 ? $" kepada {string.Join("; ", o.Content.Addressees.Select(a => a.Name))}" : ""))
                : null;

    private static ListedCaseFile Listed(CaseFile file, DateOnly today, IReadOnlyList<LetterLine> letters)
    {
        var from = file.PeriodFrom ?? (letters.Count > 0 ? letters.Min(l => l.Date) : null);
        var to = file.PeriodTo ?? (letters.Count > 0 ? letters.Max(l => l.Date) : null);
        var items = letters.Select((l, n) => new ListedRecord(n + 1, l.Id, l.Direction, l.Number, l.Date, l.Subject,
            $"{l.Subject}; nomor {l.Number}; tanggal {IndonesianDate.Format(l.Date)}", "Asli", "1 naskah", l.Remarks)).ToList();
        var stage = file.StageOn(today);
        return new ListedCaseFile(file.Id, file.Number, file.Year, file.Classification, file.Title, from, to, Period(from, to),
            items.Count, file.Status, stage, file.ClosedOn, file.ActiveUntil, file.InactiveUntil, file.Retention?.FinalAction, file.Vital,
            Remarks(file, stage), items);
    }

    /// <summary>Kurun waktu as the forms write it: "Maret 2026", "Januari–Maret 2026", "Desember 2025–Januari 2026".</summary>
    public static string Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) when f.Year == t.Year && f.Month == t.Month => $"{IndonesianDate.MonthName(f.Month)} {f.Year}",
        ({ } f, { } t) when f.Year == t.Year => $"{IndonesianDate.MonthName(f.Month)}\u2013{IndonesianDate.MonthName(t.Month)} {f.Year}",
        ({ } f, { } t) => $"{IndonesianDate.MonthName(f.Month)} {f.Year}\u2013{IndonesianDate.MonthName(t.Month)} {t.Year}",
        ({ } f, null) => $"sejak {IndonesianDate.MonthName(f.Month)} {f.Year}",
        (null, { } t) => $"s.d. {IndonesianDate.MonthName(t.Month)} {t.Year}",
        _ => "-",
    };

    private static string Remarks(CaseFile file, RetentionStage stage)
    {
        var parts = new List<string>();
        parts.Add(stage switch
        {
            RetentionStage.Open => "Terbuka",
            RetentionStage.AwaitingTrigger => $"Ditutup {IndonesianDate.Format(file.ClosedOn!.Value)}, menunggu pemicu retensi",
            RetentionStage.Active => $"Ditutup {IndonesianDate.Format(file.ClosedOn!.Value)}, aktif s.d. {IndonesianDate.Format(file.ActiveUntil!.Value)}",
            RetentionStage.Inactive => $"Inaktif s.d. {IndonesianDate.Format(file.InactiveUntil!.Value)}",
            RetentionStage.Destroyed => $"Dimusnahkan {IndonesianDate.Format(file.DestroyedOn!.Value)}",
            RetentionStage.HandedOver => $"Diserahkan {IndonesianDate.Format(file.HandedOverOn!.Value)}",
            _ => "Retensi berakhir",
        });
        if (file.Retention is { } r) parts.Add($"retensi {r.ActiveYears} th aktif, {r.InactiveYears} th inaktif, {FinalActions.Label(r.FinalAction)}");
        if (file.Vital) parts.Add("arsip vital");
        if (file.SecurityLevel != SecurityLevel.Biasa) parts.Add(file.SecurityLevel == SecurityLevel.SangatRahasia ? "Sangat Rahasia" : file.SecurityLevel.ToString());
        return string.Join("; ", parts);
    }

    public static CaseFileListDocument Document(CaseFileListing listing, CaseFileListKind kind, PrintedLetterhead letterhead, DateTimeOffset generatedAt) => new()
    {
        Letterhead = letterhead,
        Kind = kind,
        UnitName = listing.UnitName,
        Year = listing.Year,
        AsOf = listing.AsOf,
        GeneratedAt = generatedAt,
        Files = listing.CaseFiles.Select(f => new CaseFileLine
        {
            Number = $"{f.Number}/{f.Year}",
            Classification = f.Classification,
            Title = f.Title,
            Period = f.Period,
            Count = f.Count,
            Remarks = f.Remarks,
            Items = kind == CaseFileListKind.ActiveRecords
                ? f.Items.Select(i => new CaseFileItemLine { Number = i.Number, Description = i.Description, Development = i.Development, Count = i.Count, Remarks = i.Remarks }).ToList()
                : [],
        }).ToList(),
    };
}
