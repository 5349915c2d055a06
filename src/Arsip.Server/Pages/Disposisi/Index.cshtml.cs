using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Dispositions through InboxQueries.ListAsync, so the inbox shares the API's filters and paging.</summary>
public sealed class DisposisiIndexModel(IDocumentStore store, ArsipClock clock, PageTime time) : PageModel
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<(string Key, string Label, string? ApiStatus)> Tabs =
    [
        ("terbuka", "Terbuka", "open"),
        ("belum-dibaca", "Belum dibaca", "unread"),
        ("terlambat", "Terlambat", "overdue"),
        ("selesai", "Selesai", "done"),
        ("semua", "Semua disposisi", "all"),
        ("menunggu", "Surat menunggu disposisi", null),
        ("tembusan", "Tembusan", null),
        ("paraf", "Paraf / tanda tangan", null),
    ];

    public static readonly IReadOnlyList<(string Key, string Label, string ApiSort)> Sorts =
    [
        ("terbaru", "terbaru diterima", "received"),
        ("terlama", "terlama diterima", "oldest"),
        ("derajat", "derajat kecepatan", "urgency"),
        ("tenggat", "batas waktu terdekat", "deadline"),
    ];

    public sealed record AwaitingLetter(IncomingLetterView Letter, DateTimeOffset Due, bool Overdue);

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "urut")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;

    public InboxSummary Counts { get; private set; } = null!;
    public int AwaitingMySignature { get; private set; }
    public InboxPage? Dispositions { get; private set; }
    public IPagedList<IncomingLetterView>? Letters { get; private set; }
    public IReadOnlyList<AwaitingLetter>? Awaiting { get; private set; }
    public int AwaitingTotal { get; private set; }
    public int AwaitingPages => (int)Math.Ceiling(AwaitingTotal / (double)PageSize);
    public IReadOnlyList<OutgoingLetterView>? Outgoing { get; private set; }
    public IReadOnlyDictionary<string, string> InstructionLabels { get; private set; } = new Dictionary<string, string>();
    public DateTimeOffset Now { get; private set; }
    public string Label => Tabs.First(t => t.Key == Status).Label;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Tabs.All(t => t.Key != Status)) Status = "terbuka";
        if (Sorts.All(s => s.Key != Sort)) Sort = "terbaru";
        PageNumber = Math.Max(1, PageNumber);
        var caller = Caller.From(User);
        Now = clock.GetUtcNow();
        await using var session = store.QuerySession(caller.Agency);
        Counts = await InboxQueries.SummaryAsync(session, caller, Now, ct);
        var awaiting = await AwaitingInitialsOrSignature.ForAsync(caller, session, ct);
        AwaitingMySignature = awaiting.Count;
        var api = Tabs.First(t => t.Key == Status).ApiStatus;
        switch (Status)
        {
            case "menunggu":
                await LoadAwaitingAsync(caller, session, ct);
                break;
            case "tembusan":
                Letters = await InboxQueries.CopiesTo(session, caller).OrderByDescending(l => l.ReceivedOn).ToPagedListAsync(PageNumber, PageSize, ct);
                break;
            case "paraf":
                Outgoing = awaiting;
                break;
            default:
                var (page, _) = await InboxQueries.ListAsync(session, caller, Now, api, Sorts.First(s => s.Key == Sort).ApiSort, PageNumber, PageSize, ct);
                if (page is null) return BadRequest();
                Dispositions = page;
                InstructionLabels = (await DispositionInstructionList.ForAgencyAsync(session, ct)).ToDictionary(i => i.Code, i => i.Label);
                break;
        }
        return Page();
    }

    /// <summary>The deadline is not stored before a disposition: ordered over the light rows of every waiting letter, then one page is loaded.</summary>
    private async Task LoadAwaitingAsync(Caller caller, IQuerySession session, CancellationToken ct)
    {
        var rows = await InboxQueries.AwaitingDisposition(session, caller)
            .Select(l => new { l.Id, l.ReceivedOn, l.RegisteredAt, l.Urgency, l.AgendaYear, l.AgendaNumber }).ToListAsync(ct);
        var calendar = ((await session.LoadAsync<WorkingCalendarView>(ReferenceData.ReferenceDataStreams.WorkingCalendarStream, ct))?.Settings ?? CalendarSettings.Default).ToCalendar();
        // counted from the day it was received (a letter registered days later has been waiting since), at the latest from its registration
        var due = rows.ToDictionary(r => r.Id, r =>
        {
            var received = time.Zone.EndOfDay(r.ReceivedOn);
            return calendar.DeadlineFor(r.Urgency, time.ToLocal(received < r.RegisteredAt ? received : r.RegisteredAt)).ToUniversalTime();
        });
        var ordered = Sort switch
        {
            "terlama" => rows.OrderBy(r => r.ReceivedOn).ThenBy(r => r.AgendaYear).ThenBy(r => r.AgendaNumber),
            "derajat" => rows.OrderByDescending(r => r.Urgency).ThenBy(r => due[r.Id]),
            "tenggat" => rows.OrderBy(r => due[r.Id]),
            _ => rows.OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.AgendaYear).ThenByDescending(r => r.AgendaNumber),
        };
        AwaitingTotal = rows.Count;
        var ids = ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(r => r.Id).ToArray();
        var letters = (await session.LoadManyAsync<IncomingLetterView>(ct, ids)).ToDictionary(l => l.Id);
        Awaiting = ids.Where(letters.ContainsKey).Select(id => new AwaitingLetter(letters[id], due[id], due[id] < Now)).ToList();
    }

    public int CountOf(string tab) => tab switch
    {
        "terbuka" => Counts.OpenWork,
        "belum-dibaca" => Counts.UnreadDispositions,
        "terlambat" => Counts.OverdueWork,
        "menunggu" => Counts.LettersAwaitingDisposition,
        "tembusan" => Counts.CopiesToRead,
        "paraf" => AwaitingMySignature,
        _ => -1,
    };

    public string Link(string? status = null, string? sort = null, int page = 1) =>
        "/disposisi" + QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = status ?? Status, ["urut"] = (sort ?? Sort) is { } s && s != "terbaru" ? s : null, ["hal"] = page > 1 ? page.ToString() : null,
        }.Where(p => p.Value is not null)).ToUriComponent();
}
