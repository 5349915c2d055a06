using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>
/// The caller's inbox over every position they hold or act for: dispositions through <see cref="InboxEndpoints.List"/>
/// (the API's filters and paging), and the lists behind the dashboard's other counters (letters awaiting the caller's
/// disposition, copies, outgoing letters awaiting the caller's paraf or signature).
/// </summary>
public sealed class DisposisiIndexModel(IDocumentStore store, ArsipClock clock) : PageModel
{
    public const int PageSize = 25;

    /// <summary>The tabs: Indonesian query value, label, and the API's status (null for the letter lists).</summary>
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

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "urut")] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;

    public InboxSummary Counts { get; private set; } = null!;
    public int AwaitingMySignature { get; private set; }
    public InboxPage? Dispositions { get; private set; }
    public IPagedList<IncomingLetterView>? Letters { get; private set; }
    public IReadOnlyList<OutgoingLetterView>? Outgoing { get; private set; }
    public IReadOnlyDictionary<string, string> InstructionLabels { get; private set; } = new Dictionary<string, string>();
    public DateTimeOffset Now { get; private set; }
    public string Label => Tabs.First(t => t.Key == Status).Label;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Tabs.All(t => t.Key != Status)) Status = "terbuka";
        Sort = Sort == "terbaru" ? "terbaru" : "tenggat";
        PageNumber = Math.Max(1, PageNumber);
        var caller = Caller.From(User);
        Now = clock.GetUtcNow();
        await using var session = store.QuerySession(caller.Agency);
        Counts = await InboxEndpoints.Get(caller, session, clock, ct);
        var awaiting = await AwaitingInitialsOrSignature.ForAsync(caller, session, ct);
        AwaitingMySignature = awaiting.Count;
        var api = Tabs.First(t => t.Key == Status).ApiStatus;
        switch (Status)
        {
            case "menunggu":
                Letters = await InboxEndpoints.AwaitingDisposition(session, caller).OrderBy(l => l.ReceivedOn).ToPagedListAsync(PageNumber, PageSize, ct);
                break;
            case "tembusan":
                Letters = await InboxEndpoints.CopiesTo(session, caller).OrderByDescending(l => l.ReceivedOn).ToPagedListAsync(PageNumber, PageSize, ct);
                break;
            case "paraf":
                Outgoing = awaiting;
                break;
            default:
                var result = await InboxEndpoints.List(caller, session, clock, ct, api, Sort == "terbaru" ? "received" : "deadline", PageNumber, PageSize);
                if (result is not Ok<InboxPage> { Value: { } page }) return BadRequest();
                Dispositions = page;
                InstructionLabels = (await DispositionInstructionList.ForAgencyAsync(session, ct)).ToDictionary(i => i.Code, i => i.Label);
                break;
        }
        return Page();
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
            ["status"] = status ?? Status, ["urut"] = (sort ?? Sort) == "terbaru" ? "terbaru" : null, ["hal"] = page > 1 ? page.ToString() : null,
        }.Where(p => p.Value is not null)).ToUriComponent();
}
