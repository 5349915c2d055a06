using Arsip.Access;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

public sealed class DisposisiTerkirimModel(IDocumentStore store, ArsipClock clock) : PageModel
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<(string Key, string Label, string ApiStatus)> Filters =
    [
        ("semua", "Semua", "all"),
        ("berjalan", "Menunggu tindak lanjut", "open"),
        ("terlambat", "Terlambat", "overdue"),
        ("selesai", "Selesai atau ditutup", "ended"),
    ];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;

    public SentDispositionPage Sent { get; private set; } = null!;
    public InboxSummary Counts { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> InstructionLabels { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Filters.All(f => f.Key != Status)) Status = "semua";
        PageNumber = Math.Max(1, PageNumber);
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        var now = clock.GetUtcNow();
        Counts = await InboxQueries.SummaryAsync(session, caller, now, ct);
        var (page, _) = await SentDispositionQueries.PageAsync(session, caller, now, Filters.First(f => f.Key == Status).ApiStatus, PageNumber, PageSize, ct);
        if (page is null) return BadRequest();
        Sent = page;
        InstructionLabels = (await DispositionInstructionList.ForAgencyAsync(session, ct)).ToDictionary(i => i.Code, i => i.Label);
        return Page();
    }

    public int CountOf(string filter) => filter switch
    {
        "berjalan" => Counts.SentOpen,
        "terlambat" => Counts.SentOverdue,
        _ => -1,
    };

    public string Link(string? status = null, int page = 1) =>
        "/disposisi/terkirim" + QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = (status ?? Status) is { } s && s != "semua" ? s : null, ["hal"] = page > 1 ? page.ToString() : null,
        }.Where(p => p.Value is not null)).ToUriComponent();
}
