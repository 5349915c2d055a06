using System.Globalization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;

namespace Arsip.Documents;

/// <summary>
/// The buku agenda, incoming and outgoing, as PDF/A and CSV. Only letters the caller may see are
/// listed, by the same tokens as the lists (<see cref="LetterAccess"/>): a secret letter is absent
/// for anyone off its chain, auditors included.
/// </summary>
[Authorize(Policy = Policies.Registers)]
public static class AgendaBookEndpoints
{
    [WolverineGet("/api/agenda-books/incoming.pdf")]
    [Tags("Dokumen")]
    [EndpointSummary("Incoming agenda book as PDF/A: year, or from/to (yyyy-MM-dd), optionally one registering unit")]
    public static Task<IResult> IncomingPdf([NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct,
        int? year = null, string? from = null, string? to = null, Guid? unit = null) =>
        Respond(Build(AgendaDirection.Incoming, caller, session, letterheads, clock, year, from, to, unit, ct), Format.Pdf);

    [WolverineGet("/api/agenda-books/incoming.csv")]
    [Tags("Dokumen")]
    [EndpointSummary("Incoming agenda book as CSV (same rows and columns as the PDF)")]
    public static Task<IResult> IncomingCsv([NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct,
        int? year = null, string? from = null, string? to = null, Guid? unit = null) =>
        Respond(Build(AgendaDirection.Incoming, caller, session, letterheads, clock, year, from, to, unit, ct), Format.Csv);

    [WolverineGet("/api/agenda-books/outgoing.pdf")]
    [Tags("Dokumen")]
    [EndpointSummary("Outgoing agenda book as PDF/A: numbered letters by letter date")]
    public static Task<IResult> OutgoingPdf([NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct,
        int? year = null, string? from = null, string? to = null, Guid? unit = null) =>
        Respond(Build(AgendaDirection.Outgoing, caller, session, letterheads, clock, year, from, to, unit, ct), Format.Pdf);

    [WolverineGet("/api/agenda-books/outgoing.csv")]
    [Tags("Dokumen")]
    [EndpointSummary("Outgoing agenda book as CSV (same rows and columns as the PDF)")]
    public static Task<IResult> OutgoingCsv([NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct,
        int? year = null, string? from = null, string? to = null, Guid? unit = null) =>
        Respond(Build(AgendaDirection.Outgoing, caller, session, letterheads, clock, year, from, to, unit, ct), Format.Csv);

    private enum Format { Pdf, Csv }

    private static async Task<IResult> Respond(Task<(AgendaBookDocument? Book, ProblemDetails? Problem)> building, Format format)
    {
        var (book, problem) = await building;
        if (book is null) return Results.Problem(problem!);
        var name = $"buku-agenda-{(book.Direction == AgendaDirection.Incoming ? "masuk" : "keluar")}-{book.From:yyyyMMdd}-{book.To:yyyyMMdd}";
        if (format == Format.Pdf) return Results.File(AgendaBookPdf.Render(book), "application/pdf", name + ".pdf");
        using var csv = new MemoryStream();
        AgendaBookCsv.Write(book, csv);
        return Results.File(csv.ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }

    private static async Task<(AgendaBookDocument?, ProblemDetails?)> Build(
        AgendaDirection direction, Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, int? year, string? from, string? to, Guid? unitId, CancellationToken ct)
    {
        if (Period(year, from, to, (await ReferenceData.AgencyTime.LoadAsync(session, ct)).Today(clock)) is not ({ } start, { } end, null)) return (null, PeriodProblem(year, from, to));
        var unit = unitId is { } u ? await session.LoadAsync<Unit>(u, ct) : null;
        if (unitId is not null && unit is null) return (null, Problems.NotFound("Unit kerja", unitId));
        var letterhead = await letterheads.ForAsync(session, caller.Agency, unitId ?? (caller.Units.Count > 0 ? caller.Units[0] : null), ct);
        var tokens = LetterAccess.TokensOf(caller);

        var entries = direction == AgendaDirection.Incoming
            ? await IncomingAsync(session, tokens, start, end, unitId, ct)
            : await OutgoingAsync(session, tokens, start, end, unitId, ct);
        return (new AgendaBookDocument
        {
            Letterhead = letterhead,
            Direction = direction,
            UnitName = unit?.Name ?? Letterheads.AgencyName(caller.Agency),
            From = start,
            To = end,
            Entries = entries,
            GeneratedAt = clock.GetUtcNow(),
        }, null);
    }

    private static async Task<IReadOnlyList<AgendaEntry>> IncomingAsync(
        IQuerySession session, string[] tokens, DateOnly start, DateOnly end, Guid? unit, CancellationToken ct)
    {
        var query = session.Query<IncomingLetterView>()
            .Where(l => l.AccessTokens.Any(t => tokens.Contains(t)) && l.AgendaYear >= start.Year && l.AgendaYear <= end.Year);
        if (unit is { } u) query = query.Where(l => l.RegisteredByUnitId == u || l.AddresseeUnitId == u);
        var letters = (await query.ToListAsync(ct)).Where(l => l.ReceivedOn >= start && l.ReceivedOn <= end)
            .OrderBy(l => l.AgendaYear).ThenBy(l => l.AgendaNumber).ToList();
        var positions = (await session.Query<Position>().ToListAsync(ct)).ToDictionary(p => p.Id, p => p.Title);
        return letters.Select(l => new AgendaEntry
        {
            Number = l.AgendaYear == start.Year && l.AgendaYear == end.Year
                ? l.AgendaNumber.ToString(CultureInfo.InvariantCulture)
                : $"{l.AgendaNumber}/{l.AgendaYear}",
            RegisteredOn = l.ReceivedOn,
            Correspondent = l.Sender,
            LetterDate = l.LetterDate,
            LetterNumber = l.SenderLetterNumber,
            Subject = l.Subject,
            Attachments = l.Attachments ?? "-",
            ForwardedTo = l.AddresseePositionId is { } p && positions.TryGetValue(p, out var title) ? title : null,
            Remarks = l.Remarks,
        }).ToList();
    }

    private static async Task<IReadOnlyList<AgendaEntry>> OutgoingAsync(
        IQuerySession session, string[] tokens, DateOnly start, DateOnly end, Guid? unit, CancellationToken ct)
    {
        var query = session.Query<OutgoingLetterView>()
            .Where(l => l.AccessTokens.Any(t => tokens.Contains(t)) && l.Year >= start.Year && l.Year <= end.Year);
        if (unit is { } u) query = query.Where(l => l.DraftedByUnitId == u);
        var letters = (await query.ToListAsync(ct))
            .Where(l => l.LetterNumber is not null && l.LetterDate is { } d && d >= start && d <= end)
            .OrderBy(l => l.LetterDate).ThenBy(l => l.SignedAt).ToList();
        return letters.Select((l, i) => new AgendaEntry
        {
            Number = (i + 1).ToString(CultureInfo.InvariantCulture),
            LetterNumber = l.LetterNumber!,
            LetterDate = l.LetterDate!.Value,
            // Views projected before they carried SentOn have their deliveries, which say the same.
            RegisteredOn = l.SentOn ?? (l.DispatchedAt is { } at ? OutgoingLetterViewProjection.SentOnOf(l.Deliveries, at) : l.LetterDate!.Value),
            Correspondent = string.Join("; ", l.Content.Addressees.Select(a => a.Name)),
            Subject = l.Content.Subject,
            Attachments = l.Content.Attachments ?? "-",
            Kind = LetterKinds.Label(l.Content.Kind),
            Remarks = l.Status == OutgoingStatus.Cancelled ? $"Dibatalkan: {l.CancelReason}"
                : l.SignedOnPaper ? "Ditandatangani di atas kertas"
                : l.DispatchedAt is null ? "Belum dikirim"
                : null,
        }).ToList();
    }

    /// <summary>The period: from/to when given, else the whole year (this year by default).</summary>
    internal static (DateOnly? Start, DateOnly? End, string? Error) Period(int? year, string? from, string? to, DateOnly today)
    {
        if (year is < 1900 or > 9999) return (null, null, "year");
        var y = year ?? (from is not null && TryDate(from, out var f0) ? f0.Year : today.Year);
        DateOnly start = new(y, 1, 1), end = new(y, 12, 31);
        if (from is not null && !TryDate(from, out start)) return (null, null, "from");
        if (to is not null && !TryDate(to, out end)) return (null, null, "to");
        if (from is not null && to is null && year is null) end = new DateOnly(start.Year, 12, 31);
        if (end < start || end.DayNumber - start.DayNumber > 366 * 5) return (null, null, "to");
        return (start, end, null);
    }

    private static ProblemDetails PeriodProblem(int? year, string? from, string? to) =>
        Problems.BadRequest("period", $"Periode tidak valid: year={year}, from={from}, to={to}; tanggal berformat yyyy-MM-dd, from <= to, paling lama 5 tahun (invalid period).");

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
