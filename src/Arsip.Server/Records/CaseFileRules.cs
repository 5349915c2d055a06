using Arsip.Access;
using Arsip.Correspondence;

namespace Arsip.Records;

public static class CaseFileRules
{
    public const int MaxLettersPerRequest = 1000;
    public const int MaxReason = 2000;

    /// <summary>Archivists and administrators work on any unit's berkas; a registrar (unit secretariat) only on its own units'.</summary>
    public static bool CanWork(Caller caller, Guid unitId) =>
        caller.Has(Role.Archivist) || caller.Has(Role.Administrator) || caller.Has(Role.Registrar) && caller.Units.Contains(unitId);

    public static bool CanRead(Caller caller, Guid unitId) => ReadsAllUnits(caller) || caller.Units.Contains(unitId);

    public static bool ReadsAllUnits(Caller caller) =>
        caller.Has(Role.Archivist) || caller.Has(Role.Auditor) || caller.Has(Role.Administrator);

    /// <summary>The first refusal of any work on <paramref name="file"/>: missing (404) or another unit's (403).</summary>
    public static ProblemDetails? WorkRefusal(Caller caller, CaseFile? file, Guid id) =>
        file is null ? Problems.NotFound("Berkas", id)
        : !CanWork(caller, file.UnitId) ? Forbidden
        : null;

    /// <summary>After pemindahan the records centre keeps the berkas: its unit (and everyone else) only reads it.</summary>
    public static ProblemDetails? ReadOnlyRefusal(CaseFile? file) => file is { Custody: not Custody.Unit }
        ? Problems.Conflict($"Berkas {file.Number}/{file.Year} sudah dipindahkan ke unit kearsipan dan hanya dapat dibaca (transferred to the records centre; read-only).")
        : null;

    public static ProblemDetails Forbidden => Problems.Forbidden(
        "Berkas unit lain hanya dapat dikelola arsiparis atau administrator (only archivists and administrators work on another unit's berkas).");

    public static ProblemDetails Closed(CaseFile file) => Problems.Conflict(
        $"Berkas {file.Number}/{file.Year} sudah ditutup; buka kembali dahulu (the berkas is closed; reopen it first).");

    /// <summary>The letter ids of a request: required, distinct, at most 1,000 (413 above).</summary>
    public static ProblemDetails? LetterIdsRefusal(Guid[]? ids)
    {
        if (ids is null || ids.Length == 0) return Problems.BadRequest("letterIds", "Pilih sedikitnya satu surat (at least one letter).");
        if (ids.Length > MaxLettersPerRequest)
            return new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Terlalu banyak surat (too many letters)",
                Detail = $"Paling banyak {MaxLettersPerRequest} surat per permintaan (at most {MaxLettersPerRequest} letters per request); kirim {ids.Length} dalam beberapa permintaan.",
            };
        if (ids.Contains(Guid.Empty)) return Problems.BadRequest("letterIds", "Id surat kosong (an empty letter id).");
        if (ids.Distinct().Count() != ids.Length) return Problems.BadRequest("letterIds", "Surat tercantum lebih dari sekali (a letter is listed twice).");
        return null;
    }

    /// <summary>Letters missing and letters the caller may not see are refused alike, naming none of them.</summary>
    public static ProblemDetails LettersNotFound(int count) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Tidak ditemukan (not found)",
        Detail = $"{count} surat tidak ditemukan atau tidak dapat Anda akses (not found or not visible to you).",
    };

    public static string? Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    public static ProblemDetails? ReasonRefusal(string? reason) =>
        Reason(reason) is null ? Problems.BadRequest("reason", "Alasan wajib diisi (a reason is required).")
        : reason!.Length > MaxReason ? Problems.BadRequest("reason", $"Alasan paling banyak {MaxReason} karakter (at most {MaxReason} characters).")
        : null;
}

public sealed record LetterOnFile(Guid Id, LetterDirection Direction, bool Visible, bool Fileable, Guid? InCaseFileId, LetterLine Line);

/// <summary>A filed letter's line in a berkas: its number (agenda number or letter number), date, subject and the other party.</summary>
public sealed record LetterLine(
    Guid LetterId, LetterDirection Direction, string Number, DateOnly? Date, string Subject, string Correspondent, SecurityLevel SecurityLevel);

public static class LettersOnFile
{
    /// <summary>The letters behind <paramref name="ids"/> in both books and where each is filed, in one batched round trip;
    /// ids found in neither book are left out.</summary>
    public static async Task<IReadOnlyDictionary<Guid, LetterOnFile>> LoadAsync(IQuerySession session, Caller caller, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<Guid, LetterOnFile>();
        var keys = ids.ToArray();
        var batch = session.CreateBatchQuery();
        var incoming = batch.LoadMany<IncomingLetterView>().ById(keys);
        var outgoing = batch.LoadMany<OutgoingLetterView>().ById(keys);
        var filings = batch.LoadMany<LetterFiling>().ById(keys);
        await batch.Execute(ct);
        var filed = (await filings).ToDictionary(f => f.Id, f => f.CaseFileId);
        var tokens = LetterAccess.TokensOf(caller);
        var letters = new Dictionary<Guid, LetterOnFile>();
        foreach (var v in await incoming)
            letters[v.Id] = new(v.Id, LetterDirection.Incoming, tokens.Any(v.AccessTokens.Contains), true, filed.GetValueOrDefault(v.Id) is var f && f != Guid.Empty ? f : null,
                new(v.Id, LetterDirection.Incoming, $"{v.AgendaNumber}/{v.AgendaYear}", v.LetterDate, v.Subject, v.Sender, v.SecurityLevel));
        foreach (var v in await outgoing)
            letters[v.Id] = new(v.Id, LetterDirection.Outgoing, tokens.Any(v.AccessTokens.Contains),
                v.LetterNumber is not null && v.Status != OutgoingStatus.Cancelled, filed.GetValueOrDefault(v.Id) is var f && f != Guid.Empty ? f : null,
                new(v.Id, LetterDirection.Outgoing, v.LetterNumber ?? "-", v.LetterDate, v.Content.Subject,
                    string.Join("; ", v.Content.Addressees.Select(a => a.Name)), v.Content.SecurityLevel));
        return letters;
    }

    public static async Task<IReadOnlyList<LetterLine>> VisibleAsync(IQuerySession session, Caller caller, IEnumerable<FiledLetter> filed, CancellationToken ct)
    {
        var list = filed.ToList();
        var letters = await LoadAsync(session, caller, list.Select(l => l.LetterId).ToList(), ct);
        return list.Select(l => letters.GetValueOrDefault(l.LetterId)).Where(l => l is { Visible: true }).Select(l => l!.Line).ToList();
    }
}
